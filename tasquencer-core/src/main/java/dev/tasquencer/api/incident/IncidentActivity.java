package dev.tasquencer.api.incident;

import dev.tasquencer.api.context.WorkflowActivityContext;

/**
 * A workflow's {@code onIncident} activity: runs once when an incident opens on an element of the
 * workflow, in the transaction that parks the job as dead. Throwing anything rolls that transaction
 * back (the job then stays running until its lease expires and is claimed again).
 */
@FunctionalInterface
public interface IncidentActivity {
  void run(WorkflowActivityContext ctx, Incident incident) throws Exception;
}

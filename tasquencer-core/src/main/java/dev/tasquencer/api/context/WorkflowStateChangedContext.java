package dev.tasquencer.api.context;

/** Context of a composite task's {@code onWorkflowStateChanged}. */
public interface WorkflowStateChangedContext extends TaskActivityContext, JobScheduling {
  ChildWorkflowEvent workflow();
}

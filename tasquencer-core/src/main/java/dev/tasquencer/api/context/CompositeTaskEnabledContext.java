package dev.tasquencer.api.context;

/** Context of a composite task's {@code onEnabled} and {@code onStarted}. */
public interface CompositeTaskEnabledContext extends TaskActivityContext, JobScheduling {
  ChildWorkflows workflow();
}

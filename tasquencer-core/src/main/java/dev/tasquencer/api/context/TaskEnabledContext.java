package dev.tasquencer.api.context;

/** Context of {@code onEnabled} and {@code onStarted}: the activities that create work items. */
public interface TaskEnabledContext extends TaskActivityContext, JobScheduling {
  WorkItems workItem();
}

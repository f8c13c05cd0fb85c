package dev.tasquencer.api.context;

/** Context of a work item's {@code onStarted}. */
public interface WorkItemStartedContext extends WorkItemActivityContext, JobScheduling {
  @Override
  FinishRequest workItem();
}

package dev.tasquencer.api.context;

/** Context of {@code onWorkItemStateChanged}. */
public interface WorkItemStateChangedContext extends TaskActivityContext, JobScheduling {
  WorkItemEvent workItem();
}

package dev.tasquencer.api.context;

/** Context of a work item's {@code onInitialized}. */
public interface WorkItemInitializedContext extends WorkItemActivityContext, JobScheduling {
  @Override
  StartRequest workItem();
}

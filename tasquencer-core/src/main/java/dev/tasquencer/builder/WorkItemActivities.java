package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInitializedContext;
import dev.tasquencer.api.context.WorkItemStartedContext;

/** The hooks of a work item definition; a null hook does nothing. */
public record WorkItemActivities(
    Activity<WorkItemInitializedContext> onInitialized,
    Activity<WorkItemStartedContext> onStarted,
    Activity<WorkItemActivityContext> onCompleted,
    Activity<WorkItemActivityContext> onFailed,
    Activity<WorkItemActivityContext> onCanceled,
    Activity<WorkItemActivityContext> onReset) {

  static final WorkItemActivities NONE = new WorkItemActivities(null, null, null, null, null, null);
}

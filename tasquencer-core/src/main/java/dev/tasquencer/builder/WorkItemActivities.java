package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInitializedContext;
import dev.tasquencer.api.context.WorkItemStartedContext;
import org.jspecify.annotations.Nullable;

/** The hooks of a work item definition; a null hook does nothing. */
public record WorkItemActivities(
    @Nullable Activity<WorkItemInitializedContext> onInitialized,
    @Nullable Activity<WorkItemStartedContext> onStarted,
    @Nullable Activity<WorkItemActivityContext> onCompleted,
    @Nullable Activity<WorkItemActivityContext> onFailed,
    @Nullable Activity<WorkItemActivityContext> onCanceled,
    @Nullable Activity<WorkItemActivityContext> onReset) {

  static final WorkItemActivities NONE = new WorkItemActivities(null, null, null, null, null, null);
}

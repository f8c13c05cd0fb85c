package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.context.WorkItemStateChangedContext;
import org.jspecify.annotations.Nullable;

/** The hooks of an atomic task definition; a null hook does nothing. */
public record TaskActivities(
    @Nullable Activity<TaskEnabledContext> onEnabled,
    @Nullable Activity<TaskEndedContext> onDisabled,
    @Nullable Activity<TaskEnabledContext> onStarted,
    @Nullable Activity<TaskEndedContext> onCompleted,
    @Nullable Activity<TaskEndedContext> onFailed,
    @Nullable Activity<TaskEndedContext> onCanceled,
    @Nullable Activity<WorkItemStateChangedContext> onWorkItemStateChanged) {

  static final TaskActivities NONE = new TaskActivities(null, null, null, null, null, null, null);
}

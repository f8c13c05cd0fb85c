package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.context.WorkItemStateChangedContext;

/** The hooks of an atomic task definition; a null hook does nothing. */
public record TaskActivities(
    Activity<TaskEnabledContext> onEnabled,
    Activity<TaskEndedContext> onDisabled,
    Activity<TaskEnabledContext> onStarted,
    Activity<TaskEndedContext> onCompleted,
    Activity<TaskEndedContext> onFailed,
    Activity<TaskEndedContext> onCanceled,
    Activity<WorkItemStateChangedContext> onWorkItemStateChanged) {

  static final TaskActivities NONE = new TaskActivities(null, null, null, null, null, null, null);
}

package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkflowActivityContext;

/** The hooks of a workflow definition; a null hook does nothing. */
public record WorkflowActivities(
    Activity<WorkflowActivityContext> onInitialized,
    Activity<WorkflowActivityContext> onStarted,
    Activity<WorkflowActivityContext> onCompleted,
    Activity<WorkflowActivityContext> onFailed,
    Activity<WorkflowActivityContext> onCanceled) {

  static final WorkflowActivities NONE = new WorkflowActivities(null, null, null, null, null);
}

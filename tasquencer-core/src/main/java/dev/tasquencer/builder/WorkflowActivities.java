package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkflowActivityContext;
import dev.tasquencer.api.incident.IncidentActivity;
import org.jspecify.annotations.Nullable;

/** The hooks of a workflow definition; a null hook does nothing. */
public record WorkflowActivities(
    @Nullable Activity<WorkflowActivityContext> onInitialized,
    @Nullable Activity<WorkflowActivityContext> onStarted,
    @Nullable Activity<WorkflowActivityContext> onCompleted,
    @Nullable Activity<WorkflowActivityContext> onFailed,
    @Nullable Activity<WorkflowActivityContext> onCanceled,
    @Nullable IncidentActivity onIncident) {

  static final WorkflowActivities NONE = new WorkflowActivities(null, null, null, null, null, null);
}

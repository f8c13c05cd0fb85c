package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.CompositeTaskEnabledContext;
import dev.tasquencer.api.context.CompositeTaskEndedContext;
import dev.tasquencer.api.context.WorkflowStateChangedContext;

/** The hooks of a composite or dynamic composite task; a null hook does nothing. */
public record CompositeTaskActivities(
    Activity<CompositeTaskEnabledContext> onEnabled,
    Activity<CompositeTaskEndedContext> onDisabled,
    Activity<CompositeTaskEnabledContext> onStarted,
    Activity<CompositeTaskEndedContext> onCompleted,
    Activity<CompositeTaskEndedContext> onFailed,
    Activity<CompositeTaskEndedContext> onCanceled,
    Activity<WorkflowStateChangedContext> onWorkflowStateChanged) {

  static final CompositeTaskActivities NONE =
      new CompositeTaskActivities(null, null, null, null, null, null, null);

  CompositeTaskActivities withOnEnabled(Activity<CompositeTaskEnabledContext> a) {
    return new CompositeTaskActivities(
        a, onDisabled, onStarted, onCompleted, onFailed, onCanceled, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnDisabled(Activity<CompositeTaskEndedContext> a) {
    return new CompositeTaskActivities(
        onEnabled, a, onStarted, onCompleted, onFailed, onCanceled, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnStarted(Activity<CompositeTaskEnabledContext> a) {
    return new CompositeTaskActivities(
        onEnabled, onDisabled, a, onCompleted, onFailed, onCanceled, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnCompleted(Activity<CompositeTaskEndedContext> a) {
    return new CompositeTaskActivities(
        onEnabled, onDisabled, onStarted, a, onFailed, onCanceled, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnFailed(Activity<CompositeTaskEndedContext> a) {
    return new CompositeTaskActivities(
        onEnabled, onDisabled, onStarted, onCompleted, a, onCanceled, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnCanceled(Activity<CompositeTaskEndedContext> a) {
    return new CompositeTaskActivities(
        onEnabled, onDisabled, onStarted, onCompleted, onFailed, a, onWorkflowStateChanged);
  }

  CompositeTaskActivities withOnWorkflowStateChanged(Activity<WorkflowStateChangedContext> a) {
    return new CompositeTaskActivities(
        onEnabled, onDisabled, onStarted, onCompleted, onFailed, onCanceled, a);
  }
}

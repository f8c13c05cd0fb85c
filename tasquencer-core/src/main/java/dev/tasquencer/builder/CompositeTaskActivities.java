package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.CompositeTaskEnabledContext;
import dev.tasquencer.api.context.CompositeTaskEndedContext;
import dev.tasquencer.api.context.WorkflowStateChangedContext;
import org.jspecify.annotations.Nullable;

/** The hooks of a composite or dynamic composite task; a null hook does nothing. */
public record CompositeTaskActivities(
    @Nullable Activity<CompositeTaskEnabledContext> onEnabled,
    @Nullable Activity<CompositeTaskEndedContext> onDisabled,
    @Nullable Activity<CompositeTaskEnabledContext> onStarted,
    @Nullable Activity<CompositeTaskEndedContext> onCompleted,
    @Nullable Activity<CompositeTaskEndedContext> onFailed,
    @Nullable Activity<CompositeTaskEndedContext> onCanceled,
    @Nullable Activity<WorkflowStateChangedContext> onWorkflowStateChanged) {

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

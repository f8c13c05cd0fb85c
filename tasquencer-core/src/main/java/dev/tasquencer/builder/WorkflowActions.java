package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.context.WorkflowCancelActionContext;
import dev.tasquencer.api.context.WorkflowInitializeActionContext;

/**
 * The initialize and cancel actions of a workflow definition. As for {@link WorkItemActions}, an
 * action set with a payload type and a callback is custom (outside callers may use it); one set
 * with a payload type only stays the internal-only default, with payloads validated against the
 * type; one not set keeps its default (internal-only, any payload). Immutable.
 */
public final class WorkflowActions {
  final ActionSpec<WorkflowInitializeActionContext> initialize;
  final ActionSpec<WorkflowCancelActionContext> cancel;

  static final WorkflowActions DEFAULTS =
      new WorkflowActions(ActionSpec.defaultAction(), ActionSpec.defaultAction());

  private WorkflowActions(
      ActionSpec<WorkflowInitializeActionContext> initialize,
      ActionSpec<WorkflowCancelActionContext> cancel) {
    this.initialize = initialize;
    this.cancel = cancel;
  }

  /** A custom initialize action; its payload is validated and stored with the workflow. */
  public <P> WorkflowActions initialize(
      Class<P> payloadType, Action<WorkflowInitializeActionContext, ? super P> action) {
    return new WorkflowActions(ActionSpec.custom(payloadType, action), cancel);
  }

  /**
   * The default (internal-only) initialize action, with payloads validated against {@code
   * payloadType} and stored with the workflow.
   */
  public WorkflowActions initialize(Class<?> payloadType) {
    return new WorkflowActions(ActionSpec.internalOnly(payloadType), cancel);
  }

  /** A custom cancel action, of explicit cancellations (not of teardown). */
  public <P> WorkflowActions cancel(
      Class<P> payloadType, Action<WorkflowCancelActionContext, ? super P> action) {
    return new WorkflowActions(initialize, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) cancel action, with payloads validated against the type. */
  public WorkflowActions cancel(Class<?> payloadType) {
    return new WorkflowActions(initialize, ActionSpec.internalOnly(payloadType));
  }

  public ActionSpec<WorkflowInitializeActionContext> initializeAction() {
    return initialize;
  }

  public ActionSpec<WorkflowCancelActionContext> cancelAction() {
    return cancel;
  }
}

package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.context.WorkflowCancelActionContext;
import dev.tasquencer.api.context.WorkflowInitializeActionContext;

/**
 * The initialize and cancel actions of a workflow definition. An action not set here keeps its
 * default, which only internal calls may use. Immutable.
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

  /** The initialize action; its payload is validated and stored with the workflow. */
  public <P> WorkflowActions initialize(
      Class<P> payloadType, Action<WorkflowInitializeActionContext, ? super P> action) {
    return new WorkflowActions(ActionSpec.custom(payloadType, action), cancel);
  }

  /** The cancel action of explicit cancellations (not of teardown). */
  public <P> WorkflowActions cancel(
      Class<P> payloadType, Action<WorkflowCancelActionContext, ? super P> action) {
    return new WorkflowActions(initialize, ActionSpec.custom(payloadType, action));
  }

  public ActionSpec<WorkflowInitializeActionContext> initializeAction() {
    return initialize;
  }

  public ActionSpec<WorkflowCancelActionContext> cancelAction() {
    return cancel;
  }
}

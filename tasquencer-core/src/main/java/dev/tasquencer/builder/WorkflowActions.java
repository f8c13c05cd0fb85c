package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.WorkflowCancelActionContext;
import dev.tasquencer.api.context.WorkflowInitializeActionContext;

/**
 * The initialize and cancel actions of a workflow definition. As for {@link WorkItemActions}, an
 * action set with a payload type and a callback is custom (outside callers may use it); one set
 * with a payload type only stays the internal-only default, with payloads validated against the
 * type; one not set keeps its default (internal-only, any payload). Either may carry a {@link
 * Policy}: then outside callers must name an actor the policy allows, and a default action with a
 * policy is open to them. Immutable.
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

  /** A custom initialize action that outside callers may use as an actor {@code policy} allows. */
  public <P> WorkflowActions initialize(
      Class<P> payloadType,
      Policy policy,
      Action<WorkflowInitializeActionContext, ? super P> action) {
    return new WorkflowActions(
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action),
        cancel);
  }

  /** The default initialize action, opened to outside callers whose actor {@code policy} allows. */
  public WorkflowActions initialize(Class<?> payloadType, Policy policy) {
    return new WorkflowActions(ActionSpec.authorizedDefault(payloadType, policy), cancel);
  }

  /** A custom cancel action that outside callers may use as an actor {@code policy} allows. */
  public <P> WorkflowActions cancel(
      Class<P> payloadType, Policy policy, Action<WorkflowCancelActionContext, ? super P> action) {
    return new WorkflowActions(
        initialize,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /** The default cancel action, opened to outside callers whose actor {@code policy} allows. */
  public WorkflowActions cancel(Class<?> payloadType, Policy policy) {
    return new WorkflowActions(initialize, ActionSpec.authorizedDefault(payloadType, policy));
  }

  public ActionSpec<WorkflowInitializeActionContext> initializeAction() {
    return initialize;
  }

  public ActionSpec<WorkflowCancelActionContext> cancelAction() {
    return cancel;
  }
}

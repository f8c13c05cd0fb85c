package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.WorkflowCancelActionContext;
import dev.tasquencer.api.context.WorkflowInitializeActionContext;
import org.jspecify.annotations.Nullable;

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

  /** The policy of every custom action without one of its own, or null. */
  private final @Nullable Policy policy;

  /** The actions as the engine uses them: custom ones without a policy get {@link #policy}. */
  private final ActionSpec<WorkflowInitializeActionContext> initializeEffective;

  private final ActionSpec<WorkflowCancelActionContext> cancelEffective;

  static final WorkflowActions DEFAULTS =
      new WorkflowActions(ActionSpec.defaultAction(), ActionSpec.defaultAction(), null);

  private WorkflowActions(
      ActionSpec<WorkflowInitializeActionContext> initialize,
      ActionSpec<WorkflowCancelActionContext> cancel,
      @Nullable Policy policy) {
    this.initialize = initialize;
    this.cancel = cancel;
    this.policy = policy;
    this.initializeEffective = initialize.withFallback(policy);
    this.cancelEffective = cancel.withFallback(policy);
  }

  private WorkflowActions copy(
      ActionSpec<WorkflowInitializeActionContext> initialize,
      ActionSpec<WorkflowCancelActionContext> cancel) {
    return new WorkflowActions(initialize, cancel, policy);
  }

  /**
   * The policy of every custom action (one with a callback) of this workflow that declares none of
   * its own, set before or after the actions. Default actions stay internal-only unless they have a
   * policy of their own.
   */
  public WorkflowActions policy(Policy policy) {
    return new WorkflowActions(
        initialize, cancel, java.util.Objects.requireNonNull(policy, "policy"));
  }

  /** A custom initialize action; its payload is validated and stored with the workflow. */
  public <P> WorkflowActions initialize(
      Class<P> payloadType, Action<WorkflowInitializeActionContext, ? super P> action) {
    return copy(ActionSpec.custom(payloadType, action), cancel);
  }

  /**
   * The default (internal-only) initialize action, with payloads validated against {@code
   * payloadType} and stored with the workflow.
   */
  public WorkflowActions initialize(Class<?> payloadType) {
    return copy(ActionSpec.internalOnly(payloadType), cancel);
  }

  /** A custom cancel action, of explicit cancellations (not of teardown). */
  public <P> WorkflowActions cancel(
      Class<P> payloadType, Action<WorkflowCancelActionContext, ? super P> action) {
    return copy(initialize, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) cancel action, with payloads validated against the type. */
  public WorkflowActions cancel(Class<?> payloadType) {
    return copy(initialize, ActionSpec.internalOnly(payloadType));
  }

  /** A custom initialize action that outside callers may use as an actor {@code policy} allows. */
  public <P> WorkflowActions initialize(
      Class<P> payloadType,
      Policy policy,
      Action<WorkflowInitializeActionContext, ? super P> action) {
    return copy(
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action),
        cancel);
  }

  /** The default initialize action, opened to outside callers whose actor {@code policy} allows. */
  public WorkflowActions initialize(Class<?> payloadType, Policy policy) {
    return copy(ActionSpec.authorizedDefault(payloadType, policy), cancel);
  }

  /** A custom cancel action that outside callers may use as an actor {@code policy} allows. */
  public <P> WorkflowActions cancel(
      Class<P> payloadType, Policy policy, Action<WorkflowCancelActionContext, ? super P> action) {
    return copy(
        initialize,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /** The default cancel action, opened to outside callers whose actor {@code policy} allows. */
  public WorkflowActions cancel(Class<?> payloadType, Policy policy) {
    return copy(initialize, ActionSpec.authorizedDefault(payloadType, policy));
  }

  public ActionSpec<WorkflowInitializeActionContext> initializeAction() {
    return initializeEffective;
  }

  public ActionSpec<WorkflowCancelActionContext> cancelAction() {
    return cancelEffective;
  }
}

package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.context.WorkItemActionContext.Cancel;
import dev.tasquencer.api.context.WorkItemActionContext.Complete;
import dev.tasquencer.api.context.WorkItemActionContext.Fail;
import dev.tasquencer.api.context.WorkItemActionContext.Reset;
import dev.tasquencer.api.context.WorkItemActionContext.Start;
import dev.tasquencer.api.context.WorkItemInitializeActionContext;
import org.jspecify.annotations.Nullable;

/**
 * The six actions of a work item definition. Each can be set in one of these ways:
 *
 * <ul>
 *   <li>with a payload type and a callback ({@code complete(Decision.class, (ctx, p) -> ...)}): a
 *       <b>custom</b> action, which outside callers may use (the callback authorizes them);
 *   <li>with a payload type, a {@link Policy} and a callback ({@code complete(Decision.class,
 *       Policy.requireScope("expense:approve"), (ctx, p) -> ...)}): an <b>authorized</b> custom
 *       action: outside callers must name an actor the policy allows;
 *   <li>with a payload type and a policy ({@code start(Void.class, policy)}): the default action,
 *       opened to outside callers the policy allows;
 *   <li>with a payload type only ({@code initialize(InvoiceRequest.class)}): the <b>default</b>
 *       action, still <b>internal-only</b>, whose payloads are validated against the type.
 * </ul>
 *
 * An action not set keeps its default: internal-only, any payload. Immutable: every method returns
 * a new instance.
 */
public final class WorkItemActions {
  final ActionSpec<WorkItemInitializeActionContext> initialize;
  final ActionSpec<WorkItemActionContext<Start>> start;
  final ActionSpec<WorkItemActionContext<Complete>> complete;
  final ActionSpec<WorkItemActionContext<Fail>> fail;
  final ActionSpec<WorkItemActionContext<Cancel>> cancel;
  final ActionSpec<WorkItemActionContext<Reset>> reset;

  /** The policy of every custom action without one of its own, or null. */
  private final @Nullable Policy policy;

  /** The actions as the engine uses them: custom ones without a policy get {@link #policy}. */
  private final ActionSpec<WorkItemInitializeActionContext> initializeEffective;

  private final ActionSpec<WorkItemActionContext<Start>> startEffective;
  private final ActionSpec<WorkItemActionContext<Complete>> completeEffective;
  private final ActionSpec<WorkItemActionContext<Fail>> failEffective;
  private final ActionSpec<WorkItemActionContext<Cancel>> cancelEffective;
  private final ActionSpec<WorkItemActionContext<Reset>> resetEffective;

  static final WorkItemActions DEFAULTS =
      new WorkItemActions(
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          null);

  private enum Slot {
    INITIALIZE,
    START,
    COMPLETE,
    FAIL,
    CANCEL,
    RESET
  }

  private WorkItemActions(
      ActionSpec<WorkItemInitializeActionContext> initialize,
      ActionSpec<WorkItemActionContext<Start>> start,
      ActionSpec<WorkItemActionContext<Complete>> complete,
      ActionSpec<WorkItemActionContext<Fail>> fail,
      ActionSpec<WorkItemActionContext<Cancel>> cancel,
      ActionSpec<WorkItemActionContext<Reset>> reset,
      @Nullable Policy policy) {
    this.initialize = initialize;
    this.start = start;
    this.complete = complete;
    this.fail = fail;
    this.cancel = cancel;
    this.reset = reset;
    this.policy = policy;
    this.initializeEffective = initialize.withFallback(policy);
    this.startEffective = start.withFallback(policy);
    this.completeEffective = complete.withFallback(policy);
    this.failEffective = fail.withFallback(policy);
    this.cancelEffective = cancel.withFallback(policy);
    this.resetEffective = reset.withFallback(policy);
  }

  /**
   * The policy of every custom action (one with a callback) of this work item that declares none of
   * its own, set before or after the actions: a default for the whole definition, as {@code
   * TasquencerBuilder.requirePolicies(true)} asks. Default actions stay internal-only; they are
   * opened only by a policy of their own ({@code start(Void.class, policy)}).
   */
  public WorkItemActions policy(Policy policy) {
    return new WorkItemActions(
        initialize,
        start,
        complete,
        fail,
        cancel,
        reset,
        java.util.Objects.requireNonNull(policy, "policy"));
  }

  /** A copy with the action in {@code slot} replaced (the spec's context type fits the slot). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private WorkItemActions with(Slot slot, ActionSpec spec) {
    return new WorkItemActions(
        slot == Slot.INITIALIZE ? spec : initialize,
        slot == Slot.START ? spec : start,
        slot == Slot.COMPLETE ? spec : complete,
        slot == Slot.FAIL ? spec : fail,
        slot == Slot.CANCEL ? spec : cancel,
        slot == Slot.RESET ? spec : reset,
        policy);
  }

  /** A custom initialize action; its payload is validated and stored with the work item. */
  public <P> WorkItemActions initialize(
      Class<P> payloadType, Action<WorkItemInitializeActionContext, ? super P> action) {
    return with(Slot.INITIALIZE, ActionSpec.custom(payloadType, action));
  }

  /**
   * The default (internal-only) initialize action, with payloads validated against {@code
   * payloadType} and stored with the work item.
   */
  public WorkItemActions initialize(Class<?> payloadType) {
    return with(Slot.INITIALIZE, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom initialize action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions initialize(
      Class<P> payloadType,
      Policy policy,
      Action<WorkItemInitializeActionContext, ? super P> action) {
    return with(
        Slot.INITIALIZE,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default initialize action, opened to outside callers whose actor {@code policy} allows,
   * with payloads validated against {@code payloadType}.
   */
  public WorkItemActions initialize(Class<?> payloadType, Policy policy) {
    return with(Slot.INITIALIZE, ActionSpec.authorizedDefault(payloadType, policy));
  }

  /** A custom start action. */
  public <P> WorkItemActions start(
      Class<P> payloadType, Action<WorkItemActionContext<Start>, ? super P> action) {
    return with(Slot.START, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) start action, with payloads validated against the type. */
  public WorkItemActions start(Class<?> payloadType) {
    return with(Slot.START, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom start action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions start(
      Class<P> payloadType, Policy policy, Action<WorkItemActionContext<Start>, ? super P> action) {
    return with(
        Slot.START,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default start action, opened to outside callers whose actor {@code policy} allows, with
   * payloads validated against {@code payloadType}.
   */
  public WorkItemActions start(Class<?> payloadType, Policy policy) {
    return with(Slot.START, ActionSpec.authorizedDefault(payloadType, policy));
  }

  /** A custom complete action. */
  public <P> WorkItemActions complete(
      Class<P> payloadType, Action<WorkItemActionContext<Complete>, ? super P> action) {
    return with(Slot.COMPLETE, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) complete action, with payloads validated against the type. */
  public WorkItemActions complete(Class<?> payloadType) {
    return with(Slot.COMPLETE, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom complete action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions complete(
      Class<P> payloadType,
      Policy policy,
      Action<WorkItemActionContext<Complete>, ? super P> action) {
    return with(
        Slot.COMPLETE,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default complete action, opened to outside callers whose actor {@code policy} allows, with
   * payloads validated against {@code payloadType}.
   */
  public WorkItemActions complete(Class<?> payloadType, Policy policy) {
    return with(Slot.COMPLETE, ActionSpec.authorizedDefault(payloadType, policy));
  }

  /** A custom fail action. */
  public <P> WorkItemActions fail(
      Class<P> payloadType, Action<WorkItemActionContext<Fail>, ? super P> action) {
    return with(Slot.FAIL, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) fail action, with payloads validated against the type. */
  public WorkItemActions fail(Class<?> payloadType) {
    return with(Slot.FAIL, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom fail action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions fail(
      Class<P> payloadType, Policy policy, Action<WorkItemActionContext<Fail>, ? super P> action) {
    return with(
        Slot.FAIL,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default fail action, opened to outside callers whose actor {@code policy} allows, with
   * payloads validated against {@code payloadType}.
   */
  public WorkItemActions fail(Class<?> payloadType, Policy policy) {
    return with(Slot.FAIL, ActionSpec.authorizedDefault(payloadType, policy));
  }

  /** A custom cancel action (of explicit cancellations, not of teardown). */
  public <P> WorkItemActions cancel(
      Class<P> payloadType, Action<WorkItemActionContext<Cancel>, ? super P> action) {
    return with(Slot.CANCEL, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) cancel action, with payloads validated against the type. */
  public WorkItemActions cancel(Class<?> payloadType) {
    return with(Slot.CANCEL, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom cancel action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions cancel(
      Class<P> payloadType,
      Policy policy,
      Action<WorkItemActionContext<Cancel>, ? super P> action) {
    return with(
        Slot.CANCEL,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default cancel action, opened to outside callers whose actor {@code policy} allows, with
   * payloads validated against {@code payloadType}.
   */
  public WorkItemActions cancel(Class<?> payloadType, Policy policy) {
    return with(Slot.CANCEL, ActionSpec.authorizedDefault(payloadType, policy));
  }

  /** A custom reset action. */
  public <P> WorkItemActions reset(
      Class<P> payloadType, Action<WorkItemActionContext<Reset>, ? super P> action) {
    return with(Slot.RESET, ActionSpec.custom(payloadType, action));
  }

  /** The default (internal-only) reset action, with payloads validated against the type. */
  public WorkItemActions reset(Class<?> payloadType) {
    return with(Slot.RESET, ActionSpec.internalOnly(payloadType));
  }

  /**
   * A custom reset action that outside callers may use only as an actor {@code policy} allows
   * (checked before the callback runs; internal calls skip it).
   */
  public <P> WorkItemActions reset(
      Class<P> payloadType, Policy policy, Action<WorkItemActionContext<Reset>, ? super P> action) {
    return with(
        Slot.RESET,
        ActionSpec.custom(payloadType, java.util.Objects.requireNonNull(policy, "policy"), action));
  }

  /**
   * The default reset action, opened to outside callers whose actor {@code policy} allows, with
   * payloads validated against {@code payloadType}.
   */
  public WorkItemActions reset(Class<?> payloadType, Policy policy) {
    return with(Slot.RESET, ActionSpec.authorizedDefault(payloadType, policy));
  }

  public ActionSpec<WorkItemInitializeActionContext> initializeAction() {
    return initializeEffective;
  }

  public ActionSpec<WorkItemActionContext<Start>> startAction() {
    return startEffective;
  }

  public ActionSpec<WorkItemActionContext<Complete>> completeAction() {
    return completeEffective;
  }

  public ActionSpec<WorkItemActionContext<Fail>> failAction() {
    return failEffective;
  }

  public ActionSpec<WorkItemActionContext<Cancel>> cancelAction() {
    return cancelEffective;
  }

  public ActionSpec<WorkItemActionContext<Reset>> resetAction() {
    return resetEffective;
  }
}

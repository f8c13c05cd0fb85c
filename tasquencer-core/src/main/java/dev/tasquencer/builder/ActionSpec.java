package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.authorization.Policy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One action of an element: its payload type, callback and policy. An action with a callback is
 * custom: outside callers may use it. An action without one is a default action, which only
 * internal calls may use, unless it has a policy: then outside callers whose actor the policy
 * allows may use it too. It accepts any payload unless the definition declared a payload type for
 * it.
 *
 * @param payloadType the type payloads are validated and converted to; {@code Object} means any
 *     payload (or none), {@code Void} means the action takes no payload (anything sent is ignored)
 * @param callback the user callback, or null for a default action
 * @param policy who may call the action from outside, or null: then a custom action lets every
 *     outside caller through (its callback decides), and a default action none
 */
public record ActionSpec<C>(
    Class<?> payloadType, @Nullable Action<C, Object> callback, @Nullable Policy policy) {

  /** A default action: internal callers only, any payload. */
  public static <C> ActionSpec<C> defaultAction() {
    return new ActionSpec<>(Object.class, null, null);
  }

  /** A default action whose payloads must fit {@code type}: internal callers only. */
  static <C> ActionSpec<C> internalOnly(Class<?> type) {
    Objects.requireNonNull(type, "payload type (use Void.class for none)");
    return new ActionSpec<>(type, null, null);
  }

  /** A default action open to outside callers whose actor {@code policy} allows. */
  static <C> ActionSpec<C> authorizedDefault(Class<?> type, Policy policy) {
    Objects.requireNonNull(type, "payload type (use Void.class for none)");
    Objects.requireNonNull(policy, "policy");
    return new ActionSpec<>(type, null, policy);
  }

  /** Whether the definition overrode this action with a callback. */
  public boolean isCustom() {
    return callback != null;
  }

  /** Whether outside callers may use this action: it has a callback or a policy. */
  public boolean isExternal() {
    return callback != null || policy != null;
  }

  /**
   * This action with {@code fallback} as its policy if it is custom and has none of its own (the
   * policy a definition gives all its custom actions); otherwise this action unchanged.
   */
  ActionSpec<C> withFallback(@Nullable Policy fallback) {
    return fallback != null && callback != null && policy == null
        ? new ActionSpec<>(payloadType, callback, fallback)
        : this;
  }

  static <C, P> ActionSpec<C> custom(Class<P> type, Action<C, ? super P> callback) {
    return custom(type, null, callback);
  }

  @SuppressWarnings("unchecked")
  static <C, P> ActionSpec<C> custom(
      Class<P> type, @Nullable Policy policy, Action<C, ? super P> callback) {
    Objects.requireNonNull(type, "payload type (use Void.class for none)");
    Objects.requireNonNull(callback, "action callback");
    return new ActionSpec<>(type, (Action<C, Object>) (Action<C, ?>) callback, policy);
  }
}

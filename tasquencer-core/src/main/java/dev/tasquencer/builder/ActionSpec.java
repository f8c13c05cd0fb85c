package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import org.jspecify.annotations.Nullable;

/**
 * One action of an element: its payload type and callback. An action with a callback is custom:
 * outside callers may use it. An action without one is a default action, which only internal calls
 * may use; it accepts any payload unless the definition declared a payload type for it.
 *
 * @param payloadType the type payloads are validated and converted to; {@code Object} means any
 *     payload (or none), {@code Void} means the action takes no payload (anything sent is ignored)
 * @param callback the user callback, or null for a default action
 */
public record ActionSpec<C>(Class<?> payloadType, @Nullable Action<C, Object> callback) {

  /** A default action: internal callers only, any payload. */
  public static <C> ActionSpec<C> defaultAction() {
    return new ActionSpec<>(Object.class, null);
  }

  /** A default action whose payloads must fit {@code type}: internal callers only. */
  static <C> ActionSpec<C> internalOnly(Class<?> type) {
    java.util.Objects.requireNonNull(type, "payload type (use Void.class for none)");
    return new ActionSpec<>(type, null);
  }

  /** Whether the definition overrode this action (so outside callers may use it). */
  public boolean isCustom() {
    return callback != null;
  }

  @SuppressWarnings("unchecked")
  static <C, P> ActionSpec<C> custom(Class<P> type, Action<C, ? super P> callback) {
    java.util.Objects.requireNonNull(type, "payload type (use Void.class for none)");
    java.util.Objects.requireNonNull(callback, "action callback");
    return new ActionSpec<>(type, (Action<C, Object>) (Action<C, ?>) callback);
  }
}

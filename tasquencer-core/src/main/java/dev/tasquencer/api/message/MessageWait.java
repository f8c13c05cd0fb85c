package dev.tasquencer.api.message;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkItemStartedContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A work item definition's wait for a message ({@code Builder.workItem(...).awaits(wait)}): every
 * work item of that definition waits, from its initialize until it ends, for {@link #message} under
 * the key {@link #key} computes. A message delivered to it starts it if it is initialized, then
 * completes it with the message's payload (validated by its complete action, as a completion
 * payload is), or, when the wait declares {@link #onMessage}, runs that activity instead of the
 * completion.
 *
 * @param message the message waited for
 * @param key computes the correlation key at initialize
 * @param onMessage runs instead of the completion when the message arrives; null to complete
 */
public record MessageWait(
    Message message, CorrelationKey key, @Nullable Activity<WorkItemStartedContext> onMessage) {

  public MessageWait {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(key, "correlation key");
  }

  /**
   * The same wait, running {@code activity} when the message arrives instead of completing the work
   * item: the item is started first (when it is initialized), then the activity runs with the
   * message's payload as its {@code transitionPayload} and may request complete, fail or cancel
   * (run on the engine's account, after it). When it requests nothing the item stays started; the
   * wait is used up either way.
   */
  public MessageWait onMessage(Activity<WorkItemStartedContext> activity) {
    return new MessageWait(message, key, Objects.requireNonNull(activity, "activity"));
  }
}

package dev.tasquencer.api.message;

import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A kind of message work items wait for: its name, whether it is kept when nobody waits for it
 * ({@link #bufferable}), and who may send it from outside ({@link #allowedBy}). Declare it once, as
 * a constant, and let work item definitions wait for it ({@link #keyedBy}); every registered
 * definition that names the message must declare it alike (the engine refuses to build otherwise).
 * See {@code docs/messages.md}.
 *
 * <pre>{@code
 * static final Message PAYMENT_RECEIVED =
 *     Message.named("payment-received")
 *         .bufferable(Duration.ofHours(24))
 *         .allowedBy(Policy.anyActor());
 *
 * Builder.workItem("awaitPayment")
 *     .awaits(PAYMENT_RECEIVED.keyedBy(ctx -> ctx.payload(Order.class).orderId()));
 *
 * engine.as(Actor.system("payments-webhook"))
 *     .correlate("payment-received", orderId, new Payment(amount));
 * }</pre>
 *
 * @param name the message's name, at most {@value #MAX_NAME} characters
 * @param bufferFor how long a message nobody waits for is kept for a later receiver; null when such
 *     a message is refused
 * @param policy who may send the message with an external call ({@code engine.correlate}, {@code
 *     engine.as(actor).correlate}); null when only internal calls ({@code engine.internal()}) may
 */
public record Message(String name, @Nullable Duration bufferFor, @Nullable Policy policy) {

  /** The longest message name. */
  public static final int MAX_NAME = 200;

  /** The longest correlation key. */
  public static final int MAX_KEY = 500;

  public Message {
    Objects.requireNonNull(name, "message name");
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidArgumentException(
          "a message name must be 1 to " + MAX_NAME + " characters, not blank; was '" + name + "'");
    }
    if (bufferFor != null && (bufferFor.isNegative() || bufferFor.isZero())) {
      throw new InvalidArgumentException(
          "message '"
              + name
              + "': bufferable(ttl) needs a positive time to live, was "
              + bufferFor);
    }
  }

  /** A message that is refused when nobody waits for it, and that only internal calls may send. */
  public static Message named(String name) {
    return new Message(name, null, null);
  }

  /**
   * The same message, kept for {@code ttl} when nobody waits for it under its key: it is delivered
   * to the first matching work item initialized before it expires, and never after.
   */
  public Message bufferable(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    return new Message(name, ttl, policy);
  }

  /**
   * The same message, open to external calls whose actor {@code policy} allows (an external call
   * without an actor is refused). Without a policy only internal calls may send it, as only they
   * may use a default action.
   */
  public Message allowedBy(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    return new Message(name, bufferFor, policy);
  }

  /** Whether a message nobody waits for is kept ({@link #bufferable}). */
  public boolean isBufferable() {
    return bufferFor != null;
  }

  /**
   * A wait for this message under the key {@code key} computes when a work item is initialized:
   * give it to {@code Builder.workItem(...).awaits(...)}.
   */
  public MessageWait keyedBy(CorrelationKey key) {
    return new MessageWait(this, Objects.requireNonNull(key, "correlation key"), null);
  }
}

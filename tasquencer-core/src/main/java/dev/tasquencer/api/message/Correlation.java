package dev.tasquencer.api.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@code engine.correlate(message, key, payload)} did: delivered the message to the work items
 * that waited for it under the key, or, for a bufferable message nobody waited for, kept it until
 * {@link #expiresAt}.
 *
 * @param message the message's name
 * @param key the correlation key
 * @param deliveredTo the work items it was delivered to, in the order of their ids; empty when it
 *     was buffered
 * @param bufferedAs the id of the buffered message; null when it was delivered
 * @param expiresAt when the buffered message expires; null when it was delivered
 */
public record Correlation(
    String message,
    String key,
    List<UUID> deliveredTo,
    @Nullable UUID bufferedAs,
    @Nullable Instant expiresAt) {

  public Correlation {
    deliveredTo = List.copyOf(deliveredTo);
  }

  /** Whether the message was kept for a later receiver instead of delivered. */
  public boolean buffered() {
    return bufferedAs != null;
  }
}

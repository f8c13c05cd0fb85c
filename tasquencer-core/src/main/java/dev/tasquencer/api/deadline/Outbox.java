package dev.tasquencer.api.deadline;

import java.util.List;
import java.util.UUID;

/**
 * The engine's outbox, from which an application delivers the notifications of deadlines ({@code
 * engine.outbox()}). A message is written in the transaction of the deadline that fired, so it
 * exists exactly when the firing committed; delivering it is the application's business, at least
 * once: read {@link #pending}, send, then {@link #markDelivered}.
 */
public interface Outbox {
  /**
   * Undelivered messages, oldest first (by creation time, then id), at most {@code limit}.
   *
   * @throws dev.tasquencer.api.error.InvalidArgumentException when {@code limit} is below 1
   */
  List<OutboxMessage> pending(int limit);

  /**
   * Marks a message delivered, at the engine's clock; returns false when there is no such message
   * or it was marked before (so two deliverers racing for one message learn which one won).
   */
  boolean markDelivered(UUID id);
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.deadline.Outbox;
import dev.tasquencer.api.deadline.OutboxMessage;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.internal.store.OutboxTable;
import java.util.List;
import java.util.UUID;

/** {@code engine.outbox()}: reads and marks the outbox rows of notifying deadlines. */
final class EngineOutbox implements Outbox {
  /** The most messages one {@link #pending} call returns. */
  static final int MAX_PAGE = 10_000;

  private final EngineCore core;

  EngineOutbox(EngineCore core) {
    this.core = core;
  }

  @Override
  public List<OutboxMessage> pending(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidArgumentException(
          "outbox().pending: limit must be 1 to "
              + MAX_PAGE
              + ", was "
              + limit
              + "; read the outbox in pages and mark each message delivered after sending it");
    }
    return core.execute(
        CallRequest.QUERY, call -> OutboxTable.pending(call.session.connection(), limit));
  }

  @Override
  public boolean markDelivered(UUID id) {
    Args.notNull("outbox().markDelivered", "id", id);
    return core.execute(
        CallRequest.command("outbox.markDelivered", Origin.EXTERNAL, null),
        call -> OutboxTable.markDelivered(call.session.connection(), id, call.now));
  }
}

package dev.tasquencer.internal.store;

import dev.tasquencer.api.HistoryEvent;

/**
 * An event of a root's history recorded in the current call (a row of {@code tq_history} to
 * insert), with its number in its root's history. History is append-only: rows are never updated.
 */
final class HistoryRow extends Row {
  final HistoryEvent event;
  final long seq;

  HistoryRow(Session session, HistoryEvent event, long seq) {
    super(session, false);
    this.event = event;
    this.seq = seq;
  }
}

package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.HistoryEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A batch of a root's history recorded in the current call: the events one call appends to one
 * root, numbered {@link #firstSeq} to {@link #lastSeq}, written at flush as one row of {@code
 * tq_history}. A batch takes events until the call flushes, until it holds {@link #MAX_EVENTS}
 * events or {@link #MAX_CHARS} characters, or until an event differs in what the row holds once
 * (command, time, actor); then the next event opens a new batch. History is append-only: rows are
 * never updated.
 */
final class HistoryRow extends Row {
  /** Events per batch at most: W1's hundred thousand work items make 400 rows, not 400,000. */
  static final int MAX_EVENTS = 1000;

  /** Characters of a batch's text after which it takes no more events (one may exceed it). */
  static final int MAX_CHARS = 256 * 1024;

  final UUID rootId;
  final long firstSeq;
  final UUID commandId;
  final Instant at;
  final @Nullable Actor actor;
  private final StringBuilder events = new StringBuilder(256).append('[');
  private long lastSeq;

  HistoryRow(Session session, HistoryEvent first, long seq) {
    super(session, false);
    this.rootId = first.rootId();
    this.firstSeq = seq;
    this.commandId = first.commandId();
    this.at = first.at();
    this.actor = first.actor();
    add(first, seq);
  }

  /** Whether {@code e}, numbered {@code seq}, can join this batch. */
  boolean takes(HistoryEvent e, long seq) {
    return isNew() && continues(commandId, at, actor, firstSeq, lastSeq, events.length(), e, seq);
  }

  /**
   * The batching rule, also used to group the events of older schemas: event {@code e}, numbered
   * {@code seq}, continues a batch of the same command, time and actor that holds {@code
   * firstSeq..lastSeq} in {@code chars} characters, while the batch has room.
   */
  static boolean continues(
      UUID commandId,
      Instant at,
      @Nullable Actor actor,
      long firstSeq,
      long lastSeq,
      int chars,
      HistoryEvent e,
      long seq) {
    return seq == lastSeq + 1
        && lastSeq - firstSeq + 1 < MAX_EVENTS
        && chars < MAX_CHARS
        && e.commandId().equals(commandId)
        && e.at().equals(at)
        && Objects.equals(e.actor(), actor);
  }

  void add(HistoryEvent e, long seq) {
    HistoryCodec.append(events, rootId, e);
    lastSeq = seq;
  }

  long lastSeq() {
    return lastSeq;
  }

  /** The batch's text: a JSON array of its events. */
  String eventsJson() {
    String text = events.append(']').toString();
    events.setLength(events.length() - 1);
    return text;
  }
}

package dev.tasquencer.internal.store;

import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The queries on {@code tq_history}: a page of a root's events (keyset pagination by sequence
 * number), the events of a range, and the last event at an instant. Each reads one root's range of
 * the primary key (root_id, seq), starting at the batch that holds the first event asked for. What
 * a row holds once (time, actor) narrows the rows in SQL; {@link HistoryFilter#matches} decides on
 * the decoded events.
 */
final class HistoryReads {
  /** Batches read per query while a page fills. */
  private static final int BATCHES_PER_READ = 16;

  private static final String SELECT =
      "select " + HistoryTable.COLUMNS.list() + " from " + HistoryTable.NAME;

  /**
   * The rows from the batch that holds event {@code ?} on (it is the last that starts at or before
   * it).
   */
  private static final String FROM_BATCH_OF =
      " where root_id = ? and seq >= coalesce((select max(seq) from "
          + HistoryTable.NAME
          + " where root_id = ? and seq <= ?), 0)";

  private static final String RANGE = SELECT + FROM_BATCH_OF + " and seq <= ? order by seq";

  private static final String LAST_AT =
      "select max(last_seq) from " + HistoryTable.NAME + " where root_id = ? and at <= ?";

  private final Statements statements;

  HistoryReads(Statements statements) {
    this.statements = statements;
  }

  /** At most {@code limit} events after {@code afterSeq} that match the filter, in order. */
  List<HistoryEvent> page(UUID rootId, HistoryFilter f, long afterSeq, int limit) {
    StringBuilder sql = new StringBuilder(SELECT).append(FROM_BATCH_OF);
    List<Object> params = new ArrayList<>(List.of(rootId, rootId, 0L));
    if (f.actor() != null) {
      sql.append(" and actor_kind = ? and actor_id = ?");
      params.add(f.actor().kind().id());
      params.add(f.actor().id());
    }
    if (f.from() != null) {
      sql.append(" and at >= ?");
      params.add(f.from());
    }
    if (f.to() != null) {
      sql.append(" and at < ?");
      params.add(f.to());
    }
    sql.append(" order by seq limit ").append(BATCHES_PER_READ);
    String query = sql.toString();
    List<HistoryEvent> out = new ArrayList<>();
    long after = afterSeq;
    while (out.size() < limit) {
      params.set(2, after + 1);
      List<List<HistoryEvent>> batches =
          statements.all(query, HistoryTable::read, params.toArray());
      for (List<HistoryEvent> batch : batches) {
        for (HistoryEvent e : batch) {
          if (e.seq() > after && f.matches(e)) {
            out.add(e);
            if (out.size() == limit) {
              return out;
            }
          }
        }
        after = Math.max(after, batch.get(batch.size() - 1).seq());
      }
      if (batches.size() < BATCHES_PER_READ) {
        break;
      }
    }
    return out;
  }

  /** The events with {@code after < seq <= upTo}, in order. */
  List<HistoryEvent> range(UUID rootId, long after, long upTo) {
    List<HistoryEvent> out = new ArrayList<>();
    for (List<HistoryEvent> batch :
        statements.all(RANGE, HistoryTable::read, rootId, rootId, after + 1, upTo)) {
      for (HistoryEvent e : batch) {
        if (e.seq() > after && e.seq() <= upTo) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** The number of the last event at or before {@code at}; 0 when there is none. */
  long lastSeqAt(UUID rootId, Instant at) {
    return statements.first(LAST_AT, rs -> rs.getLong(1), rootId, at).orElse(0L);
  }
}

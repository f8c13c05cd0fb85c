package dev.tasquencer.internal.store;

import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The queries on {@code tq_history}: a page of a root's events (keyset pagination by sequence
 * number, filters as SQL conditions), the events of a range, and the last event at an instant. Each
 * reads one root's range of the primary key (root_id, seq).
 */
final class HistoryReads {
  private static final String SELECT =
      "select " + HistoryTable.COLUMNS.list() + " from " + HistoryTable.NAME;

  private static final String RANGE =
      SELECT + " where root_id = ? and seq > ? and seq <= ? order by seq";

  private static final String LAST_AT =
      "select max(seq) from " + HistoryTable.NAME + " where root_id = ? and at <= ?";

  private final Statements statements;

  HistoryReads(Statements statements) {
    this.statements = statements;
  }

  /** At most {@code limit} events after {@code afterSeq} that match the filter, in order. */
  List<HistoryEvent> page(UUID rootId, HistoryFilter f, long afterSeq, int limit) {
    StringBuilder sql = new StringBuilder(SELECT).append(" where root_id = ? and seq > ?");
    List<Object> params = new ArrayList<>();
    params.add(rootId);
    params.add(afterSeq);
    if (f.workflowId() != null) {
      sql.append(" and workflow_id = ?");
      params.add(f.workflowId());
    }
    if (f.task() != null) {
      sql.append(" and task = ?");
      params.add(f.task());
    }
    if (f.workItemId() != null) {
      sql.append(" and work_item_id = ?");
      params.add(f.workItemId());
    }
    if (!f.elements().isEmpty()) {
      sql.append(" and element_kind in (");
      int i = 0;
      for (ElementKind k : ElementKind.values()) {
        if (f.elements().contains(k)) {
          sql.append(i++ == 0 ? "?" : ", ?");
          params.add(k.id());
        }
      }
      sql.append(')');
    }
    if (!f.events().isEmpty()) {
      sql.append(" and event in (");
      int i = 0;
      for (String e : f.events().stream().sorted().toList()) {
        sql.append(i++ == 0 ? "?" : ", ?");
        params.add(e);
      }
      sql.append(')');
    }
    if (f.actor() != null) {
      sql.append(" and actor_kind = ? and actor_id = ?");
      params.add(f.actor().kind().id());
      params.add(f.actor().id());
    }
    if (f.origin() != null) {
      sql.append(" and origin = ?");
      params.add(f.origin().id());
    }
    if (f.from() != null) {
      sql.append(" and at >= ?");
      params.add(f.from());
    }
    if (f.to() != null) {
      sql.append(" and at < ?");
      params.add(f.to());
    }
    sql.append(" order by seq limit ?");
    params.add(limit);
    return statements.all(sql.toString(), HistoryTable::read, params.toArray());
  }

  /** The events with {@code after < seq <= upTo}, in order. */
  List<HistoryEvent> range(UUID rootId, long after, long upTo) {
    return statements.all(RANGE, HistoryTable::read, rootId, after, upTo);
  }

  /** The number of the last event at or before {@code at}; 0 when there is none. */
  long lastSeqAt(UUID rootId, java.time.Instant at) {
    return statements.first(LAST_AT, rs -> rs.getLong(1), rootId, at).orElse(0L);
  }
}

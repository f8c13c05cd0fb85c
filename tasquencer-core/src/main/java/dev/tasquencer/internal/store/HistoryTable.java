package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.Origin;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** {@code tq_history}: its columns, how the events of a call are inserted and how one is read. */
final class HistoryTable {
  static final String NAME = "tq_history";

  static final Columns COLUMNS =
      Columns.of(
          "root_id",
          "seq",
          "command_id",
          "at",
          "origin",
          "actor_kind",
          "actor_id",
          "element_kind",
          "workflow_id",
          "task",
          "generation",
          "work_item_id",
          "condition",
          "event",
          "from_state",
          "to_state",
          "payload");

  private HistoryTable() {}

  static TableWriter<HistoryRow> writer() {
    return new TableWriter<>(NAME, COLUMNS, COLUMNS.values(c -> "?"), "") {
      @Override
      int bindInsert(PreparedStatement ps, int p, HistoryRow r) throws SQLException {
        HistoryEvent e = r.event;
        Params.bind(ps, p++, e.rootId());
        ps.setLong(p++, r.seq);
        Params.bind(ps, p++, e.commandId());
        Params.bind(ps, p++, e.at());
        Params.bind(ps, p++, e.origin().id());
        Params.bind(ps, p++, e.actor() == null ? null : e.actor().kind().id());
        Params.bind(ps, p++, e.actor() == null ? null : e.actor().id());
        Params.bind(ps, p++, e.element().id());
        Params.bind(ps, p++, e.workflowId());
        Params.bind(ps, p++, e.task());
        Params.bind(ps, p++, e.generation());
        Params.bind(ps, p++, e.workItemId());
        Params.bind(ps, p++, e.condition());
        Params.bind(ps, p++, e.event());
        Params.bind(ps, p++, e.fromState());
        Params.bind(ps, p++, e.toState());
        Params.bind(ps, p++, e.payloadJson());
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, HistoryRow r) {
        throw new UnsupportedOperationException("history rows are never updated");
      }
    };
  }

  /** Reads the event at the cursor. */
  static HistoryEvent read(ResultSet rs) throws SQLException {
    String actorKind = rs.getString("actor_kind");
    String actorId = rs.getString("actor_id");
    long seq = rs.getLong("seq");
    return new HistoryEvent(
        Params.uuid(rs, "root_id"),
        seq,
        Params.uuid(rs, "command_id"),
        Params.instant(rs, "at"),
        Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)),
        actorKind == null ? null : new Actor(Actor.Kind.of(actorKind), actorId),
        ElementKind.of(rs.getString("element_kind")),
        Params.uuid(rs, "workflow_id"),
        rs.getString("task"),
        Params.nullableInt(rs, "generation"),
        Params.uuid(rs, "work_item_id"),
        rs.getString("condition"),
        rs.getString("event"),
        rs.getString("from_state"),
        rs.getString("to_state"),
        rs.getString("payload"));
  }
}

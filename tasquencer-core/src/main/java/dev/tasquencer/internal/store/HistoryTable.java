package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.HistoryEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code tq_history}: one row per batch of a root's events (the events one call appended to one
 * root, see {@link HistoryRow}), keyed by the root and the number of the batch's first event. Its
 * columns, how the batches of a call are inserted and how a row's events are read.
 */
final class HistoryTable {
  static final String NAME = "tq_history";

  static final Columns COLUMNS =
      Columns.of(
          "root_id", "seq", "last_seq", "command_id", "at", "actor_kind", "actor_id", "events");

  private HistoryTable() {}

  static TableWriter<HistoryRow> writer() {
    return new TableWriter<>(NAME, COLUMNS, COLUMNS.values(c -> "?"), "") {
      @Override
      int bindInsert(PreparedStatement ps, int p, HistoryRow r) throws SQLException {
        Params.bind(ps, p++, r.rootId);
        ps.setLong(p++, r.firstSeq);
        ps.setLong(p++, r.lastSeq());
        Params.bind(ps, p++, r.commandId);
        Params.bind(ps, p++, r.at);
        Params.bind(ps, p++, r.actor == null ? null : r.actor.kind().id());
        Params.bind(ps, p++, r.actor == null ? null : r.actor.id());
        ps.setString(p++, r.eventsJson());
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, HistoryRow r) {
        throw new UnsupportedOperationException("history rows are never updated");
      }
    };
  }

  /** The events of the batch at the cursor, in order. */
  static List<HistoryEvent> read(ResultSet rs) throws SQLException {
    String actorKind = rs.getString("actor_kind");
    return HistoryCodec.decode(
        new HistoryCodec.Batch(
            Params.uuid(rs, "root_id"),
            rs.getLong("seq"),
            Params.uuid(rs, "command_id"),
            Params.instant(rs, "at"),
            actorKind == null
                ? null
                : new Actor(Actor.Kind.of(actorKind), rs.getString("actor_id"))),
        rs.getString("events"));
  }
}

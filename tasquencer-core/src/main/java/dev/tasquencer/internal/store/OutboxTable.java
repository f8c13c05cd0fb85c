package dev.tasquencer.internal.store;

import dev.tasquencer.api.deadline.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tq_outbox}: the messages of notifying deadlines, written with the call that fired them,
 * read and marked delivered by the application ({@code engine.outbox()}).
 */
public final class OutboxTable {
  static final String NAME = "tq_outbox";

  static final Columns COLUMNS =
      Columns.of("root_id", "id", "work_item_id", "kind", "payload", "created_at", "delivered_at");

  private static final String PENDING =
      "select "
          + COLUMNS.list()
          + " from "
          + NAME
          + " where delivered_at is null order by created_at, id limit ?";

  private static final String MARK_DELIVERED =
      "update " + NAME + " set delivered_at = ? where id = ? and delivered_at is null";

  private OutboxTable() {}

  /** A message written by this call; never updated by a call (delivery is the application's). */
  static final class OutboxRow extends Row {
    final UUID id;
    final UUID rootId;
    final UUID workItemId;
    final String kind;
    final String payload;
    final Instant createdAt;

    OutboxRow(
        Session session,
        UUID id,
        UUID rootId,
        UUID workItemId,
        String kind,
        String payload,
        Instant createdAt) {
      super(session, false);
      this.id = id;
      this.rootId = rootId;
      this.workItemId = workItemId;
      this.kind = kind;
      this.payload = payload;
      this.createdAt = createdAt;
    }
  }

  static TableWriter<OutboxRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        // never run: a call only inserts outbox rows
        "update " + NAME + " set kind = kind where 1 = 0") {
      @Override
      int bindInsert(PreparedStatement ps, int p, OutboxRow r) throws SQLException {
        Params.bind(ps, p++, r.rootId);
        Params.bind(ps, p++, r.id);
        Params.bind(ps, p++, r.workItemId);
        Params.bind(ps, p++, r.kind);
        Params.bind(ps, p++, r.payload);
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, null);
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, OutboxRow r) {
        throw new IllegalStateException("an outbox row is never updated by a call");
      }
    };
  }

  /** At most {@code limit} undelivered messages, oldest first. */
  public static List<OutboxMessage> pending(Connection c, int limit) {
    return new Statements(c)
        .all(
            PENDING,
            rs ->
                new OutboxMessage(
                    Params.uuid(rs, "id"),
                    Params.uuid(rs, "root_id"),
                    Params.uuid(rs, "work_item_id"),
                    rs.getString("kind"),
                    rs.getString("payload"),
                    Params.instant(rs, "created_at"),
                    Params.nullableInstant(rs, "delivered_at")),
            limit);
  }

  /** Marks a message delivered; false when there is none or it was delivered before. */
  public static boolean markDelivered(Connection c, UUID id, Instant now) {
    return new Statements(c).update(MARK_DELIVERED, now, id) == 1;
  }
}

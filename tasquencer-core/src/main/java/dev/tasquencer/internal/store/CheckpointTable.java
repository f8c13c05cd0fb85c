package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code tq_history_checkpoint}: states of a root tree after some event of its history, written by
 * the queries that reconstruct past states. A cache that never goes stale (history is append-only).
 */
public final class CheckpointTable {
  static final String NAME = "tq_history_checkpoint";

  /** A checkpoint at or before a sequence number: the nearest. */
  static final String NEAREST =
      "select seq, state from "
          + NAME
          + " where root_id = ? and seq <= ? order by seq desc limit 1";

  /** Inserts a checkpoint of a root that still exists (a purged root gets none). */
  private static final String INSERT =
      "insert into "
          + NAME
          + " (root_id, seq, state) select id, ?, ? from "
          + WorkflowTable.NAME
          + " where id = ? and not exists (select 1 from "
          + NAME
          + " where root_id = ? and seq = ?)";

  private CheckpointTable() {}

  /** A stored checkpoint: the event it follows and the state as JSON. */
  public record Checkpoint(long seq, String state) {}

  /** Inserts a checkpoint on {@code c} (the caller owns the transaction). */
  public static void insert(Connection c, UUID rootId, long seq, String state) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      Params.bindAll(ps, seq, state, rootId, rootId, seq);
      ps.executeUpdate();
    }
  }

  static Optional<Checkpoint> nearest(Statements statements, UUID rootId, long seq) {
    return statements.first(
        NEAREST, rs -> new Checkpoint(rs.getLong("seq"), rs.getString("state")), rootId, seq);
  }
}

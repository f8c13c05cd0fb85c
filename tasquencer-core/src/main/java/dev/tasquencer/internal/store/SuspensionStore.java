package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The suspension flag of a root workflow (docs/suspend.md, migration V15): written by suspend and
 * resume, under the root's lock, in the caller's transaction. Throws {@link SQLException}, which
 * callers translate with {@link SqlFailures#run}.
 */
public final class SuspensionStore {
  /** Who suspended a tree, when and why, as stored. */
  public record Suspension(@Nullable String by, @Nullable Instant at, @Nullable String reason) {}

  /** The longest reason stored. */
  private static final int MAX_REASON = 2000;

  private SuspensionStore() {}

  /**
   * Sets or clears the flag of {@code root} (a row this session locked) and what goes with it, on
   * the row and in the database.
   */
  public static void write(
      Connection c,
      WorkflowRow root,
      boolean suspended,
      @Nullable String by,
      @Nullable Instant at,
      @Nullable String reason)
      throws SQLException {
    String stored =
        reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "update "
                + WorkflowTable.NAME
                + " set suspended = ?, suspended_by = ?, suspended_at = ?, suspend_reason = ?"
                + " where id = ?");
    ps.setBoolean(1, suspended);
    Params.bind(ps, 2, by);
    Params.bind(ps, 3, at);
    Params.bind(ps, 4, stored);
    Params.bind(ps, 5, root.id);
    ps.executeUpdate();
    root.lockedSuspended(suspended);
  }

  /** Who suspended {@code rootId}, when and why (all null when it is not suspended). */
  public static Suspension read(Connection c, UUID rootId) throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "select suspended_by, suspended_at, suspend_reason from "
                + WorkflowTable.NAME
                + " where id = ?");
    Params.bind(ps, 1, rootId);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return new Suspension(null, null, null);
      }
      return new Suspension(
          rs.getString(1), Params.nullableInstant(rs, "suspended_at"), rs.getString(3));
    }
  }
}

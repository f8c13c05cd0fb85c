package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The tables of message correlation (docs/messages.md, migration V18): the waits of work items
 * ({@value #WAIT}, keyed by root id like every instance table, so a purge deletes a tree's waits
 * with it), the buffered messages nobody waited for ({@value #BUFFER}, owned by no tree), and the
 * stripes that serialize buffering a message with registering a wait under the same key ({@value
 * #STRIPE}). The statements run in the caller's transaction and throw {@link SQLException}, which
 * callers translate with {@link SqlFailures#run}.
 */
public final class MessageStore {
  public static final String WAIT = "tq_message_wait";
  public static final String BUFFER = "tq_message_buffer";
  public static final String STRIPE = "tq_message_stripe";

  /** How many stripe rows migration V18 inserts (0 to STRIPES - 1). */
  public static final int STRIPES = 256;

  /** A work item waiting under a key. */
  public record Waiter(UUID rootId, UUID workItemId) {}

  /** A buffered message, as stored. */
  public record Buffered(UUID id, @Nullable String payload, Instant receivedAt) {}

  private MessageStore() {}

  private static PreparedStatement statement(Connection c, String sql) throws SQLException {
    return StatementCache.get(StatementCache.physical(c), sql);
  }

  /** Records that work item {@code workItemId} waits for {@code message} under {@code key}. */
  public static void insertWait(
      Connection c,
      UUID rootId,
      UUID workItemId,
      UUID workflowId,
      String message,
      String key,
      Instant at)
      throws SQLException {
    PreparedStatement ps =
        statement(
            c,
            "insert into "
                + WAIT
                + " (root_id, work_item_id, workflow_id, message, correlation_key, created_at)"
                + " values (?, ?, ?, ?, ?, ?)");
    Params.bindAll(ps, rootId, workItemId, workflowId, message, key, at);
    ps.executeUpdate();
  }

  /** Removes the wait of a work item; returns whether it had one. */
  public static boolean removeWait(Connection c, UUID rootId, UUID workItemId) throws SQLException {
    PreparedStatement ps =
        statement(c, "delete from " + WAIT + " where root_id = ? and work_item_id = ?");
    Params.bindAll(ps, rootId, workItemId);
    return ps.executeUpdate() > 0;
  }

  /** The work items waiting for {@code message} under {@code key}, by root, then work item id. */
  public static List<Waiter> waiters(Connection c, String message, String key) throws SQLException {
    PreparedStatement ps =
        statement(
            c,
            "select root_id, work_item_id from "
                + WAIT
                + " where message = ? and correlation_key = ? order by root_id, work_item_id");
    Params.bindAll(ps, message, key);
    List<Waiter> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Waiter(Params.uuid(rs, "root_id"), Params.uuid(rs, "work_item_id")));
      }
    }
    return out;
  }

  /** The stripe of a message and key: the same in every process (String.hashCode is specified). */
  static int stripe(String message, String key) {
    return Math.floorMod((message + '\u0000' + key).hashCode(), STRIPES);
  }

  /**
   * Locks the stripe of {@code message} and {@code key} for the rest of the transaction: buffering
   * a message and registering a wait under the same key take it, so that neither misses the other.
   */
  public static void lockStripe(Connection c, String message, String key) throws SQLException {
    PreparedStatement ps =
        statement(c, "select stripe from " + STRIPE + " where stripe = ? for update");
    Params.bind(ps, 1, stripe(message, key));
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException(
            "no row in " + STRIPE + " for stripe " + stripe(message, key) + "; run migration V18");
      }
    }
  }

  /** Keeps a message nobody waited for until {@code expiresAt}. */
  public static void buffer(
      Connection c,
      UUID id,
      String message,
      String key,
      @Nullable String payload,
      Instant receivedAt,
      Instant expiresAt,
      @Nullable String sentBy)
      throws SQLException {
    PreparedStatement ps =
        statement(
            c,
            "insert into "
                + BUFFER
                + " (id, message, correlation_key, payload, received_at, expires_at, sent_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)");
    Params.bindAll(ps, id, message, key, payload, receivedAt, expiresAt, sentBy);
    ps.executeUpdate();
  }

  /**
   * Takes (deletes and returns) the oldest buffered message for {@code message} and {@code key}
   * that has not expired at {@code now}; the caller holds the key's stripe.
   */
  public static Optional<Buffered> takeOldest(Connection c, String message, String key, Instant now)
      throws SQLException {
    PreparedStatement ps =
        statement(
            c,
            "select id, payload, received_at from "
                + BUFFER
                + " where message = ? and correlation_key = ? and expires_at > ?"
                + " order by received_at, id fetch first 1 rows only");
    Params.bindAll(ps, message, key, now);
    Buffered b;
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      b =
          new Buffered(
              Params.uuid(rs, "id"), rs.getString("payload"), Params.instant(rs, "received_at"));
    }
    PreparedStatement delete = statement(c, "delete from " + BUFFER + " where id = ?");
    Params.bind(delete, 1, b.id());
    delete.executeUpdate();
    return Optional.of(b);
  }

  /** Deletes buffered messages that expired at or before {@code now}; returns how many. */
  public static int deleteExpired(Connection c, Instant now) throws SQLException {
    PreparedStatement ps = statement(c, "delete from " + BUFFER + " where expires_at <= ?");
    Params.bind(ps, 1, now);
    return ps.executeUpdate();
  }
}

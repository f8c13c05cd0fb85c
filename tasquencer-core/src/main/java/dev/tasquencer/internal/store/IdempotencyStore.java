package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys of external calls (docs/idempotency.md, migration V19), written in the
 * caller's transaction. Throws {@link SQLException}, which callers translate with {@link
 * SqlFailures#run}.
 */
public final class IdempotencyStore {
  /** The table. */
  public static final String NAME = "tq_idempotency";

  /** A stored outcome: {@code outcome} is {@code result} or {@code error}. */
  public record Stored(
      String fingerprint,
      String command,
      String outcome,
      @Nullable String resultType,
      @Nullable String resultJson,
      @Nullable String errorType,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable String errorData,
      Instant createdAt,
      Instant expiresAt) {}

  private IdempotencyStore() {}

  /** The committed row of {@code key}, expired or not. */
  public static Optional<Stored> find(Connection c, String key) throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "select fingerprint, command, outcome, result_type, result_json, error_type,"
                + " error_code, error_message, error_data, created_at, expires_at from "
                + NAME
                + " where idem_key = ?");
    ps.setString(1, key);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Stored(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9),
              Params.instant(rs, "created_at"),
              Params.instant(rs, "expires_at")));
    }
  }

  /**
   * Claims {@code key} for this transaction: inserts its row as {@code pending}. A concurrent
   * transaction that holds the same key makes this wait until it ends, then fail with a unique
   * violation ({@link Dialect#isUniqueViolation}) when it committed.
   */
  public static void claim(
      Connection c,
      String key,
      String fingerprint,
      String command,
      @Nullable String actor,
      Instant now,
      Instant expiresAt)
      throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "insert into "
                + NAME
                + " (idem_key, fingerprint, command, actor, outcome, created_at, expires_at)"
                + " values (?, ?, ?, ?, 'pending', ?, ?)");
    Params.bindAll(ps, key, fingerprint, command, actor, now, expiresAt);
    ps.executeUpdate();
  }

  /** Deletes the row of {@code key} if it expired at {@code now}; whether it did. */
  public static boolean deleteIfExpired(Connection c, String key, Instant now) throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "delete from " + NAME + " where idem_key = ? and expires_at <= ?");
    Params.bindAll(ps, key, now);
    return ps.executeUpdate() > 0;
  }

  /** Stores the result of the call that claimed {@code key}. */
  public static void result(
      Connection c, String key, @Nullable String resultType, @Nullable String resultJson)
      throws SQLException {
    update(c, "outcome = 'result', result_type = ?, result_json = ?", key, resultType, resultJson);
  }

  /** Stores the typed error of the call that claimed {@code key}. */
  public static void error(
      Connection c, String key, String type, String code, String message, @Nullable String data)
      throws SQLException {
    update(
        c,
        "outcome = 'error', error_type = ?, error_code = ?, error_message = ?, error_data = ?",
        key,
        type,
        code,
        message,
        data);
  }

  /** Sets {@code assignments} (bound to {@code values}) on the row of {@code key}. */
  private static void update(
      Connection c, String assignments, String key, @Nullable Object... values)
      throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "update " + NAME + " set " + assignments + " where idem_key = ?");
    Params.bindAll(ps, values);
    Params.bind(ps, values.length + 1, key);
    ps.executeUpdate();
  }

  /** Deletes at most {@code limit} keys that expired at {@code now}, oldest first; how many. */
  public static int deleteExpired(Connection c, Instant now, int limit) throws SQLException {
    PreparedStatement ps =
        StatementCache.get(
            StatementCache.physical(c),
            "delete from "
                + NAME
                + " where idem_key in (select idem_key from "
                + NAME
                + " where expires_at <= ? order by expires_at fetch first ? rows only)");
    Params.bindAll(ps, now, limit);
    return ps.executeUpdate();
  }
}

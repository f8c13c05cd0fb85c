package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's own statements on the connection of one session: prepared once per physical
 * connection ({@link StatementCache}), run with their parameters, and their failures translated
 * ({@link SqlFailures}). Each query here is one round trip.
 */
final class Statements {
  /** Reads one result row (or, for {@link #result}, the whole result). */
  @FunctionalInterface
  interface RowReader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private @Nullable Connection physical;

  Statements(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** The connection the statement cache is keyed by (a pool's proxy unwrapped). */
  Connection physical() throws SQLException {
    if (physical == null) {
      physical = StatementCache.physical(connection);
    }
    return physical;
  }

  /** The cached statement for {@code sql}; the cache owns it: do not close it. */
  PreparedStatement prepare(String sql) throws SQLException {
    return StatementCache.get(physical(), sql);
  }

  /** What {@code reader} makes of the whole result of a query (it moves the cursor itself). */
  <R> R result(String sql, RowReader<R> reader, @Nullable Object... params) {
    try {
      PreparedStatement ps = prepare(sql);
      Params.bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw SqlFailures.ofStatement(sql, e);
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  int update(String sql, @Nullable Object... params) {
    try {
      PreparedStatement ps = prepare(sql);
      Params.bindAll(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.ofStatement(sql, e);
    }
  }

  /** The first row of a query, read by {@code reader}; empty when there is none. */
  <R> Optional<R> first(String sql, RowReader<R> reader, @Nullable Object... params) {
    return result(
        sql, rs -> rs.next() ? Optional.of(reader.read(rs)) : Optional.<R>empty(), params);
  }

  /**
   * Every row of a query planned for its values ({@link Dialect#planEachExecution}), read by {@code
   * reader}, in the order of the result.
   */
  <R> List<R> allPlannedEach(
      Dialect dialect, String sql, RowReader<R> reader, @Nullable Object... params) {
    try {
      dialect.planEachExecution(prepare(sql));
    } catch (SQLException e) {
      throw SqlFailures.ofStatement(sql, e);
    }
    return all(sql, reader, params);
  }

  /** Every row of a query, read by {@code reader}, in the order of the result. */
  <R> List<R> all(String sql, RowReader<R> reader, @Nullable Object... params) {
    return result(
        sql,
        rs -> {
          List<R> out = new ArrayList<>();
          while (rs.next()) {
            out.add(reader.read(rs));
          }
          return out;
        },
        params);
  }
}

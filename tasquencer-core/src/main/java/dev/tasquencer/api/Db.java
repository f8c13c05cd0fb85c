package dev.tasquencer.api;

import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SQL on one JDBC connection. Every activity, action, policy and router receives the one of the
 * current engine call as {@code ctx.db()}: what you write through it commits together with the
 * engine's state change, or not at all. Outside engine calls (schema set-up, seeding, reports),
 * {@link #of(Connection)} gives the same helpers on a connection of your own, so domain code that
 * takes a {@code Db} runs unchanged in and out of calls.
 *
 * <p>Parameters are bound in order, by {@link #bind(PreparedStatement, int, Object)}: {@code UUID},
 * {@code Instant} (as a UTC timestamp with time zone), {@code BigDecimal}, strings, numbers,
 * booleans, enums (by name) and {@code null} are supported; anything else goes to {@link
 * PreparedStatement#setObject(int, Object)}. SQL errors surface as {@link DataAccessException}
 * (inside a call, they roll the call back).
 *
 * <p>The engine writes its own rows at the end of the call (in batches, in the same transaction):
 * read engine state through the engine's query API and contexts, not through SQL on its tables. Do
 * not commit, roll back or close the connection of a call.
 */
public interface Db {

  /**
   * A {@code Db} on a connection of your own, for code that runs outside engine calls. It binds
   * parameters and reports errors as {@code ctx.db()} does; it never commits, rolls back or closes
   * the connection: the transaction is yours.
   */
  static Db of(Connection connection) {
    return new ConnectionDb(Objects.requireNonNull(connection, "connection"));
  }

  /**
   * Binds {@code value} as parameter {@code index} (1-based) by the rules of this interface, for
   * statements you prepare on {@link #connection()} yourself.
   */
  static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    Parameters.bind(statement, index, value);
  }

  /** Binds {@code params} as parameters 1, 2, ... by the rules of this interface. */
  static void bindAll(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Parameters.bind(statement, i + 1, params[i]);
    }
  }

  /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
  int update(String sql, Object... params);

  /** Runs one statement for each parameter row, batched. */
  int[] batch(String sql, List<Object[]> rows);

  /** Runs a query and maps every row. */
  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

  /**
   * Runs a query expected to return at most one row.
   *
   * @throws DataAccessException when it returns more than one
   */
  default <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    if (rows.size() > 1) {
      throw new DataAccessException(
          "expected at most one row but got "
              + rows.size()
              + " from: "
              + sql
              + " (add a condition or a LIMIT, or use query)",
          null);
    }
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /** Runs a query whose first column of the first row is a number (0 when there is no row). */
  default long queryLong(String sql, Object... params) {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  /** The JDBC connection, for anything the helpers above do not cover. */
  Connection connection();
}

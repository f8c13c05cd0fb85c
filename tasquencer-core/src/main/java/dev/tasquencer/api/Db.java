package dev.tasquencer.api;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * The database transaction of the current engine call. Every activity, action, policy and router
 * receives it as {@code ctx.db()}: what you write through it commits together with the engine's
 * state change, or not at all.
 *
 * <p>Parameters are bound in order; {@code UUID}, {@code Instant}, {@code BigDecimal}, strings,
 * numbers, booleans, enums (by name) and {@code null} are supported. SQL errors surface as {@link
 * dev.tasquencer.api.error.DataAccessException} and roll the call back.
 *
 * <p>The engine writes its own rows at the end of the call (in batches, in the same transaction):
 * read engine state through the engine's query API and contexts, not through SQL on its tables. Do
 * not commit, roll back or close the connection.
 */
public interface Db {

  /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
  int update(String sql, Object... params);

  /** Runs one statement for each parameter row, batched. */
  int[] batch(String sql, List<Object[]> rows);

  /** Runs a query and maps every row. */
  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

  /** Runs a query expected to return at most one row. */
  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params);

  /** Runs a query whose first column of the first row is a number (0 when there is no row). */
  long queryLong(String sql, Object... params);

  /** The JDBC connection of the call, for anything the helpers above do not cover. */
  Connection connection();
}

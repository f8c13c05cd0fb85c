package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.DataAccessException;
import java.sql.SQLException;

/**
 * Where a JDBC {@link SQLException} becomes the engine's unchecked {@link DataAccessException}: the
 * one translation of the engine, its queries and its job workers. The SQLException stays the cause,
 * so the dialect can still tell a retryable conflict or a lock timeout from its SQL state.
 */
public final class SqlFailures {
  private SqlFailures() {}

  /** JDBC work that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work}; an SQLException becomes a DataAccessException saying {@code failure}. */
  public static <T> T run(String failure, SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw translate(failure, e);
    }
  }

  /** {@code failure: message of e}, with {@code e} as the cause. */
  public static DataAccessException translate(String failure, SQLException e) {
    return new DataAccessException(failure + ": " + e.getMessage(), e);
  }

  /** The failure of one SQL statement, quoted in the message. */
  static DataAccessException ofStatement(String sql, SQLException e) {
    return DataAccessException.ofStatement(sql, e);
  }
}

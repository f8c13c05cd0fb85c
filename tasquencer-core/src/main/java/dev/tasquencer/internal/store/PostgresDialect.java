package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** PostgreSQL 13 or later. */
public final class PostgresDialect implements Dialect {
  @Override
  public String id() {
    return "postgresql";
  }

  @Override
  public String jsonParameter() {
    return "cast(? as jsonb)";
  }

  @Override
  public boolean isRetryable(SQLException e) {
    // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available
    return Dialect.hasSqlState(e, "40001", "40P01", "55P03");
  }

  /**
   * The driver sends the statement unnamed (no server-side prepare), so the server plans it with
   * the values bound: a named one would switch to a generic plan after five executions.
   */
  @Override
  public void planEachExecution(PreparedStatement ps) throws SQLException {
    // PGStatement.setPrepareThreshold(0), reached by name: the driver is an optional dependency,
    // and its annotations would make javac warn
    try {
      Class<?> pg = Class.forName("org.postgresql.PGStatement");
      if (ps.isWrapperFor(pg)) {
        pg.getMethod("setPrepareThreshold", int.class).invoke(ps.unwrap(pg), 0);
      }
    } catch (ReflectiveOperationException e) {
      throw new SQLException("cannot switch off server-side prepare of a statement: " + e, e);
    }
  }

  @Override
  public boolean supportsCompoundStatements() {
    return true;
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return Dialect.hasSqlState(e, "55P03");
  }

  @Override
  public void initSession(Connection c, SessionSettings settings) throws SQLException {
    StringBuilder sql = new StringBuilder();
    set(sql, "lock_timeout", settings.lockTimeout());
    set(sql, "statement_timeout", settings.statementTimeout());
    set(sql, "idle_in_transaction_session_timeout", settings.idleInTransactionTimeout());
    if (sql.length() > 0) {
      try (Statement s = c.createStatement()) {
        s.execute(sql.toString()); // one round trip
      }
    }
  }

  private static void set(StringBuilder sql, String name, Duration d) {
    if (!d.isZero()) {
      sql.append(sql.length() == 0 ? "" : "; ")
          .append("set ")
          .append(name)
          .append(" = ")
          .append(d.toMillis());
    }
  }

  /**
   * The advisory lock of schema setup: a session lock with two int keys, a key space apart from the
   * single bigint keys Flyway locks its own steps with.
   */
  private static final String SETUP_LOCK_KEYS = "1952544099, 1";

  @Override
  public boolean tryLockSchemaSetup(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + SETUP_LOCK_KEYS + ")")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  @Override
  public void unlockSchemaSetup(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select pg_advisory_unlock(" + SETUP_LOCK_KEYS + ")");
    }
  }
}

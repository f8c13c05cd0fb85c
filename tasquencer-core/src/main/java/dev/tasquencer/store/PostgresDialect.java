package dev.tasquencer.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

  @Override
  public boolean supportsCompoundStatements() {
    return true;
  }

  @Override
  public void initSession(Connection c) {}

  /**
   * The advisory lock of schema setup: a session lock with two int keys, a key space apart from
   * the single bigint keys Flyway locks its own steps with.
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

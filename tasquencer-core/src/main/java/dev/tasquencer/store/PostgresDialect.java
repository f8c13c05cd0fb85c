package dev.tasquencer.store;

import java.sql.Connection;
import java.sql.SQLException;

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
}

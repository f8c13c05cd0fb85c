package dev.tasquencer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** H2 2.x in its default mode (embedded file or in-memory). */
public final class H2Dialect implements Dialect {
  /** How long a call waits for the row lock of a root workflow held by another call. */
  private static final int LOCK_TIMEOUT_MS = 30_000;

  @Override
  public String id() {
    return "h2";
  }

  @Override
  public String jsonParameter() {
    return "?";
  }

  @Override
  public boolean isRetryable(SQLException e) {
    // 40001 deadlock, HYT00 lock timeout, 90131 concurrent update of the same row
    return Dialect.hasSqlState(e, "40001", "HYT00", "90131");
  }

  @Override
  public void initSession(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MS);
    }
  }
}

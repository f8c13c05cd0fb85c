package dev.tasquencer.store;

import java.sql.Connection;
import java.sql.ResultSet;
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

  /**
   * H2 has no advisory locks: schema setup locks the one row of a table of its own, in a
   * transaction that lasts until {@link #unlockSchemaSetup}.
   */
  private static final String SETUP_LOCK_TABLE = "tasquencer_schema_lock";

  @Override
  public boolean tryLockSchemaSetup(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("create table if not exists " + SETUP_LOCK_TABLE + " (id int primary key)");
      try {
        s.executeUpdate(
            "insert into " + SETUP_LOCK_TABLE + " (id) select 1 where not exists"
                + " (select id from " + SETUP_LOCK_TABLE + ")");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (!Dialect.hasSqlState(e, "23505")) { // another process inserted the row meanwhile
          throw e;
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "select id from " + SETUP_LOCK_TABLE + " where id = 1 for update skip locked")) {
        if (rs.next()) {
          return true; // held until the transaction ends
        }
      }
      c.rollback();
      return false;
    }
  }

  @Override
  public void unlockSchemaSetup(Connection c) throws SQLException {
    c.rollback();
  }

  @Override
  public void initSession(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MS);
    }
  }
}

package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** H2 2.x in its default mode (embedded file or in-memory). */
final class H2Dialect implements Dialect {
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
   * H2 has no lock that outlives a transaction; its databases live in one process (an embedded or
   * in-memory database, or the process serving an {@code AUTO_SERVER} file), so the engines of this
   * JVM take turns, per database URL.
   */
  private static final Map<String, Semaphore> SETUP_LOCKS = new ConcurrentHashMap<>();

  private static Semaphore setupLock(Connection c) throws SQLException {
    return SETUP_LOCKS.computeIfAbsent(c.getMetaData().getURL(), k -> new Semaphore(1));
  }

  @Override
  public boolean tryLockSchemaSetup(Connection c) throws SQLException {
    return setupLock(c).tryAcquire();
  }

  @Override
  public void unlockSchemaSetup(Connection c) throws SQLException {
    setupLock(c).release();
  }

  @Override
  public boolean isLockTimeout(SQLException e) {
    return Dialect.hasSqlState(e, "HYT00");
  }

  /** H2 runs in the process (or serves it over TCP): there is no idle-in-transaction limit. */
  @Override
  public void initSession(Connection c, SessionSettings settings) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!settings.lockTimeout().isZero()) {
        s.execute("SET LOCK_TIMEOUT " + settings.lockTimeout().toMillis());
      }
      if (!settings.statementTimeout().isZero()) {
        s.execute("SET QUERY_TIMEOUT " + settings.statementTimeout().toMillis());
      }
    }
  }
}

package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements of the engine's own SQL, kept per physical connection and reused across
 * calls, so that a statement is parsed once per connection instead of once per call (H2 re-parses
 * anything beyond its 8-statement query cache; PostgreSQL saves the client-side parse). A pool's
 * connection proxy is unwrapped to the physical connection the statements belong to; statements die
 * with their connection.
 */
final class StatementCache {
  private static final Map<Connection, Map<String, PreparedStatement>> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** The settings applied to each physical connection. */
  private static final Map<Connection, SessionSettings> INITIALIZED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private StatementCache() {}

  /**
   * Applies session settings once per physical connection (again when an engine with other settings
   * uses it), committed at once: on PostgreSQL a setting made in a transaction that rolls back is
   * undone.
   */
  static void initOnce(Connection c, Dialect dialect, SessionSettings settings)
      throws SQLException {
    Connection p = physical(c);
    if (!settings.equals(INITIALIZED.get(p))) {
      dialect.initSession(c, settings);
      if (!c.getAutoCommit()) {
        c.commit();
      }
      INITIALIZED.put(p, settings);
    }
  }

  static Connection physical(Connection c) throws SQLException {
    try {
      Connection p = c.unwrap(Connection.class);
      return p == null ? c : p;
    } catch (SQLException e) {
      return c;
    }
  }

  /** Statements kept per connection; the least recently used beyond this are closed. */
  private static final int PER_CONNECTION = 512;

  private static Map<String, PreparedStatement> lru() {
    return new java.util.LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= PER_CONNECTION) {
          return false;
        }
        try {
          eldest.getValue().close();
        } catch (SQLException ignored) {
          // closing a statement we no longer need
        }
        return true;
      }
    };
  }

  /** A prepared statement for {@code sql} on this connection; do not close it. */
  static PreparedStatement get(Connection physical, String sql) throws SQLException {
    Map<String, PreparedStatement> statements = CACHE.computeIfAbsent(physical, k -> lru());
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = physical.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
      ps.clearBatch(); // rows left by a call that failed between addBatch and executeBatch
    }
    return ps;
  }
}

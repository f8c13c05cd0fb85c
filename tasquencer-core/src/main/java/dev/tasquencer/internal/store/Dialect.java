package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the supported databases. */
public interface Dialect {

  /** {@code h2} or {@code postgresql}: also the folder of its Flyway migrations. */
  String id();

  /** The placeholder that binds a JSON text parameter to a JSON column. */
  String jsonParameter();

  /**
   * Whether the failure is a transient conflict with a concurrent transaction (serialization
   * failure, deadlock, lock timeout) after which re-running the whole call is safe.
   */
  boolean isRetryable(SQLException e);

  /**
   * Whether the failure is a unique-key violation (SQL state 23505 on both databases): for inserts
   * that race with the same insert of another process, a conflict that reading again resolves.
   */
  default boolean isUniqueViolation(SQLException e) {
    return hasSqlState(e, "23505");
  }

  /**
   * Makes {@code ps} planned for the parameter values of each execution, never with a generic plan
   * cached for all of them: for a query whose best plan depends on its values (a work queue: an
   * ordered index scan for a queue that holds many items, a GIN lookup and a sort for one that
   * holds few). No-op where the driver does not cache plans.
   */
  default void planEachExecution(PreparedStatement ps) throws SQLException {}

  /**
   * Whether one prepared statement may hold several SQL statements separated by semicolons, sent
   * and executed in one round trip (PostgreSQL's driver pipelines them).
   */
  default boolean supportsCompoundStatements() {
    return false;
  }

  /**
   * Applies the engine's time limits to a session (a connection the engine uses); a zero limit
   * leaves the session's setting as it is.
   */
  void initSession(Connection c, SessionSettings settings) throws SQLException;

  /** Whether the failure is a lock wait that ran out ({@link SessionSettings#lockTimeout()}). */
  boolean isLockTimeout(SQLException e);

  /**
   * Tries once, without waiting, to take the lock that lets one engine at a time set up or upgrade
   * the engine's schema; true when it is taken now. The lock is released by {@link
   * #unlockSchemaSetup}, or when its holder dies. It survives the transactions of {@code c}: Flyway
   * runs its own on that connection while the lock is held.
   */
  boolean tryLockSchemaSetup(Connection c) throws SQLException;

  /** Releases the lock taken with {@link #tryLockSchemaSetup}. */
  void unlockSchemaSetup(Connection c) throws SQLException;

  /** The dialect of the database behind this connection. */
  static Dialect detect(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return new H2Dialect();
    }
    if (product.contains("postgres")) {
      return new PostgresDialect();
    }
    throw new ConfigurationException(
        "unsupported database '"
            + c.getMetaData().getDatabaseProductName()
            + "': Tasquencer runs on H2 and PostgreSQL");
  }

  /** Walks the cause chain for an SQLException with one of the given SQL states. */
  static boolean hasSqlState(Throwable e, String... states) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException x = s; x != null; x = x.getNextException()) {
          String st = x.getSQLState();
          for (String want : states) {
            if (want.equals(st)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}

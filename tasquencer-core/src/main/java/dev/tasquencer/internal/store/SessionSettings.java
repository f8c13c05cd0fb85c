package dev.tasquencer.internal.store;

import java.time.Duration;

/**
 * The time limits the engine sets on every database session it uses, so that no wait of a call is
 * unbounded. {@link Duration#ZERO} leaves the database's own setting (or none) in place.
 *
 * @param lockTimeout how long a statement waits for a row lock (a root workflow's, mostly) before
 *     it fails; the engine then runs the call again, as after any conflict
 * @param statementTimeout how long one statement may run
 * @param idleInTransactionTimeout how long a session may sit in an open transaction without sending
 *     anything before the server ends it, releasing its locks (PostgreSQL only): the bound on how
 *     long a process whose connection stalled can hold up the others
 */
public record SessionSettings(
    Duration lockTimeout, Duration statementTimeout, Duration idleInTransactionTimeout) {

  /** The engine's defaults: 10 s, 60 s and 30 s. */
  public static final SessionSettings DEFAULTS =
      new SessionSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));

  public SessionSettings withLockTimeout(Duration d) {
    return new SessionSettings(d, statementTimeout, idleInTransactionTimeout);
  }

  public SessionSettings withStatementTimeout(Duration d) {
    return new SessionSettings(lockTimeout, d, idleInTransactionTimeout);
  }

  public SessionSettings withIdleInTransactionTimeout(Duration d) {
    return new SessionSettings(lockTimeout, statementTimeout, d);
  }
}

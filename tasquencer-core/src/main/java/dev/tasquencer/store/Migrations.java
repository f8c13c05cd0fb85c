package dev.tasquencer.store;

import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the engine's schema with Flyway, in a history table of its own so that it never
 * interferes with the host application's migrations. Safe to run from many processes at once:
 * one process at a time runs Flyway, under a lock of the database ({@link
 * Dialect#tryLockSchemaSetup}), and the others wait for it, then find the schema up to date. (Flyway
 * alone is not: two processes starting on a fresh database could both decide to create its history
 * table, and one of them then failed.)
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Flyway history table of the engine's schema. */
  public static final String HISTORY_TABLE = "tasquencer_schema_history";

  /** How long a process waits for another one to finish setting up the schema. */
  static final Duration SETUP_LOCK_WAIT = Duration.ofMinutes(5);

  private static final long POLL_MILLIS = 100;

  private Migrations() {}

  /**
   * Brings the engine's schema up to date, waiting (up to five minutes) while another process does
   * the same. Needs one connection of {@code ds} for the lock besides those Flyway uses.
   *
   * @throws ConcurrencyException when another process held the setup lock for the whole wait
   */
  public static MigrateResult migrate(DataSource ds, Dialect dialect) {
    return migrate(ds, dialect, SETUP_LOCK_WAIT);
  }

  static MigrateResult migrate(DataSource ds, Dialect dialect, Duration wait) {
    try (Connection lock = ds.getConnection()) {
      boolean autoCommit = lock.getAutoCommit();
      try {
        awaitSetupLock(lock, dialect, wait);
        try {
          return flyway(ds, dialect).migrate();
        } finally {
          dialect.unlockSchemaSetup(lock);
        }
      } finally {
        lock.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DataAccessException("cannot lock the engine's schema setup: " + e.getMessage(), e);
    }
  }

  private static void awaitSetupLock(Connection lock, Dialect dialect, Duration wait)
      throws SQLException {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    while (!dialect.tryLockSchemaSetup(lock)) {
      if (System.nanoTime() - deadline > 0) {
        throw new ConcurrencyException(
            "another process has been setting up the engine's schema on this database for "
                + wait.toSeconds()
                + " s (it holds the schema setup lock); start again when it has finished, or end"
                + " it if it hangs",
            null);
      }
      if (!logged) {
        log.info("waiting for another process to finish setting up the engine's schema");
        logged = true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConcurrencyException("interrupted while waiting for the schema setup lock", e);
      }
    }
  }

  /** The engine's Flyway setup on {@code ds}. */
  static Flyway flyway(DataSource ds, Dialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .table(HISTORY_TABLE)
        // portable migrations in common/, dialect-specific ones in h2/ and postgresql/
        .locations("classpath:db/tasquencer/common", "classpath:db/tasquencer/" + dialect.id())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}

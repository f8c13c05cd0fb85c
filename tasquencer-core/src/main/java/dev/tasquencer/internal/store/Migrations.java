package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.ConcurrencyException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the engine's schema with Flyway, in a history table of its own so that it never
 * interferes with the host application's migrations. Safe to run from many processes at once:
 * Flyway alone is not (two processes starting on a fresh database could both decide to create its
 * history table, and one of them then failed), so one engine at a time runs it, under the lock of
 * {@link Dialect#tryLockSchemaSetup} (on PostgreSQL an advisory lock, held by the connection Flyway
 * works on, so setting up needs no connection more than Flyway does), and the others wait, then
 * find the schema up to date. Where that lock does not reach (H2 files shared by processes through
 * {@code AUTO_SERVER}), a run that failed while another process created the history table is run
 * again.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Flyway history table of the engine's schema. */
  public static final String HISTORY_TABLE = "tasquencer_schema_history";

  /** How long an engine waits for another one to finish setting up the schema. */
  static final Duration SETUP_LOCK_WAIT = Duration.ofMinutes(5);

  private static final long POLL_MILLIS = 100;
  private static final int ATTEMPTS = 3;

  private Migrations() {}

  /**
   * Brings the engine's schema up to date, waiting (up to five minutes) while another engine does
   * the same.
   *
   * @throws ConcurrencyException when another engine held the setup lock for the whole wait
   */
  public static MigrateResult migrate(DataSource ds, Dialect dialect) {
    return migrate(ds, dialect, SETUP_LOCK_WAIT);
  }

  static MigrateResult migrate(DataSource ds, Dialect dialect, Duration wait) {
    try (Connection first = ds.getConnection()) {
      boolean autoCommit = first.getAutoCommit();
      awaitSetupLock(first, dialect, wait);
      try {
        return migrateWithRetry(new FirstConnectionFirst(ds, first), dialect);
      } finally {
        first.setAutoCommit(autoCommit);
        dialect.unlockSchemaSetup(first);
      }
    } catch (SQLException e) {
      throw SqlFailures.translate("cannot lock the engine's schema setup", e);
    }
  }

  private static MigrateResult migrateWithRetry(DataSource ds, Dialect dialect) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway(ds, dialect).migrate();
      } catch (FlywayException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        log.info(
            "setting up the engine's schema failed (attempt {} of {}), perhaps while another"
                + " process did the same; trying again: {}",
            attempt,
            ATTEMPTS,
            e.getMessage());
        pause(ThreadLocalRandom.current().nextLong(100, 500));
      }
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
      pause(POLL_MILLIS);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConcurrencyException("interrupted while setting up the engine's schema", e);
    }
  }

  /** The engine's Flyway setup on {@code ds}. */
  static Flyway flyway(DataSource ds, Dialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .table(HISTORY_TABLE)
        // portable migrations in common/, dialect-specific ones in h2/ and postgresql/
        .locations("classpath:db/tasquencer/common", "classpath:db/tasquencer/" + dialect.id())
        // migrations that carry data over in Java
        .javaMigrations(new HistoryInBatches(dialect))
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  /**
   * The data source Flyway gets: its first connection is the one holding the setup lock (kept open
   * when Flyway closes it), every further one comes from the pool.
   */
  private static final class FirstConnectionFirst extends ForwardingDataSource {
    private @Nullable Connection first;

    FirstConnectionFirst(DataSource pool, Connection first) {
      super(pool);
      this.first = first;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
      if (first == null) {
        return delegate.getConnection();
      }
      Connection c = first;
      first = null;
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                  return null; // the lock's owner closes it
                }
                try {
                  return method.invoke(c, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}

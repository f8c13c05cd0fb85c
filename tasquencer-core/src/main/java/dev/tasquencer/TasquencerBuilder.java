package dev.tasquencer;

import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.runtime.Commands;
import dev.tasquencer.internal.runtime.EngineCore;
import dev.tasquencer.internal.runtime.PayloadCodec;
import dev.tasquencer.internal.runtime.Queries;
import dev.tasquencer.internal.runtime.Registry;
import dev.tasquencer.internal.store.DefinitionStore;
import dev.tasquencer.internal.store.Dialect;
import dev.tasquencer.internal.store.Migrations;
import dev.tasquencer.internal.store.Session;
import dev.tasquencer.internal.store.SessionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/** Configures and builds a {@link Tasquencer} engine. */
public final class TasquencerBuilder {
  private DataSource dataSource;
  private AutoCloseable ownedDataSource;
  private final List<WorkflowDefinition> definitions = new ArrayList<>();
  private Clock clock = Clock.systemUTC();
  private boolean migrate = true;
  private int maxAttempts = 10;
  private SessionSettings sessionSettings = SessionSettings.DEFAULTS;

  TasquencerBuilder() {}

  /** The database (H2 or PostgreSQL). The engine does not close it. */
  public TasquencerBuilder dataSource(DataSource dataSource) {
    this.dataSource = required(dataSource, "dataSource", "the application's DataSource");
    return this;
  }

  /**
   * A data source the engine creates from a JDBC URL (pooled) and closes with itself, for example
   * {@code jdbc:h2:file:./tasquencer} or {@code jdbc:postgresql://localhost/app?user=app}.
   */
  public TasquencerBuilder jdbcUrl(String url) {
    required(url, "jdbcUrl", "a JDBC URL of an H2 or PostgreSQL database");
    var ds = DataSources.pooled(url);
    this.dataSource = ds;
    this.ownedDataSource = ds;
    return this;
  }

  /** Registers definitions; the newest version registered for a name is its default. */
  public TasquencerBuilder register(WorkflowDefinition... definitions) {
    required(definitions, "register: definitions", "the built definitions");
    for (int i = 0; i < definitions.length; i++) {
      if (definitions[i] == null) {
        throw new ConfigurationException(
            "register: definition "
                + (i + 1)
                + " of "
                + definitions.length
                + " is null; pass definitions built with Builder.workflow(...).build()");
      }
    }
    this.definitions.addAll(Arrays.asList(definitions));
    return this;
  }

  /** The clock the engine reads time from (default: system UTC). */
  public TasquencerBuilder clock(Clock clock) {
    this.clock = required(clock, "clock", "a Clock, such as Clock.systemUTC()");
    return this;
  }

  /** Whether to apply the engine's schema migrations at build time (default true). */
  public TasquencerBuilder migrate(boolean migrate) {
    this.migrate = migrate;
    return this;
  }

  /** How often a call is attempted when it conflicts with concurrent calls (default 10). */
  public TasquencerBuilder maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new ConfigurationException("maxAttempts must be at least 1, was " + attempts);
    }
    this.maxAttempts = attempts;
    return this;
  }

  private static <T> T required(T value, String setting, String what) {
    if (value == null) {
      throw new ConfigurationException(setting + " must not be null; pass " + what);
    }
    return value;
  }

  /**
   * How long a call waits for a lock another call holds (the root workflow's row, mostly) before
   * it fails and is run again, as after any conflict (default 10 s; zero: the database's own
   * setting). After {@link #maxAttempts} such waits the call raises a {@link
   * dev.tasquencer.api.error.ConcurrencyException}. Must be shorter than the statement timeout.
   */
  public TasquencerBuilder lockTimeout(Duration timeout) {
    this.sessionSettings = sessionSettings.withLockTimeout(notNegative(timeout, "lockTimeout"));
    return this;
  }

  /**
   * How long one SQL statement of a call (the engine's or your activities' through {@code
   * ctx.db()}) may run before the database cancels it and the call fails with a {@link
   * DataAccessException} (default 60 s; zero: the database's own setting).
   */
  public TasquencerBuilder statementTimeout(Duration timeout) {
    this.sessionSettings =
        sessionSettings.withStatementTimeout(notNegative(timeout, "statementTimeout"));
    return this;
  }

  /**
   * PostgreSQL only: how long a session may sit inside an open transaction without sending
   * anything before the server ends it and releases its locks (default 30 s; zero: the server's own
   * setting). This bounds how long a process whose connection stalled in the middle of a call (a
   * network fault) holds up the calls of other processes on the same workflow. Longer than any
   * pause your own code makes inside a call between two statements.
   */
  public TasquencerBuilder idleInTransactionTimeout(Duration timeout) {
    this.sessionSettings =
        sessionSettings.withIdleInTransactionTimeout(
            notNegative(timeout, "idleInTransactionTimeout"));
    return this;
  }

  private static Duration notNegative(Duration d, String what) {
    required(d, what, "a duration (Duration.ZERO leaves the database's own setting)");
    if (d.isNegative()) {
      throw new ConfigurationException(what + " must not be negative, was " + d);
    }
    return d;
  }

  /**
   * Builds the engine: detects the database, applies migrations, and records the registered
   * definitions' structure.
   *
   * @throws ConfigurationException if no data source was set, or a registered definition changed
   *     under a version that running instances use
   */
  public Tasquencer build() {
    if (dataSource == null) {
      throw new ConfigurationException(
          "no database: call dataSource(...) or jdbcUrl(...) on Tasquencer.builder()");
    }
    Duration lock = sessionSettings.lockTimeout();
    Duration statement = sessionSettings.statementTimeout();
    if (!lock.isZero() && !statement.isZero() && lock.compareTo(statement) >= 0) {
      throw new ConfigurationException(
          "lockTimeout ("
              + lock
              + ") must be shorter than statementTimeout ("
              + statement
              + "): a lock wait that reaches the statement timeout is not retried");
    }
    Registry registry = new Registry(definitions);
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.detect(c);
    } catch (SQLException e) {
      throw new DataAccessException("cannot connect to the database: " + e.getMessage(), e);
    }
    if (migrate) {
      Migrations.migrate(dataSource, dialect);
    }
    recordDefinitions(registry, dialect);
    EngineCore core =
        new EngineCore(
            dataSource, dialect, clock, new PayloadCodec(), registry, maxAttempts, sessionSettings);
    return new DefaultTasquencer(
        core, new Commands(core, false), new Commands(core, true), new Queries(core),
        ownedDataSource);
  }

  private void recordDefinitions(Registry registry, Dialect dialect) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        Session.initConnection(c, dialect, sessionSettings);
        boolean ac = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          for (WorkflowDefinition d : registry.all()) {
            DefinitionStore.register(c, d.name(), d.version(), d.structureHash(), clock.instant());
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(ac);
        }
        return;
      } catch (SQLException e) {
        // another process registered the same definition at the same moment: read it again
        if (attempt >= 3) {
          throw new DataAccessException("cannot record definitions: " + e.getMessage(), e);
        }
      }
    }
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.api.VersionRouting;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.RunningVersionsException;
import dev.tasquencer.api.error.RunningVersionsException.RunningVersion;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.DefinitionStore;
import dev.tasquencer.internal.store.Dialect;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.Migrations;
import dev.tasquencer.internal.store.Session;
import dev.tasquencer.internal.store.SessionSettings;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.telemetry.Metrics;
import dev.tasquencer.internal.telemetry.MicrometerMetrics;
import dev.tasquencer.internal.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates engines: the one entry point from the public builder into the internals. Everything an
 * engine is made of (definitions registry, payload codec, commands, queries) stays package-private
 * here.
 */
public final class Engines {
  private static final Logger log = LoggerFactory.getLogger(Engines.class);

  private Engines() {}

  /**
   * What the public builder collected, each setting already checked on its own.
   *
   * @param ownedDataSource what the engine closes with itself (a pool it created), or null
   * @param lockTimeout null for the engine's default; likewise the other two time limits
   * @param retention the retention policy to store at build; null leaves the stored one as it is
   * @param history the engine's history level
   * @param redactor what history keeps of action payloads
   * @param openTelemetry where the spans go ({@code OpenTelemetry.noop()} by default)
   * @param meterRegistry a Micrometer {@code MeterRegistry} for the engine's meters, or null (typed
   *     Object so that the engine runs without Micrometer on the class path)
   * @param identity scope modules, identity provider, and the roles and groups to bootstrap
   * @param requirePolicies whether every action open to outside callers must declare a policy
   * @param idempotencyKeysExpireAfter how long an idempotency key dedups its calls
   * @param deprecated per workflow name, the versions that take no new roots
   * @param routes per workflow name, how new roots started without a version choose one
   * @param allowUnregisteredRunningVersions whether roots running on versions the engine cannot run
   *     only log a warning at start instead of failing it
   */
  public record Settings(
      DataSource dataSource,
      @Nullable AutoCloseable ownedDataSource,
      List<WorkflowDefinition> definitions,
      Clock clock,
      boolean migrate,
      int maxAttempts,
      @Nullable Duration lockTimeout,
      @Nullable Duration statementTimeout,
      @Nullable Duration idleInTransactionTimeout,
      @Nullable RetentionPolicy retention,
      HistoryLevel history,
      PayloadRedactor redactor,
      OpenTelemetry openTelemetry,
      @Nullable Object meterRegistry,
      IdentitySetup identity,
      boolean requirePolicies,
      Duration idempotencyKeysExpireAfter,
      Map<String, Set<String>> deprecated,
      Map<String, VersionRouting> routes,
      boolean allowUnregisteredRunningVersions) {
    public Settings {
      definitions = List.copyOf(definitions);
      deprecated = Map.copyOf(deprecated);
      routes = Map.copyOf(routes);
    }
  }

  /**
   * A retention policy, each value already checked: delete root trees finished more than {@code
   * keepFinishedFor} ago, {@code batchSize} roots per job run, looking again {@code every} so often
   * once none is left. {@link #OFF} switches retention off: it alone has null durations.
   */
  public record RetentionPolicy(
      @Nullable Duration keepFinishedFor, int batchSize, @Nullable Duration every) {
    public static final RetentionPolicy OFF = new RetentionPolicy(null, 0, null);

    boolean isOff() {
      return keepFinishedFor == null;
    }
  }

  /**
   * Builds an engine: checks the identity settings, detects the database, applies migrations when
   * asked, records the definitions' structure, and applies the identity bootstrap.
   */
  public static Tasquencer create(Settings settings) {
    SessionSettings session = sessionSettings(settings);
    ScopeCatalog scopes = IdentityAdmin.check(settings.identity());
    Registry registry =
        new Registry(settings.definitions(), settings.deprecated(), settings.routes());
    Authorizer.check(registry.all(), scopes, settings.requirePolicies());
    DataSource dataSource = settings.dataSource();
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.detect(c);
    } catch (SQLException e) {
      throw SqlFailures.translate("cannot connect to the database", e);
    }
    if (settings.migrate()) {
      Migrations.migrate(dataSource, dialect);
    }
    recordDefinitions(dataSource, registry, dialect, session, settings);
    PayloadCodec codec = new PayloadCodec();
    EngineCore core =
        new EngineCore(
            dataSource,
            dialect,
            settings.clock(),
            codec,
            registry,
            settings.maxAttempts(),
            session,
            new History(settings.history(), settings.redactor(), codec.mapper(), registry.all()),
            telemetry(settings, dataSource),
            settings.idempotencyKeysExpireAfter());
    if (settings.retention() != null) {
      Retention.store(core, settings.retention());
    }
    IdentityAdmin identity = IdentityAdmin.create(core, scopes, settings.identity());
    core.authorizer.identity(identity);
    return new DefaultTasquencer(
        core,
        new Commands(core, Origin.EXTERNAL),
        new Commands(core, Origin.INTERNAL),
        new Queries(core),
        identity,
        settings.ownedDataSource());
  }

  /**
   * The engine's telemetry: spans into the given OpenTelemetry, meters into the given registry
   * (with the gauges of due and dead jobs, read from the database when scraped).
   */
  private static Telemetry telemetry(Settings settings, DataSource dataSource) {
    Metrics metrics =
        settings.meterRegistry() == null
            ? Metrics.NONE
            : MicrometerMetrics.of(settings.meterRegistry());
    Clock clock = settings.clock();
    metrics.jobGauges(
        () -> count(dataSource, c -> JobStore.countDue(c, clock.instant())),
        () -> count(dataSource, JobStore::countDead));
    return new Telemetry(settings.openTelemetry(), metrics);
  }

  /** A count read on a connection. */
  @FunctionalInterface
  private interface Count {
    long read(Connection c) throws SQLException;
  }

  /** A count for a gauge; -1 (no value) when the database cannot be read now. */
  private static long count(DataSource dataSource, Count query) {
    try (Connection c = dataSource.getConnection()) {
      return query.read(c);
    } catch (SQLException | RuntimeException e) {
      log.debug("cannot read a job gauge: {}", e.toString());
      return -1;
    }
  }

  private static SessionSettings sessionSettings(Settings settings) {
    SessionSettings s = SessionSettings.DEFAULTS;
    if (settings.lockTimeout() != null) {
      s = s.withLockTimeout(settings.lockTimeout());
    }
    if (settings.statementTimeout() != null) {
      s = s.withStatementTimeout(settings.statementTimeout());
    }
    if (settings.idleInTransactionTimeout() != null) {
      s = s.withIdleInTransactionTimeout(settings.idleInTransactionTimeout());
    }
    Duration lock = s.lockTimeout();
    Duration statement = s.statementTimeout();
    if (!lock.isZero() && !statement.isZero() && lock.compareTo(statement) >= 0) {
      throw new ConfigurationException(
          "lockTimeout ("
              + lock
              + ") must be shorter than statementTimeout ("
              + statement
              + "): a lock wait that reaches the statement timeout is not retried");
    }
    return s;
  }

  /**
   * Records the definitions' structure in one transaction. Another process starting at the same
   * moment may record the same definitions: the unique-key violation, serialization failure or
   * deadlock that this can cause is retried after a pause (up to {@code maxAttempts} times, reading
   * the other process's row then); any other failure ends the build at once.
   */
  private static void recordDefinitions(
      DataSource dataSource,
      Registry registry,
      Dialect dialect,
      SessionSettings session,
      Settings settings) {
    int maxAttempts = settings.maxAttempts();
    List<DefinitionStore.Registered> defs =
        registry.all().stream()
            .map(d -> new DefinitionStore.Registered(d.name(), d.version(), d.structureHash()))
            .toList();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        Session.initConnection(c, dialect, session);
        boolean ac = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          List<RunningVersion> report = DefinitionStore.record(c, defs, settings.clock().instant());
          if (!report.isEmpty() && !settings.allowUnregisteredRunningVersions()) {
            throw new RunningVersionsException(report);
          }
          c.commit();
          if (!report.isEmpty()) {
            log.warn(
                "{}\n(starting anyway: allowUnregisteredRunningVersions() is set)",
                RunningVersionsException.report(report));
          }
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(ac);
        }
        return;
      } catch (SQLException e) {
        boolean race = dialect.isRetryable(e) || dialect.isUniqueViolation(e);
        if (!race) {
          throw SqlFailures.translate("cannot record the registered definitions", e);
        }
        if (attempt >= maxAttempts) {
          throw SqlFailures.translate(
              "cannot record the registered definitions: processes starting at the same time"
                  + " conflicted "
                  + attempt
                  + " times (maxAttempts); start the engine again",
              e);
        }
        log.debug("recording definitions conflicted with another process (attempt {})", attempt);
        EngineCore.backoff(attempt);
      }
    }
  }
}

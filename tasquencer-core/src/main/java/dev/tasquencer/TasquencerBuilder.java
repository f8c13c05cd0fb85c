package dev.tasquencer;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.api.VersionRouting;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.runtime.Engines;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Configures and builds a {@link Tasquencer} engine. */
public final class TasquencerBuilder {
  // exactly one of the two once the database is set
  private @Nullable DataSource dataSource;
  private @Nullable String jdbcUrl;
  private final List<WorkflowDefinition> definitions = new ArrayList<>();
  private Clock clock = Clock.systemUTC();
  private boolean migrate = true;
  private int maxAttempts = 10;
  // null: the engine's default
  private @Nullable Duration lockTimeout;
  private @Nullable Duration statementTimeout;
  private @Nullable Duration idleInTransactionTimeout;
  private OpenTelemetry openTelemetry = OpenTelemetry.noop();
  // a Micrometer MeterRegistry, held as Object: the engine runs without Micrometer
  private @Nullable Object meterRegistry;
  // null: leave the stored retention policy as it is
  private Engines.@Nullable RetentionPolicy retention;
  private HistoryLevel history = HistoryLevel.AUDIT;
  private PayloadRedactor redactor = PayloadRedactor.NONE;
  private final IdentitySetup identity = new IdentitySetup();
  private boolean requirePolicies;
  private Duration idempotencyKeysExpireAfter = DEFAULT_IDEMPOTENCY_EXPIRY;
  private final Map<String, Set<String>> deprecated = new LinkedHashMap<>();
  private final Map<String, VersionRouting> routes = new LinkedHashMap<>();
  private boolean allowUnregisteredRunningVersions;

  /**
   * How long an idempotency key dedups its calls when {@link #idempotencyKeysExpireAfter} is not
   * set.
   */
  public static final Duration DEFAULT_IDEMPOTENCY_EXPIRY = Duration.ofHours(24);

  /** How often the retention job looks again once no finished workflow is due (default). */
  public static final Duration DEFAULT_RETENTION_CHECK = Duration.ofHours(1);

  TasquencerBuilder() {}

  /**
   * The database (H2 or PostgreSQL), from the application's pool. The engine does not close it.
   *
   * @throws ConfigurationException if the database was already set, here or by {@link #jdbcUrl}
   */
  public TasquencerBuilder dataSource(DataSource dataSource) {
    required(dataSource, "dataSource", "the application's DataSource");
    databaseNotSetYet("dataSource");
    this.dataSource = dataSource;
    return this;
  }

  /**
   * The database as a JDBC URL, for example {@code jdbc:h2:file:./tasquencer} or {@code
   * jdbc:postgresql://localhost/app?user=app}. Nothing is opened here: {@link #build()} creates a
   * pool for it ({@link DataSources#pooled(String)}), which the engine closes with itself, and
   * which a failing {@code build()} closes before it throws.
   *
   * @throws ConfigurationException if the URL is not a JDBC URL, or the database was already set,
   *     here or by {@link #dataSource}
   */
  public TasquencerBuilder jdbcUrl(String url) {
    required(url, "jdbcUrl", "a JDBC URL of an H2 or PostgreSQL database");
    DataSources.checkJdbcUrl(url);
    databaseNotSetYet("jdbcUrl");
    this.jdbcUrl = url;
    return this;
  }

  private void databaseNotSetYet(String setting) {
    String earlier =
        dataSource != null ? "dataSource(...)" : jdbcUrl != null ? "jdbcUrl(...)" : null;
    if (earlier != null) {
      throw new ConfigurationException(
          setting
              + ": the database was already set by "
              + earlier
              + "; an engine has one database: call either dataSource(...) or jdbcUrl(...), once");
    }
  }

  /**
   * Registers definitions. Several versions of one workflow name may be registered side by side;
   * each root runs on the version it started with. A new root started without a version goes to the
   * version its {@link #route routing} chooses, else to the newest (last) registered version that
   * is not {@link #deprecate deprecated}.
   */
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

  /**
   * Deprecates versions of a registered workflow: they take no new roots ({@code
   * initializeRootWorkflow} on one raises {@link
   * dev.tasquencer.api.error.WorkflowVersionDeprecatedException}, which names the version to use),
   * while the roots already running on them continue as before (their commands, jobs, deadlines and
   * child workflows). A new root started without a version goes to the newest registered version
   * that is not deprecated. See {@code docs/versioning.md}.
   *
   * @throws ConfigurationException when an argument is null; {@link #build()} when a version is not
   *     registered
   */
  public TasquencerBuilder deprecate(String workflow, String... versions) {
    required(workflow, "deprecate: workflow", "the workflow name");
    required(versions, "deprecate: versions", "the version names to deprecate");
    Set<String> set = deprecated.computeIfAbsent(workflow, k -> new LinkedHashSet<>());
    for (String v : versions) {
      set.add(required(v, "deprecate: version", "a version name"));
    }
    return this;
  }

  /**
   * How a new root of {@code workflow} started without a version chooses one (explicitly, by the
   * payload, or by a stable percentage of the business key: {@link VersionRouting}). Where the
   * routing chooses none, the newest registered version that is not deprecated is used; a version
   * the caller gives always wins. One routing per workflow name; combine with {@link
   * VersionRouting#orElse}.
   *
   * @throws ConfigurationException when an argument is null or the workflow already has a routing;
   *     {@link #build()} when the workflow or a version the routing names is not registered, or a
   *     version it names is deprecated
   */
  public TasquencerBuilder route(String workflow, VersionRouting routing) {
    required(workflow, "route: workflow", "the workflow name");
    required(routing, "route: routing", "a VersionRouting, such as VersionRouting.fixed(\"v1\")");
    if (routes.putIfAbsent(workflow, routing) != null) {
      throw new ConfigurationException(
          "route: workflow '"
              + workflow
              + "' already has a routing; combine rules into one with VersionRouting.orElse");
    }
    return this;
  }

  /**
   * Starts the engine even when root workflows are running on versions it cannot run (not
   * registered, or registered with another structure): {@link #build()} then logs the report as a
   * warning instead of failing with {@link dev.tasquencer.api.error.RunningVersionsException}. For
   * engines that only read (reports, a command line) or that never touch those roots; a command on
   * such a root fails when it is called.
   */
  public TasquencerBuilder allowUnregisteredRunningVersions() {
    this.allowUnregisteredRunningVersions = true;
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
   * How long a call waits for a lock another call holds (the root workflow's row, mostly) before it
   * fails and is run again, as after any conflict (default 10 s; zero: the database's own setting).
   * After {@link #maxAttempts} such waits the call raises a {@link
   * dev.tasquencer.api.error.ConcurrencyException}. Must be shorter than the statement timeout.
   */
  public TasquencerBuilder lockTimeout(Duration timeout) {
    this.lockTimeout = notNegative(timeout, "lockTimeout");
    return this;
  }

  /**
   * How long one SQL statement of a call (the engine's or your activities' through {@code
   * ctx.db()}) may run before the database cancels it and the call fails with a {@link
   * DataAccessException} (default 60 s; zero: the database's own setting).
   */
  public TasquencerBuilder statementTimeout(Duration timeout) {
    this.statementTimeout = notNegative(timeout, "statementTimeout");
    return this;
  }

  /**
   * PostgreSQL only: how long a session may sit inside an open transaction without sending anything
   * before the server ends it and releases its locks (default 30 s; zero: the server's own
   * setting). This bounds how long a process whose connection stalled in the middle of a call (a
   * network fault) holds up the calls of other processes on the same workflow. Longer than any
   * pause your own code makes inside a call between two statements.
   */
  public TasquencerBuilder idleInTransactionTimeout(Duration timeout) {
    this.idleInTransactionTimeout = notNegative(timeout, "idleInTransactionTimeout");
    return this;
  }

  /**
   * A retention policy: job workers delete root workflows that completed, failed or were canceled
   * more than {@code keepFinishedFor} ago, with their whole tree (child workflows, tasks,
   * conditions, work items, jobs, history), {@code batchSize} roots per transaction, and look again
   * every hour once none is left ({@link #retention(Duration, int, Duration)} sets that). A running
   * tree is never touched. The policy is stored in the database when the engine is built, as one
   * job that any job worker on the database runs; engines built without {@code retention} leave it
   * as it is. See {@code docs/retention.md}.
   */
  public TasquencerBuilder retention(Duration keepFinishedFor, int batchSize) {
    return retention(keepFinishedFor, batchSize, DEFAULT_RETENTION_CHECK);
  }

  /**
   * A retention policy ({@link #retention(Duration, int)}) that looks for finished workflows to
   * delete every {@code checkEvery} once none is left (while batches come back full, they run one
   * after the other).
   */
  public TasquencerBuilder retention(Duration keepFinishedFor, int batchSize, Duration checkEvery) {
    notNegative(keepFinishedFor, "retention: keepFinishedFor");
    required(checkEvery, "retention: checkEvery", "how often to look for finished workflows");
    if (checkEvery.isNegative() || checkEvery.isZero()) {
      throw new ConfigurationException(
          "retention: checkEvery must be positive, was " + checkEvery + "; for example one hour");
    }
    if (batchSize < 1) {
      throw new ConfigurationException(
          "retention: batchSize must be at least 1, was "
              + batchSize
              + "; it is how many root workflows one transaction deletes (for example 500)");
    }
    this.retention = new Engines.RetentionPolicy(keepFinishedFor, batchSize, checkEvery);
    return this;
  }

  /**
   * How much history the engine writes, in the transaction of each call (default {@link
   * HistoryLevel#AUDIT}); a workflow definition may set its own ({@code
   * Builder.workflow(...).history(level)}). See {@code docs/history.md} for what each level stores
   * and costs.
   */
  public TasquencerBuilder history(HistoryLevel level) {
    this.history = required(level, "history", "a HistoryLevel, such as HistoryLevel.AUDIT");
    return this;
  }

  /**
   * How long an idempotency key ({@code engine.idempotent(key)}) dedups the calls made with it,
   * from its first call (default 24 hours): afterwards the key no longer dedups (a call with it
   * runs as a new request), and {@code engine.purge} and the retention job delete it. Choose it
   * longer than your callers' retries go on. See {@code docs/idempotency.md}.
   */
  public TasquencerBuilder idempotencyKeysExpireAfter(Duration expireAfter) {
    required(expireAfter, "idempotencyKeysExpireAfter", "how long a key dedups, such as 24 hours");
    if (expireAfter.isNegative() || expireAfter.isZero()) {
      throw new ConfigurationException(
          "idempotencyKeysExpireAfter must be positive, was "
              + expireAfter
              + "; longer than your callers retry a request, for example 24 hours");
    }
    this.idempotencyKeysExpireAfter = expireAfter;
    return this;
  }

  /**
   * Switches the stored retention policy off when the engine is built: its job is canceled and no
   * finished workflow is deleted by policy any more ({@code Tasquencer.purge} still works).
   */
  public TasquencerBuilder noRetention() {
    this.retention = Engines.RetentionPolicy.OFF;
    return this;
  }

  /**
   * What history keeps of action payloads (default: all of each payload). Use it to keep personal
   * data out of the audit trail: {@code PayloadRedactor.fields("ssn")}.
   */
  public TasquencerBuilder historyRedactor(PayloadRedactor redactor) {
    this.redactor =
        required(redactor, "historyRedactor", "a PayloadRedactor, such as PayloadRedactor.NONE");
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
   * Where the engine's spans go: one per command ({@code tasquencer <command>}, a child of the
   * caller's current span) and one per job run (continuing the trace of the command that registered
   * the job). Default: {@code OpenTelemetry.noop()}, which records nothing but still carries the
   * caller's trace context to the jobs. See docs/observability.md.
   */
  public TasquencerBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry =
        required(openTelemetry, "openTelemetry", "an OpenTelemetry instance, or leave it unset");
    return this;
  }

  /**
   * Records the engine's meters into {@code registry} (Micrometer, an optional dependency: add
   * {@code io.micrometer:micrometer-core} to use it): commands by name and outcome, workflow
   * instances by state, task and work item durations, job lag, due and dead jobs. Default: none.
   * See docs/observability.md.
   */
  public TasquencerBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = required(registry, "meterRegistry", "a Micrometer MeterRegistry");
    return this;
  }

  /**
   * Identity settings: the scope modules declared in code, the identity provider, and roles and
   * groups that {@link #build()} creates or brings up to date in the database, in one transaction
   * (the rule is on {@link IdentitySetup}; running it again changes nothing). May be called more
   * than once; each call adds to the settings.
   *
   * <pre>{@code
   * Tasquencer.builder()
   *     .identity(id -> id
   *         .scopes(ScopeModule.of("expense", "Expense claims")
   *             .scope("submit", "Submit a claim")
   *             .scope("approve", "Approve a claim"))
   *         .role("manager", "Reviews claims", "expense:*")
   *         .group("finance", "The finance department", "manager"))
   * }</pre>
   *
   * @throws ConfigurationException when {@code setup} is null or declares a role or group twice;
   *     {@link #build()} then reports unknown scopes and invalid names
   */
  public TasquencerBuilder identity(Consumer<IdentitySetup> setup) {
    required(setup, "identity", "a function that declares scopes, roles and groups");
    setup.accept(identity);
    return this;
  }

  /**
   * Deny by default: when on, every action that outside callers may use must declare a {@link
   * dev.tasquencer.api.authorization.Policy}, and {@link #build()} fails naming every custom action
   * (one with a callback) of every registered workflow that has none. Default actions without a
   * policy stay internal-only, which denies outside callers anyway. Off by default: a custom action
   * without a policy lets every outside caller through to its callback. See {@code
   * docs/authorization.md}.
   */
  public TasquencerBuilder requirePolicies(boolean require) {
    this.requirePolicies = require;
    return this;
  }

  /**
   * Builds the engine: opens the pool of {@link #jdbcUrl} if that was set, detects the database,
   * applies migrations, records the registered definitions' structure, and applies the identity
   * bootstrap ({@link #identity}). When anything fails, the pool opened here is closed again before
   * the exception is thrown; a {@link #dataSource} of the application is left as it is.
   *
   * @throws ConfigurationException if no database was set, a deprecated or routed version is not
   *     registered, or the identity settings are wrong (a role holds a scope no module declares, a
   *     group is to hold a role that does not exist), or a policy of a registered action names an
   *     undeclared scope, or {@link #requirePolicies} is on and an action open to outside callers
   *     has no policy
   * @throws dev.tasquencer.api.error.RunningVersionsException (a ConfigurationException) if root
   *     workflows are running on a version that is not registered, or whose registered definition
   *     changed structure since they started, unless {@link #allowUnregisteredRunningVersions()}
   * @throws DataAccessException if the database cannot be reached or set up
   */
  public Tasquencer build() {
    if (dataSource == null && jdbcUrl == null) {
      throw new ConfigurationException(
          "no database: call dataSource(...) or jdbcUrl(...) on Tasquencer.builder()");
    }
    HikariDataSource owned = jdbcUrl == null ? null : DataSources.open(jdbcUrl);
    try {
      return Engines.create(
          new Engines.Settings(
              owned == null
                  ? Objects.requireNonNull(dataSource, "set: no jdbcUrl, and one of them is")
                  : owned,
              owned,
              definitions,
              clock,
              migrate,
              maxAttempts,
              lockTimeout,
              statementTimeout,
              idleInTransactionTimeout,
              retention,
              history,
              redactor,
              openTelemetry,
              meterRegistry,
              identity,
              requirePolicies,
              idempotencyKeysExpireAfter,
              deprecated,
              routes,
              allowUnregisteredRunningVersions));
    } catch (RuntimeException | Error e) {
      if (owned != null) {
        try {
          owned.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.error.TasquencerException;
import dev.tasquencer.internal.jobs.CallHandle;
import dev.tasquencer.internal.lifecycle.TransitionObserver;
import dev.tasquencer.internal.store.Dialect;
import dev.tasquencer.internal.store.IdempotencyStore;
import dev.tasquencer.internal.store.Session;
import dev.tasquencer.internal.store.SessionSettings;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.telemetry.CommandTrace;
import dev.tasquencer.internal.telemetry.Telemetry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's machinery behind the public facade: definitions, clock, payload codec, the element
 * semantics, and the transaction around every call (with bounded retries of conflicts).
 */
final class EngineCore {
  private static final Logger log = LoggerFactory.getLogger(EngineCore.class);
  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  final DataSource dataSource;
  final Dialect dialect;
  final Clock clock;
  final PayloadCodec codec;
  final Registry registry;
  final int maxAttempts;
  final SessionSettings sessionSettings;
  final WorkflowOps workflows;
  final TaskOps tasks;
  final WorkItemOps workItems;
  final Enablement enablement;
  final History history;
  private final FailedAttempts failures;

  /** The idempotency keys of external calls: claimed, stored and replayed around the body. */
  final Idempotency idempotency;

  /** The policies of external calls' actions. */
  final Authorizer authorizer = new Authorizer();

  final Allocations allocations = new Allocations(authorizer);

  /**
   * Hear every transition of every call; none by default. Replaced, never changed, so that a call
   * reads it once.
   */
  private volatile List<TransitionObserver> observers = List.of();

  /** Spans, meters and log context of commands and job runs. */
  final Telemetry telemetry;

  EngineCore(
      DataSource dataSource,
      Dialect dialect,
      Clock clock,
      PayloadCodec codec,
      Registry registry,
      int maxAttempts,
      SessionSettings sessionSettings,
      History history,
      Telemetry telemetry,
      Duration idempotencyExpiry) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
    this.codec = codec;
    this.registry = registry;
    this.maxAttempts = maxAttempts;
    this.sessionSettings = sessionSettings;
    this.history = history;
    this.telemetry = telemetry;
    this.failures = new FailedAttempts(this);
    this.idempotency = new Idempotency(this, idempotencyExpiry);
    this.workflows = new WorkflowOps(this);
    this.tasks = new TaskOps(this);
    this.workItems = new WorkItemOps(this);
    this.enablement = new Enablement(this);
  }

  /**
   * Reports every transition of the calls that begin from now on to {@code observer}, after the
   * observers registered before it. Register observers while the engine is built: an engine without
   * any creates no {@link dev.tasquencer.internal.lifecycle.AppliedTransition} at all.
   */
  synchronized void observe(TransitionObserver observer) {
    List<TransitionObserver> next = new java.util.ArrayList<>(observers);
    next.add(java.util.Objects.requireNonNull(observer, "observer"));
    observers = List.copyOf(next);
  }

  Registry registry() {
    return registry;
  }

  /** Reads a stored JSON payload as {@code type}, for platform code (job workers). */
  <T> @Nullable T readPayload(@Nullable String json, Class<T> type) {
    return codec.read(json, null, type);
  }

  Clock clock() {
    return clock;
  }

  /**
   * Runs platform code (a job handler) in one engine transaction, with the same retries as
   * commands.
   */
  <T> T transaction(String name, Function<CallHandle, T> body) {
    return execute(CallRequest.command(name, Origin.JOB, null), body::apply);
  }

  /** Runs a command of {@code origin} in one transaction: see below. */
  <T> T execute(String command, Origin origin, Function<Call, T> body) {
    return execute(CallRequest.command(command, origin, null), body);
  }

  /**
   * Runs a command of the application (or of {@code engine.internal()}) like {@link
   * #execute(CallRequest, Function)}, in a span of its own (a child of the caller's current span),
   * measured, with the command in the log context, and one debug line when it ends.
   */
  <T> T command(CallRequest request, Function<Call, T> body) {
    try (CommandTrace trace = telemetry.command(request.command(), request.origin())) {
      try {
        T result =
            execute(
                request,
                call -> {
                  trace.attempt();
                  call.trace = trace;
                  return body.apply(call);
                },
                trace);
        trace.committed();
        return result;
      } catch (RuntimeException | Error e) {
        trace.failed(e);
        throw e;
      }
    }
  }

  /**
   * Runs {@code body} in one transaction: commit when it returns, roll back when it throws.
   * Serialization failures and deadlocks re-run the whole body, up to the configured attempts.
   * {@code request} says what the call is and who asked for it.
   */
  <T> T execute(CallRequest request, Function<Call, T> body) {
    return execute(request, body, null);
  }

  private <T> T execute(CallRequest request, Function<Call, T> body, @Nullable CommandTrace trace) {
    String command = request.command();
    if (CURRENT.get() != null) {
      throw new ConfigurationException(
          "engine command "
              + command
              + " was called from inside an activity, action, policy or router of another"
              + " engine call. Use the context instead (for example ctx.workItem().complete()),"
              + " or make the call in ctx.afterCommit(...), which runs once this call has"
              + " committed (or in a job, to survive a crash)");
    }
    Call[] last = new Call[1];
    int taken = 0;
    for (int attempt = 1; ; attempt++) {
      Committed<T> done;
      try {
        done = once(request, body, last);
      } catch (Idempotency.KeyTaken e) {
        // a concurrent call with the same key committed first: run again to read its outcome
        if (++taken >= maxAttempts) {
          var gaveUp = new ConcurrencyException(giveUpMessage(command, taken, e), e);
          recordFailure(request, last[0], gaveUp);
          throw gaveUp;
        }
        attempt--;
        backoff(taken);
        continue;
      } catch (RuntimeException | Error e) {
        if (!isRetryable(e)) {
          recordFailure(request, last[0], e);
          throw e;
        }
        if (attempt >= maxAttempts) {
          var gaveUp = new ConcurrencyException(giveUpMessage(command, attempt, e), e);
          recordFailure(request, last[0], gaveUp);
          throw gaveUp;
        }
        log.warn(
            "{} conflicted with a concurrent call (attempt {} of {}), retrying: {}",
            command,
            attempt,
            maxAttempts,
            e.toString());
        if (trace != null) {
          trace.conflict(attempt, e);
        }
        backoff(attempt);
        continue;
      }
      IdempotencyStore.Stored replay = done.replay();
      if (replay != null) {
        return replayed(replay);
      }
      runAfterCommit(command, done.afterCommit());
      return done.result();
    }
  }

  /**
   * The outcome stored with the key of a repeated call: its result, or its error thrown. The key's
   * fingerprint names the command, whose result type is T (the caller's); a void command's T is
   * null, as its body returns.
   */
  @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
  private <T> T replayed(IdempotencyStore.Stored stored) {
    return (T) idempotency.replay(stored);
  }

  /**
   * What a committed attempt returns: its result and the callbacks it registered; or, for a repeat
   * of an idempotent call, the stored outcome to hand back instead (result null, no callbacks).
   */
  private record Committed<T>(
      T result, List<Runnable> afterCommit, IdempotencyStore.@Nullable Stored replay) {}

  // a repeat's result is read from its stored outcome: null stands in until then
  @SuppressWarnings("NullAway")
  private static <T> Committed<T> replaying(IdempotencyStore.Stored stored) {
    return new Committed<>(null, List.of(), stored);
  }

  /**
   * Runs the callbacks of a committed call in registration order. The call has committed, so a
   * failing callback cannot change its outcome: it is logged and the others still run.
   */
  private static void runAfterCommit(String command, List<Runnable> callbacks) {
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        log.error(
            "an afterCommit callback of {} failed after the call had committed; the call's"
                + " outcome stands and its remaining callbacks still run",
            command,
            t);
      }
    }
  }

  private String giveUpMessage(String command, int attempts, Throwable last) {
    if (!isLockTimeout(last)) {
      return command + " conflicted with concurrent calls " + attempts + " times; gave up";
    }
    return command
        + " waited for a lock held by another call "
        + attempts
        + " times, each time longer than the lock timeout ("
        + sessionSettings.lockTimeout().toMillis()
        + " ms); gave up. Another call kept the workflow locked all along: a long call, or a"
        + " process whose connection stalled inside a transaction (PostgreSQL ends such a session"
        + " after the idle-in-transaction timeout). Nothing of this call was committed; retrying"
        + " later is safe (TasquencerBuilder.lockTimeout and maxAttempts set the limits)";
  }

  /** Work on a connection of its own. */
  @FunctionalInterface
  interface SqlWork {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a short transaction of its own, on a connection of its own: for what must
   * be written apart from any engine call (a failed call's record, history checkpoints). No
   * retries, no history; the caller handles its exceptions.
   */
  void inOwnTransaction(SqlWork work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Session.initConnection(c, dialect, sessionSettings);
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * Records a call rolled back by an exception as a failed attempt, in a transaction of its own.
   * Never throws: a failure to record is logged, and the caller's error stays what it was.
   */
  private void recordFailure(CallRequest request, Call call, Throwable error) {
    if (!request.recordsFailure()) {
      return;
    }
    try {
      failures.record(request, call, error);
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError vme && !(error instanceof VirtualMachineError)) {
        error.addSuppressed(vme);
      }
      log.warn(
          "cannot record the failed attempt of {} ({}): {}",
          request.command(),
          error.getClass().getSimpleName(),
          t.toString());
    }
  }

  private <T> Committed<T> once(CallRequest request, Function<Call, T> body, Call[] last) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw SqlFailures.translate("cannot get a database connection", e);
    }
    boolean autoCommit = true;
    Idempotency.Claim claim = null;
    try {
      Session.initConnection(c, dialect, sessionSettings); // before the transaction begins
      autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      Session session = new Session(c, dialect, observers);
      session.traceContext(Telemetry::currentTraceContext);
      Call call = new Call(this, session, clock.instant(), request);
      last[0] = call;
      Idempotency.Key key = request.idempotency();
      if (key != null) {
        claim = idempotency.claim(call, key);
        if (claim.stored != null) {
          c.commit(); // it only read
          return replaying(claim.stored);
        }
      }
      if (history.recorded()) {
        call.session.transitions().observe(call.history);
      }
      CallMetrics metrics = null;
      if (telemetry.metrics().enabled()) {
        metrics = new CallMetrics(call, telemetry.metrics());
        session.transitions().observe(metrics);
      }
      T result;
      List<Runnable> afterCommit;
      CURRENT.set(call);
      try {
        result = body.apply(call);
        failIfUserSqlFailed(call);
        call.history.finish();
        call.session.called(call.now());
        call.session.flush();
        if (key != null) {
          idempotency.succeeded(call, key, result);
        }
      } finally {
        CURRENT.remove();
        afterCommit = call.end();
      }
      c.commit();
      if (metrics != null) {
        metrics.publish();
      }
      return new Committed<>(result, afterCommit, null);
    } catch (SQLException e) {
      rollback(c);
      throw SqlFailures.translate("transaction failed", e);
    } catch (RuntimeException | Error e) {
      Idempotency.Key key = request.idempotency();
      if (key != null && claim != null && Idempotency.stores(e) && !isRetryable(e)) {
        storeError(c, last[0], key, claim, (TasquencerException) e);
      } else {
        rollback(c);
      }
      throw e;
    } finally {
      close(c, autoCommit);
    }
  }

  /**
   * Commits the typed error of a call made with an idempotency key as the key's outcome, without
   * anything else of the call (rolled back to the claim's savepoint). When that fails, the whole
   * transaction rolls back and the failure is thrown, with the call's error suppressed: the caller
   * may retry with the same key.
   */
  private void storeError(
      Connection c,
      Call call,
      Idempotency.Key key,
      Idempotency.Claim claim,
      TasquencerException error) {
    try {
      idempotency.failed(call, key, claim, error);
      c.commit();
    } catch (SQLException s) {
      rollback(c);
      DataAccessException failure =
          SqlFailures.translate(
              "cannot store the outcome of idempotency key '" + key.key() + "'", s);
      failure.addSuppressed(error);
      throw failure;
    }
  }

  /** A failed statement of user code rolls the call back, even when the error was caught. */
  private static void failIfUserSqlFailed(Call call) {
    var failure = call.session.userSqlFailure();
    if (failure.isPresent()) {
      throw new DataAccessException(
          "a SQL statement of user code failed in this call and the error was caught; the call is"
              + " rolled back (rethrow it, or avoid the failing statement): "
              + failure.get().getMessage(),
          failure.get());
    }
  }

  private boolean isRetryable(Throwable e) {
    return causedBy(e, dialect::isRetryable);
  }

  private boolean isLockTimeout(Throwable e) {
    return causedBy(e, dialect::isLockTimeout);
  }

  private static boolean causedBy(Throwable e, Predicate<SQLException> test) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && test.test(s)) {
        return true;
      }
    }
    return false;
  }

  /** A random pause before attempt {@code attempt + 1}, growing with the attempts up to 200 ms. */
  static void backoff(int attempt) {
    long max = Math.min(200, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, max + 1));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new ConcurrencyException("interrupted while waiting to retry", ie);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.warn("rollback failed: {}", e.getMessage());
    }
  }

  private static void close(Connection c, boolean autoCommit) {
    try {
      if (autoCommit && !c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.debug("cannot restore auto-commit: {}", e.getMessage());
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("cannot close connection: {}", e.getMessage());
    }
  }
}

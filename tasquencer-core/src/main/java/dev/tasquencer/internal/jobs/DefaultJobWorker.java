package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.jobs.ExternalJobContext;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobInfo;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.jobs.TransactionalJobContext;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobWorker}: a poller that claims due jobs, a pool that runs them, and a scheduler that
 * renews the leases of the jobs in flight.
 */
public final class DefaultJobWorker implements JobWorker {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobEngine core;
  private final Map<String, JobHandler<?>> handlers;
  private final String workerId;
  private final int threads;
  private final Duration pollInterval;
  private final Duration lease;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final WorkflowCommands internalCommands;
  private final WorkflowQueries queries;
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong canceled = new AtomicLong();
  private final Object wake = new Object();
  private boolean wakeRequested; // guarded by wake: a wakeUp() that came before the wait
  private volatile boolean running;
  private Thread poller;
  private ExecutorService executor;
  private ScheduledExecutorService renewer;
  private Semaphore capacity;

  private DefaultJobWorker(Builder b) {
    this.core = b.engine;
    this.handlers = Map.copyOf(b.handlers);
    this.workerId = b.workerId;
    this.threads = b.threads;
    this.pollInterval = b.pollInterval;
    this.lease = b.lease;
    this.backoffBase = b.backoffBase;
    this.backoffMax = b.backoffMax;
    this.internalCommands = core.internalCommands();
    this.queries = core.queries();
  }

  /** A builder of workers that run on {@code engine}. */
  public static JobWorker.Builder builder(JobEngine engine) {
    return new Builder(engine);
  }

  @Override
  public String workerId() {
    return workerId;
  }

  @Override
  public Stats stats() {
    return new Stats(done.get(), failed.get(), dead.get(), canceled.get());
  }

  // ------------------------------------------------------------------------------ lifecycle

  @Override
  public synchronized JobWorker start() {
    if (running) {
      return this;
    }
    running = true;
    capacity = new Semaphore(threads);
    executor = Executors.newFixedThreadPool(threads, r -> daemon(r, "tasquencer-job"));
    renewer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tasquencer-lease"));
    long every = Math.max(1, lease.toMillis() / 3);
    renewer.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    poller = daemon(this::pollLoop, "tasquencer-poller");
    poller.start();
    log.info("job worker {} started with {} threads", workerId, threads);
    return this;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    wakeUp();
    try {
      poller.join(lease.toMillis());
      executor.shutdown();
      if (!executor.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    } finally {
      renewer.shutdownNow();
    }
    log.info("job worker {} stopped: {}", workerId, stats());
  }

  private void pollLoop() {
    while (running) {
      try {
        int free = capacity.availablePermits();
        List<JobSnapshot> claimed = free == 0 ? List.of() : claim(free);
        for (JobSnapshot job : claimed) {
          capacity.acquireUninterruptibly();
          inFlight.add(job.id());
          executor.execute(
              () -> {
                try {
                  run(job);
                } finally {
                  inFlight.remove(job.id());
                  capacity.release();
                  if (capacity.availablePermits() == 1) {
                    wakeUp();
                  }
                }
              });
        }
        if (claimed.isEmpty() || capacity.availablePermits() == 0) {
          synchronized (wake) {
            // a job that finished between the claim and here has already asked for a wake-up
            if (running && !wakeRequested) {
              wake.wait(pollInterval.toMillis());
            }
            wakeRequested = false;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("job worker {} could not poll: {}", workerId, e.toString());
        sleepQuietly(pollInterval);
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renewLeases() {
    try {
      List<UUID> ids = new ArrayList<>(inFlight);
      if (!ids.isEmpty()) {
        core.transaction(
            "renew job leases",
            h ->
                sql(
                    () -> {
                      JobStore.renewLeases(h.connection(), ids, workerId, h.now().plus(lease));
                      return null;
                    }));
      }
    } catch (RuntimeException e) {
      log.warn("job worker {} could not renew leases: {}", workerId, e.toString());
    }
  }

  @Override
  public int runDue() {
    int total = 0;
    for (int round = 0; round < 100_000; round++) {
      List<JobSnapshot> claimed = claim(100);
      if (claimed.isEmpty()) {
        return total;
      }
      for (JobSnapshot job : claimed) {
        run(job);
        total++;
      }
    }
    throw new IllegalStateException("runDue ran 10 million jobs; is a job rescheduling itself?");
  }

  // ------------------------------------------------------------------------------ running

  private List<JobSnapshot> claim(int limit) {
    return core.transaction(
        "claim jobs",
        h ->
            sql(
                () ->
                    JobStore.claimDue(
                        h.connection(), workerId, h.now(), h.now().plus(lease), limit)));
  }

  private void run(JobSnapshot job) {
    JobHandler<?> handler = handlers.get(job.handler());
    boolean builtin = job.handler().startsWith("tasquencer.");
    JobInfo info =
        new JobInfo(
            job.id(),
            job.handler(),
            job.attempts(),
            job.maxAttempts(),
            job.ownerKind(),
            job.ownerId(),
            job.ownerTask(),
            job.ownerGeneration());
    try {
      JobState outcome;
      if (handler == null && !builtin) {
        throw new ConfigurationException(
            "no handler named '"
                + job.handler()
                + "' is registered with job worker "
                + workerId
                + "; registered: "
                + handlers.keySet());
      } else if (handler instanceof JobHandler.External<?> external) {
        outcome = runExternal(job, info, external);
      } else {
        outcome = runInTransaction(job, info, handler, builtin);
      }
      if (outcome == JobState.DONE) {
        done.incrementAndGet();
      } else if (outcome == JobState.CANCELED) {
        canceled.incrementAndGet();
      }
    } catch (Throwable e) {
      recordFailure(job, e);
      if (e instanceof Error err && !(e instanceof AssertionError)) {
        throw err;
      }
    }
  }

  private JobState runInTransaction(
      JobSnapshot job, JobInfo info, JobHandler<?> handler, boolean builtin) {
    return core.transaction(
        "job " + job.handler(),
        h -> {
          if (job.rootId() != null) {
            h.lockRoot(job.rootId());
          }
          switch (sql(() -> JobStore.lockHeld(h.connection(), job, workerId))) {
            case LOST:
              return JobState.RUNNING; // the lease expired and another worker took it
            case OWNER_ENDED:
              finish(h, job, JobState.CANCELED);
              return JobState.CANCELED;
            case READY:
              break;
          }
          if (builtin && handler == null) {
            h.runBuiltinJob(job.handler(), job.payloadJson());
          } else {
            invoke((JobHandler.Transactional<?>) handler, h, info, job.payloadJson());
          }
          finish(h, job, JobState.DONE);
          return JobState.DONE;
        });
  }

  private <P> void invoke(
      JobHandler.Transactional<P> handler, CallHandle h, JobInfo info, String json) {
    P payload = core.readPayload(json, handler.payloadType());
    TransactionalJobContext ctx =
        new TransactionalJobContext() {
          @Override
          public JobInfo job() {
            return info;
          }

          @Override
          public WorkflowCommands commands() {
            return h.commands();
          }

          @Override
          public dev.tasquencer.api.Db db() {
            return h.db();
          }

          @Override
          public Instant now() {
            return h.now();
          }
        };
    try {
      handler.body().run(ctx, payload);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException(e);
    }
  }

  private <P> JobState runExternal(JobSnapshot job, JobInfo info, JobHandler.External<P> handler)
      throws Exception {
    boolean active =
        core.transaction(
            "job owner check", h -> sql(() -> JobStore.ownerActive(h.connection(), job)));
    if (!active) {
      return finishOutside(job, JobState.CANCELED);
    }
    P payload = core.readPayload(job.payloadJson(), handler.payloadType());
    Instant now = core.clock().instant();
    ExternalJobContext ctx =
        new ExternalJobContext() {
          @Override
          public JobInfo job() {
            return info;
          }

          @Override
          public WorkflowCommands engine() {
            return internalCommands;
          }

          @Override
          public WorkflowQueries queries() {
            return queries;
          }

          @Override
          public Instant now() {
            return now;
          }
        };
    handler.body().run(ctx, payload);
    return finishOutside(job, JobState.DONE);
  }

  /**
   * Ends a job in a transaction of its own: {@code state} when this worker still held it, else
   * {@link JobState#RUNNING} (its lease expired meanwhile and another worker took it over, whose
   * outcome counts instead).
   */
  private JobState finishOutside(JobSnapshot job, JobState state) {
    int ended = core.transaction("job " + state.id(), h -> finish(h, job, state));
    if (ended == 0) {
      log.info(
          "job {} ({}) was taken over by another worker after this worker's lease expired;"
              + " its outcome here is not recorded",
          job.id(),
          job.handler());
      return JobState.RUNNING;
    }
    return state;
  }

  private int finish(CallHandle h, JobSnapshot job, JobState state) {
    return sql(() -> JobStore.finish(h.connection(), job.id(), workerId, state, h.now()));
  }

  private void recordFailure(JobSnapshot job, Throwable e) {
    Duration delay = backoff(job.attempts());
    try {
      var state =
          core.transaction(
              "job failed",
              h ->
                  sql(
                      () ->
                          JobStore.fail(
                              h.connection(),
                              job.id(),
                              workerId,
                              describe(e),
                              h.now().plus(delay),
                              h.now())));
      if (state.isEmpty()) {
        log.info(
            "job {} ({}) failed here after another worker took it over (this worker's lease"
                + " expired); the failure is not recorded: {}",
            job.id(),
            job.handler(),
            e.toString());
        return;
      }
      failed.incrementAndGet();
      if (state.get() == JobState.DEAD) {
        dead.incrementAndGet();
        log.error(
            "job {} ({}) is dead after {} attempts: {}",
            job.id(),
            job.handler(),
            job.attempts(),
            describe(e));
      } else {
        log.warn(
            "job {} ({}) failed on attempt {} of {}, retrying in {}: {}",
            job.id(),
            job.handler(),
            job.attempts(),
            job.maxAttempts(),
            delay,
            e.toString());
      }
    } catch (RuntimeException r) {
      log.warn(
          "job {} failed ({}) and the failure could not be recorded ({}); its lease will expire",
          job.id(),
          e,
          r.toString());
    }
  }

  /** Exponential: base, 2 x base, 4 x base ... capped. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = backoffBase.multipliedBy(factor);
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    Throwable c = e.getCause();
    for (int i = 0; c != null && i < 5; i++, c = c.getCause()) {
      sb.append("\n  caused by ").append(c);
    }
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(8, st.length); i++) {
      sb.append("\n  at ").append(st[i]);
    }
    return sb.toString();
  }

  private interface SqlSupplier<T> {
    T get() throws SQLException;
  }

  private static <T> T sql(SqlSupplier<T> s) {
    try {
      return s.get();
    } catch (SQLException e) {
      throw new DataAccessException("job statement failed: " + e.getMessage(), e);
    }
  }

  /** A checked exception thrown by a transactional job handler. */
  static final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobFailedException(Exception cause) {
      super(cause.toString(), cause);
    }
  }

  private static final class Builder implements JobWorker.Builder {
    private final JobEngine engine;
    private final Map<String, JobHandler<?>> handlers = new LinkedHashMap<>();
    private String workerId = defaultWorkerId();
    private int threads = 4;
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration lease = Duration.ofSeconds(30);
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);

    private Builder(JobEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    private static String defaultWorkerId() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "host";
      }
      return host
          + "-"
          + ManagementFactory.getRuntimeMXBean().getPid()
          + "-"
          + Long.toHexString(Double.doubleToLongBits(Math.random()) & 0xFFFFFF);
    }

    @Override
    public Builder handler(String name, JobHandler<?> handler) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(handler, "handler");
      if (name.startsWith("tasquencer.")) {
        throw new IllegalArgumentException(
            "handler names starting with 'tasquencer.' are reserved for built-in handlers: "
                + name);
      }
      if (handlers.putIfAbsent(name, handler) != null) {
        throw new IllegalArgumentException("a handler named '" + name + "' is already registered");
      }
      return this;
    }

    @Override
    public Builder workerId(String id) {
      this.workerId = Objects.requireNonNull(id, "workerId");
      return this;
    }

    @Override
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    @Override
    public Builder pollInterval(Duration d) {
      this.pollInterval = positive(d, "pollInterval");
      return this;
    }

    @Override
    public Builder lease(Duration d) {
      this.lease = positive(d, "lease");
      return this;
    }

    @Override
    public Builder backoff(Duration base, Duration max) {
      this.backoffBase = positive(base, "backoff base");
      this.backoffMax = positive(max, "backoff max");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }

    @Override
    public JobWorker build() {
      return new DefaultJobWorker(this);
    }
  }
}

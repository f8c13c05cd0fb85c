package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.examples.billing.BillingDemo;
import dev.tasquencer.examples.billing.BillingJobsDemo;
import dev.tasquencer.examples.billing.BillingReport;
import dev.tasquencer.jobs.JobWorker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A billing run in jobs mode from start to end: seeds the customers and starts the workflow (one
 * job per invoice), has the jobs run by a worker in this process ({@code workers == 0}) or by
 * worker processes, waits until the workflow is final (printing progress on stderr), optionally
 * killing and restarting worker processes along the way, stops the workers and reads the outcome.
 */
final class JobsBillingRun {
  /** Progress lines every this often. */
  private static final long PROGRESS_EVERY_MS = 3000;

  /** The task whose work items are the invoices. */
  private static final String INVOICES = "generateInvoices";

  /** How often the workflow's state is polled. */
  private static final long POLL_MS = 200;

  /** Without progress for this long, the run's jobs are checked: can it still finish? */
  private static final long STUCK_CHECK_NANOS = 1_000_000_000L;

  /** The operator who repairs the service and retries the incidents (--repair-after-incidents). */
  static final Actor OPERATOR = Actor.user("billing-operator");

  /**
   * What to run with.
   *
   * @param workers worker processes; 0: a worker in this process
   * @param workerThreads jobs each worker runs at the same time
   * @param lease lease of a claimed job (how long a killed worker's jobs wait)
   * @param pollInterval how long an idle worker waits before looking for due jobs again
   * @param kills how many times a random worker process is killed with SIGKILL and restarted
   * @param killSeed seed of which worker is killed and when
   * @param transientFailureRate share of the service's calls that fail with a retryable error
   * @param permanentFailureRate share of the customers whose calls fail until it is repaired
   * @param repairAfterIncidents once the workers are idle with open incidents: repair the service,
   *     retry every incident and wait again; else the run stops there, not final
   */
  record Settings(
      int workers,
      int workerThreads,
      Duration lease,
      Duration pollInterval,
      int kills,
      long killSeed,
      double transientFailureRate,
      double permanentFailureRate,
      boolean repairAfterIncidents) {

    /** Settings without technical failures of the service. */
    Settings(
        int workers,
        int workerThreads,
        Duration lease,
        Duration pollInterval,
        int kills,
        long killSeed) {
      this(workers, workerThreads, lease, pollInterval, kills, killSeed, 0, 0, false);
    }

    WorkerCommand.Failures failures(BillingDemo.Options options) {
      return new WorkerCommand.Failures(
          options.failureRate(), transientFailureRate, permanentFailureRate, options.seed());
    }
  }

  /** One SIGKILL: when, which worker, at how many final work items. */
  record Kill(long atMs, int worker, long pid, long finished, long total) {}

  /**
   * The outcome of a run.
   *
   * @param retries attempts of the run's jobs that failed and were tried again
   * @param incidents the run's incidents: opened, and open at the end
   * @param retriedIncidents incidents the operator retried after repairing the service
   */
  record Result(
      BillingReport report,
      BillingJobsDemo.JobCounts jobs,
      long initializeMs,
      List<Kill> kills,
      long durationMs,
      long retries,
      BillingJobsDemo.IncidentCounts incidents,
      int retriedIncidents) {}

  private JobsBillingRun() {}

  /**
   * Whether several processes can open the database: null when they can, else why not (for the
   * error message of an option that needs worker processes).
   */
  static @Nullable String checkShareable(@Nullable String url) {
    if (url == null) {
      return "needs a database that several processes can open: PostgreSQL (--db"
          + " jdbc:postgresql://...) or an H2 file opened with AUTO_SERVER=TRUE (--db"
          + " 'jdbc:h2:file:./data/billing;AUTO_SERVER=TRUE'); the default H2 file is private to"
          + " this process";
    }
    if (url.startsWith("jdbc:h2:")) {
      String u = url.toUpperCase(Locale.ROOT);
      if (u.startsWith("JDBC:H2:MEM:") || !u.contains("AUTO_SERVER=TRUE")) {
        return "needs a database that several processes can open: PostgreSQL, or an H2 file"
            + " opened with AUTO_SERVER=TRUE (add ;AUTO_SERVER=TRUE to a jdbc:h2:file: URL); was '"
            + DemoDatabase.redact(url)
            + "'";
      }
    }
    return null;
  }

  /** The connections this process needs for a run with {@code settings}. */
  static int connections(Settings settings) {
    return settings.workers() == 0 ? settings.workerThreads() + 4 : 4;
  }

  static Result run(
      DemoDatabase database,
      @Nullable String url,
      BillingDemo.Options options,
      Settings settings,
      PrintWriter err)
      throws InterruptedException {
    // the workers ride out a dropped connection; so does this process's watching of their run
    TransientReads reads = new TransientReads(err);
    try (Tasquencer engine = BillingJobsDemo.engine(database.dataSource())) {
      // a run an earlier demo left unfinished is canceled before any worker starts: none of its
      // jobs may run against the customers this run is about to replace
      int canceled = BillingJobsDemo.prepare(database.dataSource(), engine);
      if (canceled > 0) {
        err.printf("  canceled %d unfinished run(s) left by an earlier demo%n", canceled);
        err.flush();
      }
      // then the workers: a JVM takes seconds to start, the seeding and the start call overlap it
      JobWorker inProcess = null;
      WorkerProcesses processes = null;
      long durationMs;
      BillingJobsDemo.Started started;
      Ending ending;
      try {
        if (settings.workers() == 0) {
          inProcess = inProcessWorker(engine, database.dataSource(), options, settings).start();
        } else {
          processes =
              new WorkerProcesses(
                  settings.workers(),
                  Objects.requireNonNull(url, "workers need a shared database"),
                  workerArgs(options, settings),
                  err);
          processes.startAll();
        }
        long t0 = System.nanoTime();
        started = BillingJobsDemo.start(database.dataSource(), engine, options);
        UUID startedId = started.workflowId();
        TaskStats stats = reads.read("the run", () -> engine.queries().stats(startedId, INVOICES));
        if (stats.total() >= Progress.MIN_TOTAL || settings.workers() > 0) {
          err.printf(
              "  started workflow %s: %d invoice jobs registered in %d ms; running them with %s%n",
              started.workflowId(),
              stats.total(),
              started.initializeMs(),
              settings.workers() == 0
                  ? "a worker in this process (" + settings.workerThreads() + " threads)"
                  : settings.workers()
                      + " worker processes ("
                      + settings.workerThreads()
                      + " threads each)");
          err.flush();
        }
        ending =
            await(
                database.dataSource(),
                engine,
                started.workflowId(),
                t0,
                settings,
                processes,
                reads,
                err);
        durationMs = (System.nanoTime() - t0) / 1_000_000;
      } finally {
        // stopped before the jobs are counted: a job is marked done after its report committed
        if (inProcess != null) {
          inProcess.close();
        }
        if (processes != null) {
          processes.close();
        }
      }
      UUID id = started.workflowId();
      BillingReport.Due before = started.before();
      BillingReport report =
          reads.read(
              "the outcome",
              () ->
                  BillingReport.read(
                      database.dataSource(), engine.queries(), id, before, durationMs));
      return new Result(
          report,
          reads.read("the jobs", () -> BillingJobsDemo.jobCounts(database.dataSource(), id)),
          started.initializeMs(),
          ending.kills(),
          durationMs,
          reads.read("the retries", () -> BillingJobsDemo.retries(database.dataSource(), id)),
          reads.read("the incidents", () -> BillingJobsDemo.incidents(engine, id)),
          ending.retriedIncidents());
    }
  }

  private static JobWorker inProcessWorker(
      Tasquencer engine, DataSource dataSource, BillingDemo.Options options, Settings settings) {
    return WorkerCommand.billingWorker(
            engine,
            dataSource,
            settings.workerThreads(),
            settings.lease(),
            settings.pollInterval(),
            settings.failures(options))
        .build();
  }

  private static List<String> workerArgs(BillingDemo.Options options, Settings settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--threads",
                Integer.toString(settings.workerThreads()),
                "--lease-seconds",
                Long.toString(Math.max(1, settings.lease().toSeconds())),
                "--poll-ms",
                Long.toString(settings.pollInterval().toMillis())));
    args.addAll(settings.failures(options).args());
    return args;
  }

  /**
   * How the wait ended: the kills made, and how many incidents the operator retried (0 when none
   * were open, or when the run stopped with open incidents as it was told to).
   */
  private record Ending(List<Kill> kills, int retriedIncidents) {}

  /**
   * Waits until the workflow is final, or until the workers are idle with open incidents: then,
   * with {@link Settings#repairAfterIncidents}, the operator repairs the service, retries them and
   * the wait goes on; without, it ends with the workflow not final. Kills happen when the share of
   * final work items passes a threshold: one random point in each of {@code kills} equal slices of
   * 5%..95%, so the kills are spread over the run and always hit it while jobs are running.
   */
  private static Ending await(
      DataSource dataSource,
      Tasquencer engine,
      UUID id,
      long t0,
      Settings settings,
      @Nullable WorkerProcesses workers,
      TransientReads reads,
      PrintWriter err)
      throws InterruptedException {
    Random random = new Random(settings.killSeed());
    int planned = workers == null ? 0 : settings.kills();
    double[] thresholds = new double[planned];
    for (int i = 0; i < planned; i++) {
      thresholds[i] = 0.05 + 0.9 * (i + random.nextDouble()) / planned;
    }
    List<Kill> kills = new ArrayList<>();
    long lastPrint = System.nanoTime();
    long lastFinished = -1;
    long stuckSince = System.nanoTime();
    int retried = 0;
    boolean repaired = false;
    while (true) {
      Poll poll =
          reads.read(
              "the run's progress",
              () ->
                  new Poll(
                      engine.queries().workflowState(id).isFinal(),
                      engine.queries().stats(id, INVOICES)));
      if (poll.isFinal()) {
        return new Ending(kills, retried);
      }
      if (workers != null) {
        workers.checkAlive();
      }
      TaskStats s = poll.stats();
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      if (workers != null
          && kills.size() < planned
          && s.total() > 0
          && (double) s.finished() / s.total() >= thresholds[kills.size()]) {
        int victim = random.nextInt(workers.count());
        long pid = workers.kill(victim);
        kills.add(new Kill(elapsedMs, victim + 1, pid, s.finished(), s.total()));
        workers.start(victim);
        err.printf(
            "  killed worker %d (pid %d) with SIGKILL at %d/%d invoices, %.1f s; restarted it as"
                + " pid %d%n",
            victim + 1, pid, s.finished(), s.total(), elapsedMs / 1000.0, workers.pid(victim));
        err.flush();
      }
      if (System.nanoTime() - lastPrint >= PROGRESS_EVERY_MS * 1_000_000) {
        lastPrint = System.nanoTime();
        err.printf(
            "  generateInvoices: %d/%d work items final (%d%%), %.1f s%n",
            s.finished(),
            s.total(),
            s.total() == 0 ? 0 : s.finished() * 100 / s.total(),
            elapsedMs / 1000.0);
        err.flush();
      }
      if (s.finished() != lastFinished) {
        lastFinished = s.finished();
        stuckSince = System.nanoTime();
      } else if (System.nanoTime() - stuckSince > STUCK_CHECK_NANOS) {
        stuckSince = System.nanoTime();
        var jobs = reads.read("the jobs", () -> BillingJobsDemo.jobCounts(dataSource, id));
        boolean isFinal = reads.read("the run", () -> engine.queries().workflowState(id).isFinal());
        if (jobs.pending() + jobs.running() == 0 && !isFinal) {
          var incidents = reads.read("the incidents", () -> BillingJobsDemo.incidents(engine, id));
          if (incidents.open() > 0 && settings.repairAfterIncidents() && !repaired) {
            repaired = true;
            retried =
                reads.read(
                    "the operator's retry",
                    () -> BillingJobsDemo.repairAndRetry(dataSource, engine, id, OPERATOR));
            err.printf(
                "  workers idle with %d open incidents: repaired the invoicing service and"
                    + " retried them as %s%n",
                incidents.open(), OPERATOR);
            err.flush();
            continue;
          }
          if (incidents.open() > 0) {
            err.printf(
                "  workers idle with %d open incidents: the run waits for an operator"
                    + " (tasquencer incidents --db URL; tasquencer incidents retry --db URL"
                    + " --all)%n",
                incidents.open());
            err.flush();
            return new Ending(kills, retried);
          }
          throw new CliException(
              "the run cannot finish: no job of it is pending or running, and "
                  + jobs.dead()
                  + " are dead (see the workers' output and tq_job.last_error); jobs: "
                  + jobs);
        }
      }
      Thread.sleep(POLL_MS);
    }
  }

  /** What one look at the run found. */
  private record Poll(boolean isFinal, TaskStats stats) {}
}

package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
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
  private static final long STUCK_CHECK_NANOS = 10_000_000_000L;

  /**
   * What to run with.
   *
   * @param workers worker processes; 0: a worker in this process
   * @param workerThreads jobs each worker runs at the same time
   * @param lease lease of a claimed job (how long a killed worker's jobs wait)
   * @param pollInterval how long an idle worker waits before looking for due jobs again
   * @param kills how many times a random worker process is killed with SIGKILL and restarted
   * @param killSeed seed of which worker is killed and when
   */
  record Settings(
      int workers,
      int workerThreads,
      Duration lease,
      Duration pollInterval,
      int kills,
      long killSeed) {}

  /** One SIGKILL: when, which worker, at how many final work items. */
  record Kill(long atMs, int worker, long pid, long finished, long total) {}

  record Result(
      BillingReport report,
      BillingJobsDemo.JobCounts jobs,
      long initializeMs,
      List<Kill> kills,
      long durationMs) {}

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
      List<Kill> kills;
      try {
        if (settings.workers() == 0) {
          inProcess = inProcessWorker(engine, options, settings).start();
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
        kills =
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
          kills,
          durationMs);
    }
  }

  private static JobWorker inProcessWorker(
      Tasquencer engine, BillingDemo.Options options, Settings settings) {
    return WorkerCommand.billingWorker(
            engine,
            settings.workerThreads(),
            settings.lease(),
            settings.pollInterval(),
            options.failureRate(),
            options.seed())
        .build();
  }

  private static List<String> workerArgs(BillingDemo.Options options, Settings settings) {
    return List.of(
        "--threads",
        Integer.toString(settings.workerThreads()),
        "--lease-seconds",
        Long.toString(Math.max(1, settings.lease().toSeconds())),
        "--poll-ms",
        Long.toString(settings.pollInterval().toMillis()),
        "--failure-rate",
        Double.toString(options.failureRate()),
        "--seed",
        Long.toString(options.seed()));
  }

  /**
   * Waits until the workflow is final. Kills happen when the share of final work items passes a
   * threshold: one random point in each of {@code kills} equal slices of 5%..95%, so the kills are
   * spread over the run and always hit it while jobs are running.
   */
  private static List<Kill> await(
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
    while (true) {
      Poll poll =
          reads.read(
              "the run's progress",
              () ->
                  new Poll(
                      engine.queries().workflowState(id).isFinal(),
                      engine.queries().stats(id, INVOICES)));
      if (poll.isFinal()) {
        return kills;
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

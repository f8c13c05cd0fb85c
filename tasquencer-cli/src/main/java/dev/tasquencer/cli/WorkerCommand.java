package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.examples.billing.BillingJobs;
import dev.tasquencer.examples.billing.BillingJobsDemo;
import dev.tasquencer.examples.billing.InvoicingServiceStatus;
import dev.tasquencer.examples.billing.SimulatedInvoicingService;
import dev.tasquencer.examples.support.DeterministicShare;
import dev.tasquencer.jobs.JobWorker;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer worker}: a job worker node. Runs the due jobs of the database with the example
 * handlers (the billing jobs mode's) and the built-in ones, until it is stopped.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a job worker on the database until it is stopped (SIGTERM or Ctrl-C: it stops"
          + " claiming, lets its running jobs finish, then exits; SIGKILL loses nothing either:"
          + " its jobs are claimed again when their lease expires). Any number of workers, in any"
          + " number of processes, may share one database.",
      "Handlers: the built-in ones (scheduled initialization, timers, work item commands) and"
          + " billing.generateInvoice of 'demo billing --mode jobs', calling a simulated invoicing"
          + " service. Logs go to stderr."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = "${env:TASQUENCER_DB}",
      description =
          "Database to work on (default: the environment variable TASQUENCER_DB). H2 files can be"
              + " shared by processes only when opened with AUTO_SERVER=TRUE.")
  @Nullable String db;

  @Option(
      names = "--threads",
      defaultValue = "4",
      paramLabel = "N",
      description = "Jobs run at the same time (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--lease-seconds",
      defaultValue = "30",
      paramLabel = "S",
      description =
          "Lease of a claimed job, renewed while it runs (default: ${DEFAULT-VALUE}); the jobs"
              + " of a killed worker are claimed again after this.")
  int leaseSeconds;

  @Option(
      names = "--poll-ms",
      defaultValue = "100",
      paramLabel = "MS",
      description =
          "How long an idle worker waits before looking again (default: ${DEFAULT-VALUE}).")
  int pollMs;

  @Option(
      names = "--failure-rate",
      defaultValue = "0",
      paramLabel = "R",
      description =
          "Share of invoices the simulated invoicing service refuses (default: ${DEFAULT-VALUE}).")
  double failureRate;

  @Option(
      names = "--transient-failure-rate",
      defaultValue = "0",
      paramLabel = "R",
      description =
          "Share of the service's calls that fail with a retryable error (default:"
              + " ${DEFAULT-VALUE}); the jobs' retry policy tries them again.")
  double transientFailureRate;

  @Option(
      names = "--permanent-failure-rate",
      defaultValue = "0",
      paramLabel = "R",
      description =
          "Share of customers whose calls fail until the service is repaired (default:"
              + " ${DEFAULT-VALUE}); their jobs are parked at once and open incidents.")
  double permanentFailureRate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the refused invoices and failed calls (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      description = "Identity recorded on claimed jobs (default: host-pid-random).")
  @Nullable String workerId;

  @Option(
      names = "--parent-pid",
      hidden = true,
      paramLabel = "PID",
      description = "Stop when this process ends (set by the commands that start workers).")
  @Nullable Long parentPid;

  @Option(
      names = "--exit-when-idle",
      description =
          "Exit once no job is running and none is due (for scripts and tests) instead of"
              + " running until stopped.")
  boolean exitWhenIdle;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    DemoDatabase database = DemoDatabase.open(db, "worker", threads + 2);
    Tasquencer engine;
    JobWorker worker;
    try {
      engine = BillingJobsDemo.engine(database.dataSource());
      worker = build(engine, database.dataSource()).start();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    err.printf(
        "worker %s: started with %d threads, lease %d s, on %s%n",
        worker.workerId(), threads, leaseSeconds, database.description());
    err.flush();
    Runnable stop =
        () -> {
          worker.close();
          engine.close();
          database.close();
          JobWorker.Stats s = worker.stats();
          err.printf(
              "worker %s: stopped; jobs done %d, canceled %d, failed attempts %d, dead %d%n",
              worker.workerId(), s.done(), s.canceled(), s.failedAttempts(), s.dead());
          err.flush();
        };
    if (exitWhenIdle) {
      while (!idle(engine)) {
        Thread.sleep(Math.max(50, pollMs));
      }
      stop.run();
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  err.printf("worker %s: stopping%n", worker.workerId());
                  err.flush();
                  stop.run();
                  stopped.countDown();
                },
                "tasquencer-worker-stop"));
    if (parentPid != null) {
      // started by a demo: do not outlive it, even when it was killed
      var unused =
          ProcessHandle.of(parentPid)
              .map(ProcessHandle::onExit)
              .orElse(java.util.concurrent.CompletableFuture.completedFuture(null))
              .thenRun(() -> System.exit(0)); // nothing to wait for: it ends the JVM
    }
    stopped.await(); // until the JVM is told to exit
    return 0;
  }

  private JobWorker build(Tasquencer engine, DataSource dataSource) {
    JobWorker.Builder b =
        billingWorker(
            engine,
            dataSource,
            threads,
            Duration.ofSeconds(leaseSeconds),
            Duration.ofMillis(pollMs),
            new Failures(failureRate, transientFailureRate, permanentFailureRate, seed));
    if (workerId != null) {
      b.workerId(workerId);
    }
    return b.build();
  }

  /**
   * How the simulated invoicing service fails, all drawn from {@code seed}: the share {@code
   * rejected} of the invoices is refused (a business answer), the share {@code transientRate} of
   * the calls fails with a retryable error, and the calls for the share {@code permanentRate} of
   * the customers fail until the service is repaired ({@link InvoicingServiceStatus}).
   */
  record Failures(double rejected, double transientRate, double permanentRate, long seed) {
    SimulatedInvoicingService service(DataSource dataSource) {
      // three different seeds: the three shares must not pick the same customers
      var status = new InvoicingServiceStatus(dataSource);
      return new SimulatedInvoicingService(new DeterministicShare(rejected, seed), Duration.ZERO)
          .flaky(
              new DeterministicShare(transientRate, seed * 31 + 1),
              new DeterministicShare(permanentRate, seed * 31 + 2),
              status::repaired);
    }

    List<String> args() {
      return List.of(
          "--failure-rate",
          Double.toString(rejected),
          "--transient-failure-rate",
          Double.toString(transientRate),
          "--permanent-failure-rate",
          Double.toString(permanentRate),
          "--seed",
          Long.toString(seed));
    }
  }

  /**
   * A worker with the billing jobs mode's handler, calling the simulated invoicing service that
   * fails as {@code failures} says: what this command runs, and what a demo runs in its own process
   * ({@link JobsBillingRun}), so the two cannot drift apart.
   */
  static JobWorker.Builder billingWorker(
      Tasquencer engine,
      DataSource dataSource,
      int threads,
      Duration lease,
      Duration pollInterval,
      Failures failures) {
    return BillingJobs.register(
        engine.jobWorker().threads(threads).lease(lease).pollInterval(pollInterval),
        failures.service(dataSource));
  }

  /** No job running, none due. */
  private static boolean idle(Tasquencer engine) {
    if (!engine.queries().jobs(JobState.RUNNING, 1).isEmpty()) {
      return false;
    }
    List<JobSnapshot> next = engine.queries().jobs(JobState.PENDING, 1);
    return next.isEmpty() || next.get(0).runAt().isAfter(Instant.now());
  }

  private void validate() {
    if (db == null || db.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "--db is required (or the environment variable TASQUENCER_DB)");
    }
    DemoDatabase.checkUrl(spec, db);
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be 1 or more");
    }
    if (leaseSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--lease-seconds must be 1 or more");
    }
    if (pollMs < 1) {
      throw new ParameterException(spec.commandLine(), "--poll-ms must be 1 or more");
    }
    checkRate(spec, "--failure-rate", failureRate);
    checkRate(spec, "--transient-failure-rate", transientFailureRate);
    checkRate(spec, "--permanent-failure-rate", permanentFailureRate);
  }

  /** A usage error unless {@code rate} is a share, from 0 to 1. */
  static void checkRate(CommandSpec spec, String option, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new ParameterException(
          spec.commandLine(), option + " must be between 0 and 1, was " + rate);
    }
  }
}

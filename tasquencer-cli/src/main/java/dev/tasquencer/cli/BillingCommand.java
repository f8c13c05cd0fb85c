package dev.tasquencer.cli;

import dev.tasquencer.api.TaskStats;
import dev.tasquencer.examples.billing.BillingDemo;
import dev.tasquencer.examples.billing.BillingJobs;
import dev.tasquencer.examples.billing.BillingJobsDemo;
import dev.tasquencer.examples.billing.BillingProgress;
import dev.tasquencer.examples.billing.BillingReport;
import dev.tasquencer.examples.billing.StartBillingRun;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer demo billing}: the seed's billing workflow on N generated customers. */
@Command(
    name = "billing",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates N customers with random balances (some 0), runs the billing workflow with one"
          + " engine call (one generateInvoice work item per customer with a balance, then a"
          + " summary mail written to the outbox table) and checks in the database that money"
          + " was conserved.",
      "Without --db it uses an embedded H2 database in ./data/tasquencer-demo-billing.mv.db,"
          + " created anew for every run. With --db it creates its tables if needed and replaces"
          + " the rows of its billing tables (customers, billing_runs, invoices, outbox).",
      "With --mode jobs every invoice is issued by a durable job instead: the start call only"
          + " registers one job per invoice; job workers call a (simulated) invoicing service"
          + " outside any transaction and report back, and each report's transaction writes its"
          + " invoice. --workers 0 runs a worker in this process; --workers P starts P worker"
          + " processes ('tasquencer worker'), which needs a database several processes can open:"
          + " PostgreSQL, or an H2 file URL with ;AUTO_SERVER=TRUE."
    })
final class BillingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--customers",
      required = true,
      paramLabel = "N",
      description = "Number of customers to create (0 or more).")
  int customers;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description =
          "Seed of the balances and of the rejected invoices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--failure-rate",
      defaultValue = "0",
      paramLabel = "R",
      description =
          "Share of invoices rejected, between 0 and 1 (default: ${DEFAULT-VALUE}). A rejection"
              + " fails its work item and, by the default policy, the workflow.")
  double failureRate;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database to use, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres.")
  @Nullable String db;

  @Option(
      names = "--period",
      paramLabel = "YYYY-MM",
      description = "Billing period (default: this month).")
  @Nullable String period;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Option(
      names = "--mode",
      defaultValue = "inline",
      paramLabel = "MODE",
      description =
          "inline (default): every invoice is generated inside the one engine call; jobs: by a"
              + " durable job per invoice, run by job workers.")
  String mode;

  @Option(
      names = "--workers",
      paramLabel = "P",
      description =
          "Jobs mode: worker processes to start (default 0: a worker in this process). P > 0"
              + " needs PostgreSQL or an H2 file with AUTO_SERVER=TRUE.")
  @Nullable Integer workers;

  @Option(
      names = "--worker-threads",
      paramLabel = "T",
      description = "Jobs mode: jobs each worker runs at the same time (default 4).")
  @Nullable Integer workerThreads;

  @Option(
      names = "--lease-seconds",
      paramLabel = "S",
      description =
          "Jobs mode: lease of a claimed job (default 30); the job of a worker that died or lost"
              + " its database connection runs again after it.")
  @Nullable Integer leaseSeconds;

  @Option(
      names = "--transient-failure-rate",
      paramLabel = "R",
      description =
          "Jobs mode: share of the invoicing service's calls that fail with a retryable error"
              + " (default 0); the jobs' retry policy absorbs them (JSON: retries).")
  @Nullable Double transientFailureRate;

  @Option(
      names = "--permanent-failure-rate",
      paramLabel = "R",
      description =
          "Jobs mode: share of customers the invoicing service fails for until it is repaired"
              + " (default 0); their jobs are parked and open incidents, and the run stays"
              + " unfinished until an operator retries them.")
  @Nullable Double permanentFailureRate;

  @Option(
      names = "--repair-after-incidents",
      description =
          "Jobs mode: once the workers are idle with open incidents, repair the service, retry"
              + " every incident as an operator and wait for the run to finish.")
  boolean repairAfterIncidents;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    if ("jobs".equals(mode)) {
      return callJobs();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DemoDatabase database = DemoDatabase.open(db, "billing")) {
      if (customers >= Progress.MIN_TOTAL) {
        err.printf("billing demo: %d customers on %s%n", customers, database.description());
        err.flush();
      }
      Progress progress = new Progress(err, "generateInvoices");
      BillingReport r =
          BillingDemo.run(
              database.dataSource(),
              new BillingDemo.Options(customers, seed, failureRate, Objects.requireNonNull(period)),
              timedByTheEngineCall(progress));
      // the rows of the work items are written at the end of the call, before its commit
      progress.end(r.durationMs(), "rows written and committed");
      if (json) {
        out.println(Json.write(Output.of(r, database, seed, failureRate)));
      } else {
        printSummary(out, r, database);
      }
      out.flush();
    }
    return 0;
  }

  /**
   * Progress of the invoices on stderr, timed like the summary's duration: from the start of the
   * engine call (not from the seeding before it).
   */
  private static BillingProgress timedByTheEngineCall(Progress progress) {
    return new BillingProgress() {
      @Override
      public void workItemFinished(TaskStats stats) {
        progress.update(stats);
      }

      @Override
      public void engineCallStarted(long nanoTime) {
        progress.timeFrom(nanoTime, "into the engine call");
      }
    };
  }

  private Integer callJobs() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var settings =
        new JobsBillingRun.Settings(
            // validate() gave the three their defaults
            Objects.requireNonNull(workers),
            Objects.requireNonNull(workerThreads),
            Duration.ofSeconds(Objects.requireNonNull(leaseSeconds)),
            Duration.ofMillis(100),
            0,
            seed,
            Objects.requireNonNull(transientFailureRate),
            Objects.requireNonNull(permanentFailureRate),
            repairAfterIncidents);
    try (DemoDatabase database =
        DemoDatabase.open(db, "billing", JobsBillingRun.connections(settings))) {
      if (customers >= Progress.MIN_TOTAL || workers > 0) {
        err.printf(
            "billing demo (jobs mode): %d customers on %s%n", customers, database.description());
        err.flush();
      }
      JobsBillingRun.Result r =
          JobsBillingRun.run(
              database,
              db,
              new BillingDemo.Options(customers, seed, failureRate, Objects.requireNonNull(period)),
              settings,
              err);
      if (json) {
        out.println(Json.write(JobsOutput.of(r, database, seed, failureRate, settings)));
      } else {
        printSummary(
            out, r.report(), database, BillingJobs.NAME, "start call, then one job per invoice");
        var j = r.jobs();
        out.printf(
            "  mode                   jobs: %s, %d threads each%n",
            workers == 0 ? "a worker in this process" : workers + " worker processes",
            workerThreads);
        out.printf(
            "  jobs                   done %d, canceled %d, dead %d, pending %d, running %d"
                + " (claimed more than once: %d)%n",
            j.done(), j.canceled(), j.dead(), j.pending(), j.running(), j.reclaimed());
        out.printf(
            "  retries                %d failed attempts tried again (transient failure rate %s)%n",
            r.retries(), transientFailureRate);
        out.printf(
            "  incidents              %d opened, %d open%s%n",
            r.incidents().opened(),
            r.incidents().open(),
            r.retriedIncidents() > 0
                ? ", " + r.retriedIncidents() + " retried after the service was repaired"
                : "");
        if (r.incidents().open() > 0) {
          out.printf(
              "  The run waits for an operator: its invoices for the customers the service fails"
                  + " for are parked as incidents.%n  List them with 'tasquencer incidents --db"
                  + " URL' and retry them with 'tasquencer incidents retry --db URL --all' (the"
                  + " simulated service stays broken until then).%n");
        }
        out.printf(
            "  timing                 start call %d ms, run %s %d ms%n",
            r.initializeMs(),
            r.report().workflowState().isFinal() ? "until final" : "until idle",
            r.durationMs());
      }
      out.flush();
    }
    return 0;
  }

  private void validate() {
    if (!"inline".equals(mode) && !"jobs".equals(mode)) {
      throw new ParameterException(
          spec.commandLine(), "--mode must be inline or jobs, was '" + mode + "'");
    }
    boolean jobsOptions =
        workers != null
            || workerThreads != null
            || leaseSeconds != null
            || transientFailureRate != null
            || permanentFailureRate != null
            || repairAfterIncidents;
    if ("inline".equals(mode) && jobsOptions) {
      throw new ParameterException(
          spec.commandLine(),
          "--workers, --worker-threads, --lease-seconds, --transient-failure-rate,"
              + " --permanent-failure-rate and --repair-after-incidents need --mode jobs");
    }
    if (transientFailureRate == null) {
      transientFailureRate = 0.0;
    }
    if (permanentFailureRate == null) {
      permanentFailureRate = 0.0;
    }
    WorkerCommand.checkRate(spec, "--transient-failure-rate", transientFailureRate);
    WorkerCommand.checkRate(spec, "--permanent-failure-rate", permanentFailureRate);
    if (leaseSeconds == null) {
      leaseSeconds = 30;
    }
    if (leaseSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--lease-seconds must be 1 or more");
    }
    if (workers == null) {
      workers = 0;
    }
    if (workerThreads == null) {
      workerThreads = 4;
    }
    if (workers < 0) {
      throw new ParameterException(spec.commandLine(), "--workers must be 0 or more");
    }
    if (workerThreads < 1) {
      throw new ParameterException(spec.commandLine(), "--worker-threads must be 1 or more");
    }
    if (workers > 0) {
      String notShared = JobsBillingRun.checkShareable(db);
      if (notShared != null) {
        throw new ParameterException(spec.commandLine(), "--workers " + workers + " " + notShared);
      }
    }
    if (customers < 0) {
      throw new ParameterException(spec.commandLine(), "--customers must be 0 or more");
    }
    WorkerCommand.checkRate(spec, "--failure-rate", failureRate);
    DemoDatabase.checkUrl(spec, db);
    if (period == null) {
      period = YearMonth.now(ZoneOffset.UTC).toString();
    }
    try {
      new StartBillingRun(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
    }
  }

  private void printSummary(PrintWriter out, BillingReport r, DemoDatabase database) {
    printSummary(out, r, database, "billing", "one engine call");
  }

  private void printSummary(
      PrintWriter out, BillingReport r, DemoDatabase database, String workflow, String how) {
    var s = r.stats();
    out.printf("Billing demo on %s%n", database.description());
    out.printf(
        "  workflow %s %s: %s in %d ms (%s)%n",
        workflow, r.workflowId(), r.workflowState().id(), r.durationMs(), how);
    out.printf(
        "  customers              %d, %d of them with a balance (seed %d)%n",
        r.customers(), r.customersWithBalance(), seed);
    out.printf(
        "  invoices               %d, total %s (due before the run: %s)%n",
        r.invoices(), r.totalAmount(), r.expectedTotal());
    out.printf("  balances left          %s%n", r.remainingBalance());
    out.printf(
        "  conserved              %s%n",
        r.conserved()
            ? "yes (nobody invoiced twice, invoiced balances are 0, invoiced + left = due)"
            : "NO: "
                + r.customersInvoicedTwice()
                + " customers invoiced twice, "
                + r.invoicedCustomersWithBalance()
                + " invoiced customers with a balance");
    out.printf(
        "  generateInvoices       total %d: completed %d, failed %d, canceled %d"
            + " (initialized %d, started %d)%n",
        s.total(), s.completed(), s.failed(), s.canceled(), s.initialized(), s.started());
    out.printf(
        "  summary mail (outbox)  %s%n", r.summarySubject() == null ? "none" : r.summarySubject());
    out.printf(
        "  history                %d events (tasquencer history %s --db URL)%n",
        r.historyEvents(), r.workflowId());
    if (s.failed() > 0) {
      out.printf(
          "  The run failed by design: an invoice was rejected (--failure-rate %s), the default"
              + " policy failed the task;%n  the %d invoices before it stay, the %d work items"
              + " after it were canceled.%n",
          failureRate, s.completed(), s.canceled());
    }
  }

  /** The JSON document of {@code --json} in jobs mode: the inline fields, and the jobs'. */
  record JobsOutput(
      String demo,
      String mode,
      String database,
      UUID workflowId,
      String workflowState,
      long history,
      long customers,
      long customersWithBalance,
      long invoices,
      BigDecimal totalAmount,
      BigDecimal expectedTotal,
      BigDecimal remainingBalance,
      boolean conserved,
      Json.Stats stats,
      @Nullable String summaryMail,
      long seed,
      double failureRate,
      int workers,
      int workerThreads,
      BillingJobsDemo.JobCounts jobs,
      double transientFailureRate,
      double permanentFailureRate,
      long retries,
      long incidents,
      long openIncidents,
      long retriedIncidents,
      long initializeMs,
      long durationMs) {

    static JobsOutput of(
        JobsBillingRun.Result result,
        DemoDatabase database,
        long seed,
        double failureRate,
        JobsBillingRun.Settings settings) {
      BillingReport r = result.report();
      return new JobsOutput(
          "billing",
          "jobs",
          database.description(),
          r.workflowId(),
          r.workflowState().id(),
          r.historyEvents(),
          r.customers(),
          r.customersWithBalance(),
          r.invoices(),
          r.totalAmount(),
          r.expectedTotal(),
          r.remainingBalance(),
          r.conserved(),
          Json.Stats.of(r.stats()),
          r.summarySubject(),
          seed,
          failureRate,
          settings.workers(),
          settings.workerThreads(),
          result.jobs(),
          settings.transientFailureRate(),
          settings.permanentFailureRate(),
          result.retries(),
          result.incidents().opened(),
          result.incidents().open(),
          result.retriedIncidents(),
          result.initializeMs(),
          result.durationMs());
    }
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String demo,
      String database,
      UUID workflowId,
      String workflowState,
      long history,
      long customers,
      long customersWithBalance,
      long invoices,
      BigDecimal totalAmount,
      BigDecimal expectedTotal,
      BigDecimal remainingBalance,
      boolean conserved,
      Json.Stats stats,
      @Nullable String summaryMail,
      long seed,
      double failureRate,
      long durationMs) {

    static Output of(BillingReport r, DemoDatabase database, long seed, double failureRate) {
      return new Output(
          "billing",
          database.description(),
          r.workflowId(),
          r.workflowState().id(),
          r.historyEvents(),
          r.customers(),
          r.customersWithBalance(),
          r.invoices(),
          r.totalAmount(),
          r.expectedTotal(),
          r.remainingBalance(),
          r.conserved(),
          Json.Stats.of(r.stats()),
          r.summarySubject(),
          seed,
          failureRate,
          r.durationMs());
    }
  }
}

package dev.tasquencer.cli;

import dev.tasquencer.examples.billing.BillingDemo;
import dev.tasquencer.examples.billing.BillingJobsDemo;
import dev.tasquencer.examples.billing.BillingReport;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer stress crash}: the billing jobs mode with worker processes that are killed with
 * SIGKILL and restarted while the jobs run; checks that the run completes with every invoice
 * written exactly once.
 */
@Command(
    name = "crash",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs 'demo billing --mode jobs' with worker processes, kills a random worker with SIGKILL"
          + " --kills times while the jobs run (at random points spread over 5%%..95%% of the"
          + " invoices) and restarts it each time, waits until the workflow is final, and checks"
          + " the database: every customer with a balance invoiced exactly once, money conserved,"
          + " no dead job. The jobs a killed worker held are claimed again when their lease"
          + " (--lease-seconds) expires.",
      "Needs a database several processes can open: PostgreSQL, or an H2 file URL with"
          + " ;AUTO_SERVER=TRUE. Replaces the rows of the billing tables, like the demo."
    })
final class CrashCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--customers",
      required = true,
      paramLabel = "N",
      description = "Number of customers to create.")
  int customers;

  @Option(
      names = "--workers",
      defaultValue = "3",
      paramLabel = "P",
      description = "Worker processes (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--kills",
      defaultValue = "5",
      paramLabel = "K",
      description = "How many times a worker is killed and restarted (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "Database, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres.")
  String db;

  @Option(
      names = "--lease-seconds",
      defaultValue = "5",
      paramLabel = "S",
      description = "Lease of a claimed job (default: ${DEFAULT-VALUE}).")
  int leaseSeconds;

  @Option(
      names = "--worker-threads",
      defaultValue = "4",
      paramLabel = "T",
      description = "Jobs each worker runs at the same time (default: ${DEFAULT-VALUE}).")
  int workerThreads;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the balances and of the kills (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var settings =
        new JobsBillingRun.Settings(
            workers,
            workerThreads,
            Duration.ofSeconds(leaseSeconds),
            Duration.ofMillis(100),
            kills,
            seed);
    try (DemoDatabase database =
        DemoDatabase.open(db, "billing", JobsBillingRun.connections(settings))) {
      err.printf(
          "crash stress: %d customers, %d worker processes, %d kills, lease %d s, on %s%n",
          customers, workers, kills, leaseSeconds, database.description());
      err.flush();
      JobsBillingRun.Result r =
          JobsBillingRun.run(
              database, db, new BillingDemo.Options(customers, seed, 0), settings, err);
      Output o = Output.of(r, database, settings);
      if (json) {
        out.println(Json.write(o));
      } else {
        printSummary(out, o);
      }
      out.flush();
    }
    return 0;
  }

  private void validate() {
    if (customers < 0) {
      throw new ParameterException(spec.commandLine(), "--customers must be 0 or more");
    }
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be 1 or more");
    }
    if (kills < 0) {
      throw new ParameterException(spec.commandLine(), "--kills must be 0 or more");
    }
    if (leaseSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--lease-seconds must be 1 or more");
    }
    if (workerThreads < 1) {
      throw new ParameterException(spec.commandLine(), "--worker-threads must be 1 or more");
    }
    DemoDatabase.checkUrl(spec, db);
    String notShared = JobsBillingRun.checkShareable(db);
    if (notShared != null) {
      throw new ParameterException(spec.commandLine(), "stress crash " + notShared);
    }
  }

  private static void printSummary(PrintWriter out, Output o) {
    out.printf("Crash stress on %s%n", o.database());
    out.printf(
        "  workflow %s: %s in %d ms (start call %d ms)%n",
        o.workflowId(), o.workflowState(), o.durationMs(), o.initializeMs());
    out.printf(
        "  workers                %d processes, %d threads each, lease %d s%n",
        o.workers(), o.workerThreads(), o.leaseSeconds());
    out.printf("  kills (SIGKILL)        %d%n", o.kills());
    for (JobsBillingRun.Kill k : o.killed()) {
      out.printf(
          "    at %6.1f s: worker %d (pid %d) at %d/%d invoices%n",
          k.atMs() / 1000.0, k.worker(), k.pid(), k.finished(), k.total());
    }
    out.printf(
        "  invoices               %d for %d customers with a balance; customers invoiced more"
            + " than once: %d%n",
        o.invoices(), o.customersWithBalance(), o.duplicateInvoices());
    out.printf("  conserved              %s%n", o.conserved() ? "yes" : "NO");
    var j = o.jobs();
    out.printf(
        "  jobs                   done %d, canceled %d, dead %d, pending %d, running %d;"
            + " claimed more than once %d%n",
        j.done(), j.canceled(), j.dead(), j.pending(), j.running(), j.reclaimed());
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String stress,
      String database,
      UUID workflowId,
      String workflowState,
      long customers,
      long customersWithBalance,
      long invoices,
      long duplicateInvoices,
      BigDecimal totalAmount,
      BigDecimal expectedTotal,
      BigDecimal remainingBalance,
      boolean conserved,
      int workers,
      int workerThreads,
      long leaseSeconds,
      int kills,
      List<JobsBillingRun.Kill> killed,
      long deadJobs,
      BillingJobsDemo.JobCounts jobs,
      Json.Stats stats,
      long initializeMs,
      long durationMs) {

    static Output of(
        JobsBillingRun.Result result, DemoDatabase database, JobsBillingRun.Settings settings) {
      BillingReport r = result.report();
      return new Output(
          "crash",
          database.description(),
          r.workflowId(),
          r.workflowState().id(),
          r.customers(),
          r.customersWithBalance(),
          r.invoices(),
          r.customersInvoicedTwice(),
          r.totalAmount(),
          r.expectedTotal(),
          r.remainingBalance(),
          r.conserved(),
          settings.workers(),
          settings.workerThreads(),
          settings.lease().toSeconds(),
          result.kills().size(),
          result.kills(),
          result.jobs().dead(),
          result.jobs(),
          Json.Stats.of(r.stats()),
          result.initializeMs(),
          result.durationMs());
    }
  }
}

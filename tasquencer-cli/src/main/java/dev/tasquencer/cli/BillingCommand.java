package dev.tasquencer.cli;

import dev.tasquencer.examples.billing.BillingDemo;
import dev.tasquencer.examples.billing.BillingReport;
import dev.tasquencer.examples.billing.StartBillingRun;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;
import java.util.concurrent.Callable;
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
          + " the rows of its billing tables (customers, billing_runs, invoices, outbox)."
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
  String db;

  @Option(
      names = "--period",
      paramLabel = "YYYY-MM",
      description = "Billing period (default: this month).")
  String period;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Override
  public Integer call() {
    validate();
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
              new BillingDemo.Options(customers, seed, failureRate, period),
              progress::update);
      if (json) {
        out.println(Json.write(Output.of(r, database, seed, failureRate)));
      } else {
        printSummary(out, r, database);
      }
      out.flush();
    }
    return 0;
  }

  private void validate() {
    if (customers < 0) {
      throw new ParameterException(spec.commandLine(), "--customers must be 0 or more");
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new ParameterException(spec.commandLine(), "--failure-rate must be between 0 and 1");
    }
    String bad = DemoDatabase.checkUrl(db);
    if (bad != null) {
      throw new ParameterException(spec.commandLine(), bad);
    }
    if (period == null) {
      period = YearMonth.now().toString();
    }
    try {
      new StartBillingRun(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period: " + e.getMessage());
    }
  }

  private void printSummary(PrintWriter out, BillingReport r, DemoDatabase database) {
    var s = r.stats();
    out.printf("Billing demo on %s%n", database.description());
    out.printf(
        "  workflow billing %s: %s in %d ms (one engine call)%n",
        r.workflowId(), r.workflowState().id(), r.durationMs());
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
    if (s.failed() > 0) {
      out.printf(
          "  The run failed by design: an invoice was rejected (--failure-rate %s), the default"
              + " policy failed the task;%n  the %d invoices before it stay, the %d work items"
              + " after it were canceled.%n",
          failureRate, s.completed(), s.canceled());
    }
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String demo,
      String database,
      UUID workflowId,
      String workflowState,
      long customers,
      long customersWithBalance,
      long invoices,
      BigDecimal totalAmount,
      BigDecimal expectedTotal,
      BigDecimal remainingBalance,
      boolean conserved,
      Json.Stats stats,
      String summaryMail,
      long seed,
      double failureRate,
      long durationMs) {

    static Output of(BillingReport r, DemoDatabase database, long seed, double failureRate) {
      return new Output(
          "billing",
          database.description(),
          r.workflowId(),
          r.workflowState().id(),
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

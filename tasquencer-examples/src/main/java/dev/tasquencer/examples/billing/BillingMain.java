package dev.tasquencer.examples.billing;

import dev.tasquencer.DataSources;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.examples.support.Jdbc;

/**
 * Runs the billing workflow on an embedded in-memory H2 database and prints the outcome.
 *
 * <pre>
 * mvn -q -pl tasquencer-examples -am -DskipTests package
 * java -cp ... dev.tasquencer.examples.billing.BillingMain [customers]
 * </pre>
 *
 * (or simply {@code ./tasquencer demo billing --customers 100} from the repository root).
 */
public final class BillingMain {
  private BillingMain() {}

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    try (var dataSource = DataSources.h2Memory("billing-example")) {
      // 1. the domain's tables, next to the engine's
      BillingSchema.create(dataSource);
      Jdbc.run(dataSource, db -> BillingDemo.seedCustomers(db, customers, 42));
      BillingReport.Due before = BillingReport.Due.read(dataSource);

      // 2. an engine with the billing workflow
      try (Tasquencer engine =
          Tasquencer.builder()
              .dataSource(dataSource)
              .register(BillingWorkflow.definition(new InvoiceDomain()))
              .build()) {

        // 3. one call starts the workflow; auto-triggers run it to its end in the same call
        long started = System.nanoTime();
        var id = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));
        long ms = (System.nanoTime() - started) / 1_000_000;

        BillingReport report = BillingReport.read(dataSource, engine.queries(), id, before, ms);
        System.out.printf(
            "billing %s: %s in %d ms%n  %d invoices for %d customers with a balance,"
                + " total %s (expected %s), conserved: %s%n  mail: %s%n",
            id,
            report.workflowState().id(),
            ms,
            report.invoices(),
            report.customersWithBalance(),
            report.totalAmount(),
            report.expectedTotal(),
            report.conserved(),
            report.summarySubject());
      }
    }
  }
}

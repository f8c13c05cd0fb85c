package dev.tasquencer.examples.billing;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Db;
import dev.tasquencer.examples.support.DeterministicShare;
import dev.tasquencer.examples.support.Jdbc;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A complete billing run on a database: creates the tables if needed, replaces the demo's customers
 * with {@code customers} new ones (random balances from {@code seed}, some of them 0), runs the
 * billing workflow to its end with one engine call and reads the outcome back.
 *
 * <p>The demo owns the billing tables of the database it runs on: it deletes their rows (and only
 * theirs; the engine's tables keep every earlier run) before seeding.
 */
public final class BillingDemo {
  private BillingDemo() {}

  /**
   * How a run is set up.
   *
   * @param customers how many customers to create
   * @param seed seed of the balances and of the rejected share
   * @param failureRate share of invoices rejected (each rejection fails the run)
   * @param period the billing period recorded with the run, such as {@code 2026-03}
   */
  public record Options(int customers, long seed, double failureRate, String period) {
    public Options {
      if (period == null) {
        period = YearMonth.now(ZoneOffset.UTC).toString();
      }
      if (customers < 0) {
        throw new IllegalArgumentException("customers must be 0 or more, was " + customers);
      }
      new DeterministicShare(failureRate, seed); // validates the rate
    }

    /** Options for the billing period of this month (in UTC). */
    public Options(int customers, long seed, double failureRate) {
      this(customers, seed, failureRate, YearMonth.now(ZoneOffset.UTC).toString());
    }
  }

  /** Seeds, runs and reports; {@code progress} observes the invoices while they are generated. */
  public static BillingReport run(
      DataSource dataSource, Options options, BillingProgress progress) {
    BillingSchema.create(dataSource);
    BillingReport.Due before = replaceCustomers(dataSource, options);
    var invoices = new InvoiceDomain(new DeterministicShare(options.failureRate(), options.seed()));
    try (Tasquencer engine =
        Tasquencer.builder()
            .dataSource(dataSource)
            .register(BillingWorkflow.definition(invoices, progress))
            .build()) {
      long started = System.nanoTime();
      progress.engineCallStarted(started);
      UUID id =
          engine.initializeRootWorkflow(
              BillingWorkflow.NAME, new StartBillingRun(options.period()));
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      return BillingReport.read(dataSource, engine.queries(), id, before, durationMs);
    }
  }

  /**
   * Replaces the rows of the billing tables with the customers of {@code options} (one
   * transaction), and returns what they owe before a run.
   */
  static BillingReport.Due replaceCustomers(DataSource dataSource, Options options) {
    Jdbc.run(
        dataSource,
        db -> {
          deleteDomainRows(db);
          seedCustomers(db, options.customers(), options.seed());
        });
    return BillingReport.Due.read(dataSource);
  }

  /** Deletes the rows of the billing tables (outbox, invoices, billing runs, customers). */
  public static void deleteDomainRows(Db db) {
    db.update("delete from outbox");
    db.update("delete from invoices");
    db.update("delete from billing_runs");
    db.update("delete from customers");
  }

  /**
   * Inserts customers {@code 1..count}: about 15% with a zero balance, the others owing between
   * 1.00 and 5000.00, all drawn from {@code seed}.
   */
  public static void seedCustomers(Db db, int count, long seed) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      BigDecimal balance =
          random.nextInt(100) < 15
              ? BigDecimal.ZERO.setScale(2)
              : BigDecimal.valueOf(random.nextInt(100, 500_001), 2);
      rows.add(new Object[] {(long) i, String.format("Customer %05d", i), balance});
      if (rows.size() == 1000 || i == count) {
        db.batch("insert into customers (id, name, balance) values (?, ?, ?)", rows);
        rows.clear();
      }
    }
  }
}

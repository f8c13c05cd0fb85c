package dev.tasquencer.examples.billing;

import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.support.Jdbc;
import java.math.BigDecimal;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one billing run, read back from the database after the run.
 *
 * @param customers customers in the table
 * @param customersWithBalance customers with a positive balance before the run
 * @param expectedTotal sum of the positive balances before the run
 * @param invoices invoices of this run
 * @param totalAmount their sum
 * @param remainingBalance sum of all balances after the run
 * @param customersInvoicedTwice customers with more than one invoice in this run (must be 0)
 * @param invoicedCustomersWithBalance invoiced customers whose balance is not 0 (must be 0)
 * @param stats counters of the {@code generateInvoices} task
 * @param summarySubject subject of the summary mail in the outbox, null when there is none
 * @param durationMs duration of the engine call that ran the workflow
 * @param historyEvents events in the history of the run's workflow tree (0 at history level none)
 */
public record BillingReport(
    UUID workflowId,
    WorkflowState workflowState,
    long customers,
    long customersWithBalance,
    BigDecimal expectedTotal,
    long invoices,
    BigDecimal totalAmount,
    BigDecimal remainingBalance,
    long customersInvoicedTwice,
    long invoicedCustomersWithBalance,
    TaskStats stats,
    @Nullable String summarySubject,
    long durationMs,
    long historyEvents) {

  /**
   * Whether money was conserved: no customer invoiced twice, every invoiced customer's balance is
   * 0, and invoiced plus remaining equals what was due before the run.
   */
  public boolean conserved() {
    return customersInvoicedTwice == 0
        && invoicedCustomersWithBalance == 0
        && totalAmount.add(remainingBalance).compareTo(expectedTotal) == 0;
  }

  /** Balances before a run: how many customers owe something, and how much in total. */
  public record Due(long customers, long customersWithBalance, BigDecimal total) {
    /** Reads the current balances. */
    public static Due read(DataSource dataSource) {
      return Jdbc.inTransaction(
          dataSource,
          db ->
              db.queryOne(
                      "select count(*),"
                          + " coalesce(sum(case when balance > 0 then 1 else 0 end), 0),"
                          + " coalesce(sum(case when balance > 0 then balance else 0 end), 0)"
                          + " from customers",
                      rs ->
                          new Due(
                              rs.getLong(1),
                              rs.getLong(2),
                              InvoiceDomain.money(rs.getBigDecimal(3))))
                  .orElseThrow());
    }
  }

  /** Reads the outcome of the run of {@code workflowId}; {@code before} was read before it. */
  public static BillingReport read(
      DataSource dataSource,
      WorkflowQueries queries,
      UUID workflowId,
      Due before,
      long durationMs) {
    WorkflowState state = queries.workflowState(workflowId);
    TaskStats stats = queries.stats(workflowId, "generateInvoices");
    long historyEvents = historyEvents(queries, workflowId);
    return Jdbc.inTransaction(
        dataSource,
        db -> {
          var invoices = new InvoiceDomain();
          var run = invoices.billingRun(db, workflowId);
          var totals = invoices.invoiceTotals(db, run.id());
          BigDecimal remaining =
              db.queryOne(
                      "select coalesce(sum(balance), 0) from customers",
                      rs -> InvoiceDomain.money(rs.getBigDecimal(1)))
                  .orElseThrow();
          long twice =
              db.queryLong(
                  "select count(*) from (select customer_id from invoices"
                      + " where billing_run_id = ? group by customer_id having count(*) > 1) d",
                  run.id());
          long withBalance =
              db.queryLong(
                  "select count(*) from invoices i join customers c on c.id = i.customer_id"
                      + " where i.billing_run_id = ? and c.balance <> 0",
                  run.id());
          String subject =
              db.queryOne(
                      "select subject from outbox where workflow_id = ?",
                      rs -> rs.getString(1),
                      workflowId)
                  .orElse(null);
          return new BillingReport(
              workflowId,
              state,
              before.customers(),
              before.customersWithBalance(),
              before.total(),
              totals.count(),
              totals.amount(),
              remaining,
              twice,
              withBalance,
              stats,
              subject,
              durationMs,
              historyEvents);
        });
  }

  /**
   * How many events the history of a root workflow's tree holds. They are numbered 1, 2, 3, ...
   * without gaps, so the count is the number of the last one, found by asking whether event k
   * exists for k = 1, 2, 4, 8, ... and then bisecting: about 2 log2(n) one-row reads of the
   * history's primary key, however long the history.
   */
  public static long historyEvents(WorkflowQueries queries, UUID rootId) {
    if (!hasEvent(queries, rootId, 1)) {
      return 0;
    }
    long present = 1;
    long absent = 2;
    while (hasEvent(queries, rootId, absent)) {
      present = absent;
      absent *= 2;
    }
    while (absent - present > 1) {
      long mid = present + (absent - present) / 2;
      if (hasEvent(queries, rootId, mid)) {
        present = mid;
      } else {
        absent = mid;
      }
    }
    return present;
  }

  private static boolean hasEvent(WorkflowQueries queries, UUID rootId, long seq) {
    return !queries
        .history(rootId, HistoryFilter.ALL, HistoryPage.after(seq - 1, 1))
        .events()
        .isEmpty();
  }
}

package dev.tasquencer.examples.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongPredicate;

/** The billing workflow of the seed recipe "Multiple Work Items per Task", on H2 and PostgreSQL. */
class BillingWorkflowTest {

  private static Tasquencer engine(TestDatabase db, LongPredicate rejected) {
    BillingSchema.create(db.dataSource());
    return db.engine(BillingWorkflow.definition(new InvoiceDomain(rejected)));
  }

  private static Tasquencer engine(TestDatabase db) {
    return engine(db, id -> false);
  }

  private static void customers(TestDatabase db, String... balances) {
    for (int i = 0; i < balances.length; i++) {
      db.sql(
          "insert into customers (id, name, balance) values (?, ?, ?)",
          (long) i + 1,
          "Customer " + (i + 1),
          new BigDecimal(balances[i]));
    }
  }

  private static List<String> balances(TestDatabase db) {
    return db.rows("select id, balance from customers order by id").stream()
        .map(row -> row.get(0) + "=" + row.get(1))
        .toList();
  }

  private static List<String> invoices(TestDatabase db) {
    return db
        .rows("select customer_id, amount from invoices order by billing_run_id, customer_id")
        .stream()
        .map(row -> row.get(0) + "=" + row.get(1))
        .toList();
  }

  private static BillingReport report(
      TestDatabase db, Tasquencer engine, UUID id, BillingReport.Due before) {
    return BillingReport.read(db.dataSource(), engine.queries(), id, before, 0);
  }

  /** Seed, steps 1-7: one work item per customer with a balance, then the summary. */
  @DbTest
  void invoicesEveryCustomerWithABalanceAndSendsTheSummary(TestDatabase db) {
    var engine = engine(db);
    customers(db, "120.50", "0.00", "99.99", "1000.00", "0.00");
    var before = BillingReport.Due.read(db.dataSource());

    UUID id = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));

    var r = report(db, engine, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.customersWithBalance()).isEqualTo(3);
    assertThat(r.invoices()).isEqualTo(3);
    assertThat(r.totalAmount()).isEqualByComparingTo("1220.49");
    assertThat(r.expectedTotal()).isEqualByComparingTo("1220.49");
    assertThat(r.remainingBalance()).isEqualByComparingTo("0");
    assertThat(r.conserved()).isTrue();
    assertThat(r.stats()).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));
    // customers without a balance get no invoice
    assertThat(invoices(db)).containsExactly("1=120.50", "3=99.99", "4=1000.00");
    assertThat(balances(db)).containsExactly("1=0.00", "2=0.00", "3=0.00", "4=0.00", "5=0.00");
    // the run row: created by the initialize action, keyed by the workflow id, closed at the end
    assertThat(db.rows("select period, status from billing_runs where workflow_id = ?", id))
        .containsExactly(List.of("2026-11", "completed"));
    assertThat(db.rows("select recipient, subject, body from outbox where workflow_id = ?", id))
        .containsExactly(
            List.of(
                "billing@company.com",
                "Billing Run Complete: 3 invoices generated",
                "Total amount: $1220.49"));
    assertThat(engine.queries().tasksIn(id, TaskState.COMPLETED))
        .containsExactly("generateInvoices", "sendSummary");
  }

  /** Seed, "Handling Empty Work Item Sets": nobody to invoice, one no-op work item completes. */
  @DbTest
  void noCustomerWithABalanceCompletesThroughOneNoWorkItem(TestDatabase db) {
    var engine = engine(db);
    customers(db, "0.00", "0.00");

    UUID id = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));

    assertThat(engine.queries().workflowState(id)).isEqualTo(WorkflowState.COMPLETED);
    var items = engine.queries().workItems(id, "generateInvoices");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).state()).isEqualTo(WorkItemState.COMPLETED);
    assertThat(items.get(0).payloadJson()).contains("\"noWork\":true");
    assertThat(invoices(db)).isEmpty();
    assertThat(db.rows("select subject, body from outbox"))
        .containsExactly(
            List.of("Billing Run Complete: 0 invoices generated", "Total amount: $0.00"));
  }

  @DbTest
  void noCustomersAtAllCompletes(TestDatabase db) {
    var engine = engine(db);
    var before = BillingReport.Due.read(db.dataSource());

    UUID id = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));

    var r = report(db, engine, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.invoices()).isZero();
    assertThat(r.stats()).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
    assertThat(r.conserved()).isTrue();
  }

  /**
   * A rejected invoice fails its work item; the default policy fails the task and the workflow. The
   * invoices generated before it stay, consistent; the rejected customer and those after it keep
   * their balances (their work items are canceled); no summary is sent.
   */
  @DbTest
  void rejectedInvoiceFailsTheRunAndConservesMoney(TestDatabase db) {
    var engine = engine(db, customer -> customer == 3);
    customers(db, "10.00", "20.00", "30.00", "40.00", "50.00");
    var before = BillingReport.Due.read(db.dataSource());

    UUID id = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));

    var r = report(db, engine, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.FAILED);
    assertThat(engine.queries().task(id, "generateInvoices").state()).isEqualTo(TaskState.FAILED);
    assertThat(engine.queries().task(id, "sendSummary").state()).isEqualTo(TaskState.DISABLED);
    assertThat(r.stats()).isEqualTo(new TaskStats(5, 0, 0, 2, 1, 2));
    assertThat(engine.queries().workItems(id, "generateInvoices"))
        .extracting("state")
        .containsExactly(
            WorkItemState.COMPLETED,
            WorkItemState.COMPLETED,
            WorkItemState.FAILED,
            WorkItemState.CANCELED,
            WorkItemState.CANCELED);
    assertThat(invoices(db)).containsExactly("1=10.00", "2=20.00");
    assertThat(balances(db)).containsExactly("1=0.00", "2=0.00", "3=30.00", "4=40.00", "5=50.00");
    assertThat(r.totalAmount()).isEqualByComparingTo("30.00");
    assertThat(r.remainingBalance()).isEqualByComparingTo("120.00");
    assertThat(r.conserved()).isTrue();
    assertThat(db.queryLong("select count(*) from outbox")).isZero();
    assertThat(db.rows("select status from billing_runs where workflow_id = ?", id))
        .containsExactly(List.of("failed"));
  }

  /** The configurable failure rate: a deterministic share of rejections fails the run. */
  @DbTest
  void failureRateFailsTheRunAndConservesMoney(TestDatabase db) {
    var r =
        BillingDemo.run(db.dataSource(), new BillingDemo.Options(300, 7, 0.02, "2026-11"), s -> {});

    assertThat(r.workflowState()).isEqualTo(WorkflowState.FAILED);
    assertThat(r.stats().failed()).isEqualTo(1);
    assertThat(r.stats().total()).isEqualTo(r.customersWithBalance());
    assertThat(r.stats().completed()).isEqualTo(r.invoices());
    assertThat(r.stats().canceled())
        .isEqualTo(r.stats().total() - r.stats().completed() - r.stats().failed());
    assertThat(r.invoices()).isLessThan(r.customersWithBalance());
    assertThat(r.remainingBalance()).isPositive();
    assertThat(r.conserved()).isTrue();
    assertThat(r.summarySubject()).isNull();
    // the same seed rejects the same customers: a second run fails at the same place
    var again =
        BillingDemo.run(db.dataSource(), new BillingDemo.Options(300, 7, 0.02, "2026-11"), s -> {});
    assertThat(again.stats()).isEqualTo(r.stats());
    assertThat(again.totalAmount()).isEqualByComparingTo(r.totalAmount());
  }

  /** Many customers, one engine call; the progress callback sees every work item finish. */
  @DbTest
  void demoInvoicesManyCustomersInOneCall(TestDatabase db) {
    var finished = new java.util.ArrayList<Long>();
    var r =
        BillingDemo.run(
            db.dataSource(),
            new BillingDemo.Options(500, 42, 0, "2026-11"),
            stats -> finished.add(stats.finished()));

    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.customers()).isEqualTo(500);
    assertThat(r.customersWithBalance()).isBetween(350L, 480L);
    assertThat(r.invoices()).isEqualTo(r.customersWithBalance());
    assertThat(r.totalAmount()).isEqualByComparingTo(r.expectedTotal());
    assertThat(r.remainingBalance()).isEqualByComparingTo("0");
    assertThat(r.stats().completed()).isEqualTo(r.stats().total());
    assertThat(r.stats().total()).isEqualTo(r.customersWithBalance());
    assertThat(r.conserved()).isTrue();
    assertThat(r.summarySubject())
        .isEqualTo("Billing Run Complete: " + r.invoices() + " invoices generated");
    assertThat(finished).hasSize((int) r.invoices()).isSorted();
    assertThat(finished.get(finished.size() - 1)).isEqualTo(r.invoices());
  }

  /** The demo cleans its own domain rows, so it runs again on a database used before. */
  @DbTest
  void demoRunsAgainOnTheSameDatabase(TestDatabase db) {
    var first =
        BillingDemo.run(db.dataSource(), new BillingDemo.Options(50, 1, 0, "2026-10"), s -> {});
    var second =
        BillingDemo.run(db.dataSource(), new BillingDemo.Options(80, 2, 0, "2026-11"), s -> {});

    assertThat(first.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(second.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(second.customers()).isEqualTo(80);
    assertThat(second.invoices()).isEqualTo(second.customersWithBalance());
    assertThat(second.conserved()).isTrue();
    assertThat(db.queryLong("select count(*) from billing_runs")).isEqualTo(1);
  }

  /** Two runs in a row: the second invoices only what became due since; nobody twice. */
  @DbTest
  void secondRunInvoicesOnlyNewBalances(TestDatabase db) {
    var engine = engine(db);
    customers(db, "10.00", "20.00");
    engine.initializeRootWorkflow("billing", new StartBillingRun("2026-10"));
    db.sql("update customers set balance = 5.00 where id = 2");

    UUID second = engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11"));

    assertThat(engine.queries().workflowState(second)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(invoices(db)).containsExactly("1=10.00", "2=20.00", "2=5.00");
    assertThat(engine.queries().stats(second, "generateInvoices").total()).isEqualTo(1);
  }

  /** Started from outside: the custom initialize action validates its payload first. */
  @DbTest
  void invalidStartPayloadIsRejectedAndWritesNothing(TestDatabase db) {
    var engine = engine(db);
    customers(db, "10.00");

    assertThatThrownBy(() -> engine.initializeRootWorkflow("billing", Map.of("period", "November")))
        .isInstanceOf(PayloadValidationException.class)
        .hasMessageContaining("period must look like 2026-11");
    assertThatThrownBy(() -> engine.initializeRootWorkflow("billing", null))
        .isInstanceOf(PayloadValidationException.class);

    assertThat(db.queryLong("select count(*) from billing_runs")).isZero();
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();
    assertThat(balances(db)).containsExactly("1=10.00");
  }

  /**
   * A technical error (not a business rejection) in the middle of the run rolls the whole call
   * back: no workflow, no billing run, no invoice, every balance as before.
   */
  @DbTest
  void technicalErrorRollsBackEverything(TestDatabase db) {
    var engine =
        engine(
            db,
            customer -> {
              if (customer == 3) {
                throw new IllegalStateException("ledger unavailable");
              }
              return false;
            });
    customers(db, "10.00", "20.00", "30.00");

    assertThatThrownBy(
            () -> engine.initializeRootWorkflow("billing", new StartBillingRun("2026-11")))
        .hasMessageContaining("ledger unavailable");

    assertThat(invoices(db)).isEmpty();
    assertThat(balances(db)).containsExactly("1=10.00", "2=20.00", "3=30.00");
    assertThat(db.queryLong("select count(*) from billing_runs")).isZero();
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();
  }
}

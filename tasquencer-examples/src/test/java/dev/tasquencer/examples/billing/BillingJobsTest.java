package dev.tasquencer.examples.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.jobs.ExternalJobContext;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobInfo;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.DeadWorker;
import dev.tasquencer.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;

/**
 * The billing workflow in jobs mode, on H2 and PostgreSQL: invoices are issued by durable jobs that
 * call the (simulated) invoicing service outside any transaction and report back; a worker that
 * dies loses nothing and invoices nobody twice.
 */
class BillingJobsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private record Setup(Tasquencer engine, ManualClock clock) {
    JobWorker worker(LongPredicate rejected) {
      return BillingJobs.register(
              engine.jobWorker().workerId("w1").lease(LEASE),
              new SimulatedInvoicingService(rejected, Duration.ZERO))
          .build();
    }

    JobWorker worker() {
      return worker(id -> false);
    }

    UUID start() {
      return engine.initializeRootWorkflow(BillingJobs.NAME, new StartBillingRun("2026-11"));
    }
  }

  private static Setup setup(TestDatabase db, String... balances) {
    BillingSchema.create(db.dataSource());
    for (int i = 0; i < balances.length; i++) {
      db.sql(
          "insert into customers (id, name, balance) values (?, ?, ?)",
          (long) i + 1,
          "Customer " + (i + 1),
          new BigDecimal(balances[i]));
    }
    ManualClock clock = new ManualClock(T0);
    return new Setup(
        db.engine(Tasquencer.builder().clock(clock).register(BillingJobs.definition())), clock);
  }

  private static List<String> invoices(TestDatabase db) {
    return db
        .rows("select customer_id, amount, reference from invoices order by customer_id")
        .stream()
        .map(row -> row.get(0) + "=" + row.get(1) + " " + row.get(2))
        .toList();
  }

  private static List<String> balances(TestDatabase db) {
    return db.rows("select id, balance from customers order by id").stream()
        .map(row -> row.get(0) + "=" + row.get(1))
        .toList();
  }

  private static long runId(TestDatabase db) {
    return db.queryLong("select id from billing_runs");
  }

  private static List<JobSnapshot> jobs(Tasquencer engine, UUID workflowId) {
    return engine.queries().workItems(workflowId, "generateInvoices").stream()
        .flatMap(wi -> engine.queries().jobsOwnedBy(wi.id()).stream())
        .toList();
  }

  private static BillingReport report(TestDatabase db, Setup s, UUID id, BillingReport.Due before) {
    return BillingReport.read(db.dataSource(), s.engine().queries(), id, before, 0);
  }

  /** Claims up to {@code limit} due jobs for a worker that will never finish them (it "dies"). */
  private static List<JobSnapshot> claimAndDie(TestDatabase db, Instant now, int limit) {
    return DeadWorker.claimDue(db.dataSource(), "ghost", now, LEASE, limit);
  }

  /**
   * The start call creates the work items and their jobs, and no invoice; the worker's jobs issue
   * them through the service and report back; each completion writes its invoice.
   */
  @DbTest
  void jobsIssueTheInvoicesAndTheirCompletionsWriteThem(TestDatabase db) {
    var s = setup(db, "120.50", "0.00", "99.99", "1000.00");
    var before = BillingReport.Due.read(db.dataSource());

    UUID id = s.start();

    // the start call only registered one job per customer with a balance
    assertThat(s.engine().queries().workflowState(id)).isEqualTo(WorkflowState.STARTED);
    assertThat(s.engine().queries().workItems(id, "generateInvoices"))
        .extracting(WorkItemSnapshot::state)
        .containsOnly(WorkItemState.STARTED)
        .hasSize(3);
    assertThat(jobs(s.engine(), id))
        .hasSize(3)
        .allSatisfy(
            j -> {
              assertThat(j.handler()).isEqualTo(BillingJobs.GENERATE_INVOICE);
              assertThat(j.ownerKind()).isEqualTo(JobOwnerKind.WORK_ITEM);
              assertThat(j.state()).isEqualTo(JobState.PENDING);
              assertThat(j.runAt()).isEqualTo(T0);
            });
    assertThat(invoices(db)).isEmpty();
    assertThat(balances(db)).containsExactly("1=120.50", "2=0.00", "3=99.99", "4=1000.00");

    // a completion without the service's result is refused and writes nothing
    UUID first = s.engine().queries().workItems(id, "generateInvoices").get(0).id();
    assertThatThrownBy(() -> s.engine().internal().completeWorkItem(first, null))
        .hasMessageContaining("InvoiceIssued");
    assertThat(invoices(db)).isEmpty();

    assertThat(s.worker().runDue()).isEqualTo(3);

    var r = report(db, s, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.invoices()).isEqualTo(3).isEqualTo(r.customersWithBalance());
    assertThat(r.conserved()).isTrue();
    assertThat(r.stats()).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));
    long run = runId(db);
    assertThat(invoices(db))
        .containsExactly(
            "1=120.50 INV-" + run + "-1",
            "3=99.99 INV-" + run + "-3",
            "4=1000.00 INV-" + run + "-4");
    assertThat(balances(db)).containsOnly("1=0.00", "2=0.00", "3=0.00", "4=0.00");
    assertThat(r.summarySubject()).isEqualTo("Billing Run Complete: 3 invoices generated");
    assertThat(jobs(s.engine(), id)).extracting(JobSnapshot::state).containsOnly(JobState.DONE);
    assertThat(BillingJobsDemo.jobCounts(db.dataSource(), id))
        .isEqualTo(new BillingJobsDemo.JobCounts(0, 0, 3, 0, 0, 0));
    assertThat(s.worker().runDue()).as("nothing runs twice").isZero();
  }

  /**
   * A worker with its own threads (as in production) on the real clock: 300 customers, every
   * invoice issued once, the run completes. The completions all lock the run's root workflow, so
   * they take turns; nothing is lost or doubled.
   */
  @DbTest
  @SuppressWarnings("try") // the worker runs in the background while the body waits
  void aThreadedWorkerRunsAWholeRun(TestDatabase db) throws Exception {
    BillingSchema.create(db.dataSource());
    Tasquencer engine = db.engine(BillingJobs.definition());
    var started =
        BillingJobsDemo.start(
            db.dataSource(), engine, new BillingDemo.Options(300, 5, 0, "2026-11"));
    UUID id = started.workflowId();
    try (JobWorker worker =
        BillingJobs.register(
                engine.jobWorker().threads(4).pollInterval(Duration.ofMillis(20)),
                SimulatedInvoicingService.acceptingAll())
            .build()
            .start()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!engine.queries().workflowState(id).isFinal() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    var r = BillingReport.read(db.dataSource(), engine.queries(), id, started.before(), 0);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.invoices()).isEqualTo(r.customersWithBalance()).isGreaterThan(200);
    assertThat(r.customersInvoicedTwice()).isZero();
    assertThat(r.conserved()).isTrue();
    var jobs = BillingJobsDemo.jobCounts(db.dataSource(), id);
    assertThat(jobs.done()).isEqualTo(r.invoices());
    assertThat(jobs.total()).isEqualTo(r.invoices());
  }

  /**
   * A run stopped half-way (its demo died) is canceled by the next start, with its pending jobs, so
   * no worker applies them to the new customers.
   */
  @DbTest
  void theNextStartCancelsAnUnfinishedRun(TestDatabase db) {
    var s = setup(db);
    var options = new BillingDemo.Options(20, 1, 0, "2026-10");
    UUID first = BillingJobsDemo.start(db.dataSource(), s.engine(), options).workflowId();
    assertThat(BillingJobsDemo.jobCounts(db.dataSource(), first).pending()).isPositive();

    var second = BillingJobsDemo.start(db.dataSource(), s.engine(), options);

    assertThat(s.engine().queries().workflowState(first)).isEqualTo(WorkflowState.CANCELED);
    var old = BillingJobsDemo.jobCounts(db.dataSource(), first);
    assertThat(old.pending()).isZero();
    assertThat(old.canceled()).isEqualTo(old.total());
    s.worker().runDue();
    var r = report(db, s, second.workflowId(), second.before());
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.conserved()).isTrue();
    assertThat(db.queryLong("select count(*) from invoices")).isEqualTo(r.invoices());
  }

  /** Nobody to invoice: the single no-work item completes in the start call, without a job. */
  @DbTest
  void nobodyToInvoiceCompletesWithoutJobs(TestDatabase db) {
    var s = setup(db, "0.00");

    UUID id = s.start();

    assertThat(s.engine().queries().workflowState(id)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(BillingJobsDemo.jobCounts(db.dataSource(), id).total()).isZero();
    assertThat(invoices(db)).isEmpty();
  }

  /**
   * A refused invoice fails its work item (reported with failWorkItem), and by the default policy
   * the run; the jobs of the canceled work items do nothing. Money is conserved.
   */
  @DbTest
  void aRefusedInvoiceFailsTheRunAndTheOtherJobsStop(TestDatabase db) {
    var s = setup(db, "10.00", "20.00", "30.00", "40.00", "50.00");
    var before = BillingReport.Due.read(db.dataSource());
    UUID id = s.start();

    s.worker(customer -> customer == 3).runDue();

    var r = report(db, s, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.FAILED);
    assertThat(r.stats().failed()).isEqualTo(1);
    assertThat(r.stats().completed() + r.stats().failed() + r.stats().canceled()).isEqualTo(5);
    assertThat(r.invoices()).isEqualTo(r.stats().completed());
    assertThat(invoices(db)).noneMatch(i -> i.startsWith("3="));
    assertThat(balances(db)).contains("3=30.00");
    assertThat(r.conserved()).isTrue();
    assertThat(r.summarySubject()).isNull();
    var jobs = BillingJobsDemo.jobCounts(db.dataSource(), id);
    assertThat(jobs.pending() + jobs.running() + jobs.dead()).isZero();
    assertThat(jobs.done()).isEqualTo(r.stats().completed() + 1);
    assertThat(jobs.canceled()).isEqualTo(r.stats().canceled());
  }

  /**
   * A worker dies holding two jobs: the other jobs run, the run waits; when the lease expires the
   * two jobs run again on the surviving worker and the run completes, nobody invoiced twice.
   */
  @DbTest
  void aWorkerThatDiesLosesNothing(TestDatabase db) throws Exception {
    var s = setup(db, "10.00", "20.00", "30.00", "40.00", "50.00");
    var before = BillingReport.Due.read(db.dataSource());
    UUID id = s.start();
    List<JobSnapshot> lost = claimAndDie(db, T0, 2);
    assertThat(lost).hasSize(2);
    JobWorker survivor = s.worker();

    assertThat(survivor.runDue()).isEqualTo(3);
    assertThat(s.engine().queries().workflowState(id)).isEqualTo(WorkflowState.STARTED);
    assertThat(s.engine().queries().stats(id, "generateInvoices"))
        .isEqualTo(new TaskStats(5, 0, 2, 3, 0, 0));
    s.clock().advance(LEASE.minusSeconds(1));
    assertThat(survivor.runDue()).as("the lease still holds").isZero();

    s.clock().advance(Duration.ofSeconds(2));
    assertThat(survivor.runDue()).isEqualTo(2);

    var r = report(db, s, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.invoices()).isEqualTo(5);
    assertThat(r.customersInvoicedTwice()).isZero();
    assertThat(r.conserved()).isTrue();
    for (JobSnapshot j : lost) {
      var after = s.engine().queries().job(j.id());
      assertThat(after.state()).isEqualTo(JobState.DONE);
      assertThat(after.attempts()).isEqualTo(2);
      assertThat(after.lockedBy()).isNull();
    }
    assertThat(BillingJobsDemo.jobCounts(db.dataSource(), id))
        .isEqualTo(new BillingJobsDemo.JobCounts(0, 0, 5, 0, 0, 2));
  }

  /**
   * A worker dies after its report committed and before it marked the job done: the job runs again
   * after the lease; its owner is complete, so it is canceled and nothing is written twice. A
   * handler that does run again has its report refused by the state guard and takes it as done.
   */
  @DbTest
  void aReplayedReportIsRefusedAndTreatedAsDone(TestDatabase db) throws Exception {
    var s = setup(db, "10.00", "20.00");
    var before = BillingReport.Due.read(db.dataSource());
    UUID id = s.start();
    JobSnapshot lost = claimAndDie(db, T0, 1).get(0);
    InvoiceJob payload = payloadOf(lost);
    var handler = externalHandler();
    // the ghost's handler reported, then its process died
    handler.body().run(context(s, lost), payload);
    assertThat(invoices(db)).hasSize(1);

    // the same handler running again: the service answers again, the report is refused
    handler.body().run(context(s, lost), payload);
    assertThat(invoices(db)).hasSize(1);

    JobWorker survivor = s.worker();
    assertThat(survivor.runDue()).isEqualTo(1);
    s.clock().advance(LEASE.plusSeconds(1));
    assertThat(survivor.runDue()).isEqualTo(1);

    var r = report(db, s, id, before);
    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.invoices()).isEqualTo(2);
    assertThat(r.customersInvoicedTwice()).isZero();
    assertThat(r.conserved()).isTrue();
    assertThat(s.engine().queries().job(lost.id()).state())
        .as("its owner had completed: canceled, not run")
        .isEqualTo(JobState.CANCELED);
    assertThat(survivor.stats().canceled()).isEqualTo(1);
  }

  private static InvoiceJob payloadOf(JobSnapshot job) {
    String json = job.payloadJson().replace(" ", "");
    UUID wi = UUID.fromString(json.replaceAll(".*\"workItemId\":\"([^\"]+)\".*", "$1"));
    long customer = Long.parseLong(json.replaceAll(".*\"customerId\":(\\d+).*", "$1"));
    long run = Long.parseLong(json.replaceAll(".*\"billingRunId\":(\\d+).*", "$1"));
    return new InvoiceJob(wi, customer, run);
  }

  @SuppressWarnings("unchecked")
  private static JobHandler.External<InvoiceJob> externalHandler() {
    return (JobHandler.External<InvoiceJob>)
        BillingJobs.handlers(SimulatedInvoicingService.acceptingAll())
            .get(BillingJobs.GENERATE_INVOICE);
  }

  private static ExternalJobContext context(Setup s, JobSnapshot job) {
    return new ExternalJobContext() {
      @Override
      public JobInfo job() {
        return new JobInfo(
            job.id(),
            job.handler(),
            job.attempts(),
            job.maxAttempts(),
            job.ownerKind(),
            job.ownerId(),
            job.ownerTask(),
            job.ownerGeneration());
      }

      @Override
      public WorkflowCommands engine() {
        return s.engine().internal();
      }

      @Override
      public WorkflowQueries queries() {
        return s.engine().queries();
      }

      @Override
      public Instant now() {
        return s.clock().instant();
      }
    };
  }
}

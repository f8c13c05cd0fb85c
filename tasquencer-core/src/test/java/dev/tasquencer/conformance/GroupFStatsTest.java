package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Conformance group F: several work items per task and the task's counters. The counters are
 * buckets: every transition moves one unit from the old state's counter to the new one; {@code
 * total} counts every work item ever created in the generation. (CS-044's stats shards are an
 * implementation detail of the original; here counters are per task generation.)
 */
class GroupFStatsTest {

  /** start → bulkTask (as given) → next → end. */
  static WorkflowDefinition bulk(TaskBuilder bulkTask) {
    return Builder.workflow("bulk")
        .startCondition("start")
        .task("bulkTask", bulkTask)
        .task("next", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("bulkTask"))
        .connectTask("bulkTask", to -> to.task("next"))
        .connectTask("next", to -> to.condition("end"))
        .build();
  }

  /** A policy that completes once every work item is final, whatever the final states. */
  static final TaskPolicy COMPLETE_WHEN_ALL_FINAL =
      ctx -> ctx.task().getStats().allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;

  static TaskStats stats(long total, long i, long s, long c, long f, long x) {
    return new TaskStats(total, i, s, c, f, x);
  }

  private static List<UUID> ids(Driver d, String task) {
    return d.wi(task).stream().map(WorkItemSnapshot::id).toList();
  }

  /** CS-044: 12 work items, started and completed one by one. */
  @DbTest
  void countersOfTwelveWorkItems(TestDatabase db) {
    var d = Driver.start(db.engine(bulk(autoInit(12))), "bulk");
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(12, 12, 0, 0, 0, 0));

    for (UUID w : ids(d, "bulkTask")) {
      d.start(w);
      d.complete(w);
    }
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(12, 0, 0, 12, 0, 0));
    assertThat(d.task("bulkTask")).isEqualTo(TaskState.COMPLETED);
  }

  /** A task with several work items completes only when the last one is final (default policy). */
  @DbTest
  void taskCompletesWhenEveryWorkItemIsFinal(TestDatabase db) {
    var d = Driver.start(db.engine(bulk(autoInit(3))), "bulk");
    List<UUID> w = ids(d, "bulkTask");
    w.forEach(d::start);
    d.complete(w.get(0));
    d.complete(w.get(1));
    assertThat(d.task("bulkTask")).isEqualTo(TaskState.STARTED);
    assertThat(d.task("next")).isEqualTo(TaskState.DISABLED);

    d.complete(w.get(2));
    assertThat(d.task("bulkTask")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("next");
  }

  /** Every kind of transition moves exactly one unit between buckets. */
  @DbTest
  void everyTransitionMovesOneUnit(TestDatabase db) {
    var d = Driver.start(db.engine(bulk(autoInit(5).withPolicy(COMPLETE_WHEN_ALL_FINAL))), "bulk");
    List<UUID> w = ids(d, "bulkTask");
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 5, 0, 0, 0, 0));

    d.start(w.get(0));
    d.start(w.get(1));
    d.start(w.get(2));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 2, 3, 0, 0, 0));

    d.cmd().resetWorkItem(w.get(2));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 3, 2, 0, 0, 0));

    d.complete(w.get(0));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 3, 1, 1, 0, 0));

    d.cmd().failWorkItem(w.get(1));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 3, 0, 1, 1, 0));

    d.cmd().cancelWorkItem(w.get(3));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(5, 2, 0, 1, 1, 1));

    // an item created later (through the command) counts in the same generation
    UUID extra = d.cmd().initializeWorkItem(d.id, "bulkTask", null);
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(6, 3, 0, 1, 1, 1));
    assertThat(d.task("bulkTask")).isEqualTo(TaskState.STARTED);

    // the task's completion cancels the rest: teardown cancellations are counted too
    d.cmd().cancelWorkItem(w.get(2));
    d.cmd().cancelWorkItem(w.get(4));
    d.cmd().cancelWorkItem(extra);
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(6, 0, 0, 1, 1, 4));
    assertThat(d.task("bulkTask")).isEqualTo(TaskState.COMPLETED);
  }

  /** The counters a policy sees already include the transition it is called for (7.4). */
  @DbTest
  void policySeesCountersIncludingItsTransition(TestDatabase db) {
    var seen = new CopyOnWriteArrayList<TaskStats>();
    TaskPolicy recording =
        ctx -> {
          seen.add(ctx.task().getStats());
          return TaskPolicy.DEFAULT.decide(ctx);
        };
    var d = Driver.start(db.engine(bulk(autoInit(2).withPolicy(recording))), "bulk");
    List<UUID> w = ids(d, "bulkTask");
    w.forEach(d::start);
    d.complete(w.get(0));
    d.complete(w.get(1));
    // no policy call for the two starts
    assertThat(seen).containsExactly(stats(2, 0, 1, 1, 0, 0), stats(2, 0, 0, 2, 0, 0));
  }

  /** The completion of a task cancels its open work items, and the counters say so. */
  @DbTest
  void teardownCancellationsAreCounted(TestDatabase db) {
    TaskPolicy completeOnFirst =
        ctx ->
            ctx.transition().nextState() == WorkItemState.COMPLETED
                ? PolicyResult.COMPLETE
                : PolicyResult.CONTINUE;
    var d = Driver.start(db.engine(bulk(autoInit(3).withPolicy(completeOnFirst))), "bulk");
    List<UUID> w = ids(d, "bulkTask");
    d.start(w.get(0));
    d.start(w.get(1));
    d.complete(w.get(0));
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(stats(3, 0, 0, 1, 0, 2));
    assertThat(d.wiStates("bulkTask"))
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED, WorkItemState.CANCELED);
  }

  /** Before the first enablement a task has no counters (all zero); a task with none is enabled. */
  @DbTest
  void countersBeforeEnablementAreZero(TestDatabase db) {
    var d = Driver.start(db.engine(bulk(autoInit(2))), "bulk");
    assertThat(d.q().stats(d.id, "next")).isEqualTo(TaskStats.EMPTY);
    assertThat(d.generation("next")).isZero();
  }

  /** A task whose onEnabled creates no work item stays enabled (creation drives nothing). */
  @DbTest
  void taskWithoutWorkItemsStaysEnabled(TestDatabase db) {
    var d = Driver.start(db.engine(bulk(autoInit(0))), "bulk");
    assertThat(d.enabled()).containsExactly("bulkTask");
    assertThat(d.q().stats(d.id, "bulkTask")).isEqualTo(TaskStats.EMPTY);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
  }

  // ------------------------------------------------------------------ the seed's billing recipe

  /** One customer to invoice, as a work item payload (every component is required). */
  record InvoiceRequest(String customer, boolean noWork) {}

  /**
   * The seed's recipe: one auto-started, auto-completing work item per customer; if there is no
   * customer, one "no work" item so that the task can complete. Domain rows are written through
   * {@code ctx.db()} in the engine's transaction.
   */
  static WorkflowDefinition billing() {
    var generateInvoice =
        Builder.workItem("generateInvoice")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  var p = ctx.workItem().payload(InvoiceRequest.class);
                  if (!p.noWork()) {
                    ctx.db()
                        .update(
                            "insert into invoices (workflow_id, customer) values (?, ?)",
                            ctx.parent().workflowId(),
                            p.customer());
                  }
                  ctx.workItem().complete();
                });
    var generateInvoices =
        Builder.task(generateInvoice)
            .onEnabled(
                ctx -> {
                  List<String> customers =
                      ctx.db()
                          .query(
                              "select name from customers where balance > 0 order by name",
                              rs -> rs.getString(1));
                  for (String c : customers) {
                    ctx.workItem().initialize(new InvoiceRequest(c, false));
                  }
                  if (customers.isEmpty()) {
                    ctx.workItem().initialize(new InvoiceRequest("", true));
                  }
                });
    var sendSummary =
        Builder.task(
                Builder.workItem("sendSummary")
                    .onInitialized(ctx -> ctx.workItem().start())
                    .onStarted(ctx -> ctx.workItem().complete()))
            .onEnabled(ctx -> ctx.workItem().initialize());
    return Builder.workflow("billing")
        .startCondition("start")
        .task("generateInvoices", generateInvoices)
        .task("sendSummary", sendSummary)
        .endCondition("end")
        .connectCondition("start", to -> to.task("generateInvoices"))
        .connectTask("generateInvoices", to -> to.task("sendSummary"))
        .connectTask("sendSummary", to -> to.condition("end"))
        .build();
  }

  private static void billingTables(TestDatabase db) {
    db.sql("create table customers (name varchar(40) primary key, balance int not null)");
    db.sql("create table invoices (workflow_id uuid not null, customer varchar(40) not null)");
  }

  /** The billing run invoices every customer with a balance, all within initialization. */
  @DbTest
  void billingRecipeInvoicesEveryCustomer(TestDatabase db) {
    billingTables(db);
    db.sql("insert into customers values ('ada', 10), ('bob', 0), ('cy', 5)");
    var d = Driver.start(db.engine(billing()), "billing");

    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().stats(d.id, "generateInvoices")).isEqualTo(stats(2, 0, 0, 2, 0, 0));
    assertThat(d.wi("generateInvoices"))
        .extracting(WorkItemSnapshot::payloadJson)
        .allSatisfy(json -> assertThat(json).contains("\"customer\""));
    assertThat(db.queryLong("select count(*) from invoices where workflow_id = ?", d.id))
        .isEqualTo(2);
  }

  /** With no customer to invoice, the "no work" item still lets the run complete. */
  @DbTest
  void billingRecipeWithoutCustomersStillCompletes(TestDatabase db) {
    billingTables(db);
    var d = Driver.start(db.engine(billing()), "billing");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().stats(d.id, "generateInvoices")).isEqualTo(stats(1, 0, 0, 1, 0, 0));
    assertThat(db.queryLong("select count(*) from invoices")).isZero();
  }
}

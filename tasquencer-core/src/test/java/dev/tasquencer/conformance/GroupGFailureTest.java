package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Conformance group G: policies and failure propagation (non-composite scenarios). A failed work
 * item fails its task under the default policy, the task fails its workflow, and the workflow's
 * teardown cancels started tasks and withdraws enabled ones; no policy runs during teardown.
 * Markings are kept after a failure (the legacy snapshots cleared them).
 */
class GroupGFailureTest {

  /** CS-046 net: start → t1 → c1 → t2 → end; t1 as given. */
  static WorkflowDefinition failureSemantics(TaskBuilder t1) {
    return Builder.workflow("failureSemantics")
        .startCondition("start")
        .condition("c1")
        .task("t1", t1)
        .task("t2", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.condition("c1"))
        .connectCondition("c1", to -> to.task("t2"))
        .connectTask("t2", to -> to.condition("end"))
        .build();
  }

  /** CS-056 net: start → t1 → {t2, t3} → t4 (AND-join) → end; t2 and t3 as given. */
  static WorkflowDefinition parallel(TaskBuilder t2, TaskBuilder t3) {
    return Builder.workflow("parallel")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", t2)
        .task("t3", t3)
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  private static List<UUID> ids(Driver d, String task) {
    return d.wi(task).stream().map(WorkItemSnapshot::id).toList();
  }

  /** CS-046 / CS-047: work item fails → task fails → workflow fails; the sibling is canceled. */
  @DbTest
  void failurePropagatesToWorkflow(TestDatabase db) {
    var d = Driver.start(db.engine(failureSemantics(autoInit(2))), "failureSemantics");
    List<UUID> w = ids(d, "t1");
    assertThat(d.wiStates("t1"))
        .containsExactly(WorkItemState.INITIALIZED, WorkItemState.INITIALIZED);
    d.start(w.get(0));
    d.start(w.get(1));
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);

    d.cmd().failWorkItem(w.get(0));
    assertThat(d.q().workItemState(w.get(0))).isEqualTo(WorkItemState.FAILED);
    assertThat(d.q().workItemState(w.get(1))).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.marked()).isEmpty();
  }

  /** CS-050 (without its scheduled initialization): failing a task cancels its other items. */
  @DbTest
  void taskFailureCancelsItsOtherWorkItems(TestDatabase db) {
    var d = Driver.start(db.engine(failureSemantics(autoInit(2))), "failureSemantics");
    UUID first = ids(d, "t1").get(0);
    d.start(first);
    d.cmd().failWorkItem(first);
    assertThat(d.wiStates("t1"))
        .containsExactlyInAnyOrder(WorkItemState.CANCELED, WorkItemState.FAILED);
  }

  /**
   * CS-056 [LEGACY]: a failure withdraws the enabled sibling t3 (its work item canceled). The
   * marking t1__to__t3 is kept (the legacy snapshot showed none).
   */
  @DbTest
  void failureWithdrawsEnabledSibling(TestDatabase db) {
    var d = Driver.start(db.engine(parallel(autoInit(2), autoInit())), "parallel");
    d.fire("t1");
    assertThat(d.enabled()).containsExactly("t2", "t3");
    List<UUID> w = ids(d, "t2");
    d.start(w.get(0));
    assertThat(d.marked()).containsOnly(entry("t1__to__t3", 1));
    assertThat(d.enabled()).containsExactly("t3");

    d.cmd().failWorkItem(w.get(0));
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.FAILED);
    assertThat(d.task("t3")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.FAILED, WorkItemState.CANCELED);
    assertThat(d.wiStates("t3")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("t1__to__t3", 1));
  }

  /** CS-057 [LEGACY]: a failure cancels the started sibling t3 and all its work items. */
  @DbTest
  void failureCancelsStartedSibling(TestDatabase db) {
    var d = Driver.start(db.engine(parallel(autoInit(2), autoInit(2))), "parallel");
    d.fire("t1");
    List<UUID> t2 = ids(d, "t2");
    List<UUID> t3 = ids(d, "t3");
    d.start(t2.get(0));
    d.start(t3.get(0));
    assertThat(d.marked()).isEmpty();
    assertThat(d.in(TaskState.STARTED)).containsExactly("t2", "t3");

    d.cmd().failWorkItem(t2.get(0));
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.FAILED);
    assertThat(d.task("t3")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.FAILED, WorkItemState.CANCELED);
    assertThat(d.wiStates("t3")).containsExactly(WorkItemState.CANCELED, WorkItemState.CANCELED);
  }

  /**
   * §6.3 F (non-composite part): the failing item's hooks, the policy, the teardown of the task's
   * other item, the task's onFailed, the withdrawal of the enabled sibling, then the workflow's
   * onFailed. No policy runs for teardown cancellations.
   */
  @DbTest
  void activityOrderOfFailure(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        log.workflowHooks(Builder.workflow("parallel"), "R")
            .startCondition("start")
            .task("t1", autoInit())
            .task("t2", log.task("t2", log.workItem("t2w"), 2))
            .task("t3", log.task("t3", log.workItem("t3w"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t1"))
            .connectTask("t1", to -> to.task("t2").task("t3"))
            .connectTask("t2", to -> to.condition("end"))
            .connectTask("t3", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "parallel");
    d.fire("t1");
    UUID w = ids(d, "t2").get(0);
    d.start(w);
    log.clear();

    d.cmd().failWorkItem(w);
    assertThat(log.all())
        .containsExactly(
            "t2w.onFailed",
            "t2.onWorkItemStateChanged[started->failed]",
            "t2.policy[started->failed]=FAIL",
            "t2w.onCanceled",
            "t2.onWorkItemStateChanged[initialized->canceled]",
            "t2.onFailed",
            "t3w.onCanceled",
            "t3.onWorkItemStateChanged[initialized->canceled]",
            "t3.onDisabled",
            "R.onFailed");
  }

  /**
   * A custom policy that continues on failure: the task goes on and completes once every item is
   * final (failed ones included); the workflow does not fail.
   */
  @DbTest
  void policyContinuingOnFailure(TestDatabase db) {
    TaskPolicy completeWhenAllFinal =
        ctx -> ctx.task().getStats().allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
    var d =
        Driver.start(
            db.engine(failureSemantics(autoInit(2).withPolicy(completeWhenAllFinal))),
            "failureSemantics");
    List<UUID> w = ids(d, "t1");
    w.forEach(d::start);
    d.cmd().failWorkItem(w.get(0));
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.q().workItemState(w.get(1))).isEqualTo(WorkItemState.STARTED);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);

    d.complete(w.get(1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("t2");
    d.fire("t2");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * Retry by new work items: the policy continues on failure, onWorkItemStateChanged creates a
   * replacement for the failed item, and the task completes when the replacement completes.
   */
  @DbTest
  void retryByReplacementWorkItem(TestDatabase db) {
    TaskPolicy continueOnFailure =
        ctx ->
            ctx.transition().nextState() == WorkItemState.FAILED
                ? PolicyResult.CONTINUE
                : TaskPolicy.DEFAULT.decide(ctx);
    var t1 =
        autoInit()
            .withPolicy(continueOnFailure)
            .onWorkItemStateChanged(
                ctx -> {
                  if (ctx.workItem().nextState() == WorkItemState.FAILED) {
                    ctx.workItem().initialize();
                  }
                });
    var d = Driver.start(db.engine(failureSemantics(t1)), "failureSemantics");
    UUID first = d.initialized("t1");
    d.start(first);
    d.cmd().failWorkItem(first);
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.FAILED, WorkItemState.INITIALIZED);
    assertThat(d.generation("t1")).isEqualTo(1);

    d.fire("t1");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("t2");
  }

  /** A policy may fail the task on a completed work item; the workflow fails with it. */
  @DbTest
  void policyFailingOnCompletion(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(failureSemantics(autoInit(2).withPolicy(ctx -> PolicyResult.FAIL))),
            "failureSemantics");
    List<UUID> w = ids(d, "t1");
    d.start(w.get(0));
    d.complete(w.get(0));
    assertThat(d.task("t1")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
  }

  /**
   * D3: no synthetic policy call right after a start. A naive "complete on completed" policy does
   * not complete the task when its first work item merely starts.
   */
  @DbTest
  void policyIsNotCalledOnStart(TestDatabase db) {
    var log = new ActivityLog();
    TaskPolicy naive =
        ctx ->
            ctx.transition().nextState() == WorkItemState.COMPLETED
                ? PolicyResult.COMPLETE
                : PolicyResult.CONTINUE;
    var d =
        Driver.start(
            db.engine(failureSemantics(autoInit(2).withPolicy(log.recording("t1", naive)))),
            "failureSemantics");
    List<UUID> w = ids(d, "t1");
    d.start(w.get(0));
    d.start(w.get(1));
    assertThat(log.all()).isEmpty();
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);

    d.complete(w.get(0));
    assertThat(log.all()).containsExactly("t1.policy[started->completed]=COMPLETE");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.q().workItemState(w.get(1))).isEqualTo(WorkItemState.CANCELED);
  }

  /**
   * D11: cancelling the only work item of a task that is only enabled makes the default policy
   * answer COMPLETE; the task first STARTS (consuming its input token, onStarted, the workflow
   * starts), then completes. It is not enabled again: its input is empty now. (The original
   * completed it without consuming the token and re-enabled it at once, 12.16.)
   */
  @DbTest
  void policyCompleteOnOnlyEnabledTaskStartsItFirst(TestDatabase db) {
    var log = new ActivityLog();
    var d =
        Driver.start(
            db.engine(failureSemantics(log.task("t1", log.workItem("w"), 1))), "failureSemantics");
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
    log.clear();

    d.cmd().cancelWorkItem(d.initialized("t1"));
    assertThat(log.all())
        .containsExactly(
            "w.onCanceled",
            "t1.onWorkItemStateChanged[initialized->canceled]",
            "t1.policy[initialized->canceled]=COMPLETE",
            "t1.onStarted",
            "t1.onCompleted");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("t1")).isEqualTo(1);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.marked()).containsOnly(entry("c1", 1));
    assertThat(d.enabled()).containsExactly("t2");
  }

  /** D11 with FAIL: the only-enabled task starts, then fails, and fails its workflow. */
  @DbTest
  void policyFailOnOnlyEnabledTaskStartsItFirst(TestDatabase db) {
    var t1 =
        autoInit()
            .withPolicy(
                ctx ->
                    ctx.transition().nextState() == WorkItemState.CANCELED
                        ? PolicyResult.FAIL
                        : TaskPolicy.DEFAULT.decide(ctx));
    var d = Driver.start(db.engine(failureSemantics(t1)), "failureSemantics");
    d.cmd().cancelWorkItem(d.initialized("t1"));
    assertThat(d.task("t1")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.marked()).isEmpty();
  }

  /**
   * D4: a task completes at most once per generation. Here the completion of the first item creates
   * a second, auto-completing item in onWorkItemStateChanged; that nested completion completes the
   * task, and the outer policy evaluation must not complete it again (12.4).
   */
  @DbTest
  void taskCompletesOnlyOnceWhenNestedTransitionsCompleteIt(TestDatabase db) {
    var log = new ActivityLog();
    var follower =
        Builder.workItem("follower")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    var t1 =
        Builder.task(follower)
            .onEnabled(ctx -> ctx.workItem().initialize())
            .onWorkItemStateChanged(
                ctx -> {
                  if (ctx.workItem().nextState() == WorkItemState.COMPLETED
                      && ctx.workItem().getAllWorkItemIds().size() == 1) {
                    ctx.workItem().initialize();
                  }
                })
            .onCompleted(ctx -> log.add("t1.onCompleted"));
    var d = Driver.start(db.engine(failureSemantics(t1)), "failureSemantics");
    // the first item auto-started and auto-completed during initialization; so did the follower
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.COMPLETED, WorkItemState.COMPLETED);
    assertThat(log.all()).containsExactly("t1.onCompleted");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("c1", 1));
    assertThat(d.generation("t2")).isEqualTo(1);
  }

  /**
   * A Java exception from user code (here a policy) is not a business failure: the whole call rolls
   * back, domain writes included, and the exception reaches the caller.
   */
  @DbTest
  void userCodeExceptionRollsBackTheCall(TestDatabase db) {
    db.sql("create table audit_rows (note varchar(40))");
    var t1 =
        autoInit()
            .onWorkItemStateChanged(
                ctx -> ctx.db().update("insert into audit_rows values (?)", "changed"))
            .withPolicy(
                ctx -> {
                  throw new IllegalStateException("policy crashed");
                });
    var d = Driver.start(db.engine(failureSemantics(t1)), "failureSemantics");
    UUID w = d.initialized("t1");
    d.start(w);
    assertThat(db.queryLong("select count(*) from audit_rows")).isEqualTo(1);

    assertThatThrownBy(() -> d.complete(w))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("policy crashed");
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(db.queryLong("select count(*) from audit_rows")).isEqualTo(1);
  }

  /** A policy answering null is read as CONTINUE. */
  @DbTest
  void policyAnsweringNullContinues(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(failureSemantics(autoInit().withPolicy(ctx -> null))), "failureSemantics");
    UUID w = d.initialized("t1");
    d.start(w);
    d.complete(w);
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
  }

  /**
   * D11 with D1: the only-enabled XOR-join task whose work item is canceled starts (consuming one
   * of its two tokens), completes, and is enabled again for the token left.
   */
  @DbTest
  void policyCompleteOnEnabledXorJoinConsumesOneToken(TestDatabase db) {
    var net =
        Builder.workflow("xorD11")
            .startCondition("start")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("J", autoInit().withJoinType(JoinType.XOR))
            .task("K", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C"))
            .connectTask("B", to -> to.task("J"))
            .connectTask("C", to -> to.task("J"))
            .connectTask("J", to -> to.task("K"))
            .connectTask("K", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "xorD11");
    d.fire("A");
    d.fire("B");
    d.fire("C");
    assertThat(d.marked()).containsOnly(entry("B__to__J", 1), entry("C__to__J", 1));

    d.cmd().cancelWorkItem(d.initialized("J"));
    assertThat(d.marked()).containsOnly(entry("C__to__J", 1), entry("J__to__K", 1));
    assertThat(d.task("J")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("J")).isEqualTo(2);
    assertThat(d.enabled()).containsExactly("J", "K");
  }

  /** An exception thrown while a workflow initializes leaves no trace of it. */
  @DbTest
  void exceptionDuringInitializationCreatesNothing(TestDatabase db) {
    var t1 =
        Builder.task(Builder.workItem("noop"))
            .onEnabled(
                ctx -> {
                  ctx.workItem().initialize();
                  throw new IllegalStateException("cannot enable");
                });
    var engine = db.engine(failureSemantics(t1));
    assertThatThrownBy(() -> Driver.start(engine, "failureSemantics"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();
    assertThat(db.queryLong("select count(*) from tq_work_item")).isZero();
  }
}

package dev.tasquencer.conformance;

import static dev.tasquencer.conformance.CompositeNets.child;
import static dev.tasquencer.conformance.CompositeNets.childWorkflow;
import static dev.tasquencer.conformance.CompositeNets.oneTask;
import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tasquencer.api.CompositeTaskPolicy;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Other ways out of nested workflows: cancellation regions, deferred choice and workflow completion
 * tearing composites down, composite policies that fail or throw, cascades that run inside a root's
 * initialization, explicit cancellation of a grandchild, and the rollback of a whole call when user
 * code throws at the deepest level.
 */
class NestedExitsAndRollbackTest {

  /**
   * A cancellation region canceling a started composite tears its children down (no policy): the
   * running child is canceled with its work item; the region's owner goes on.
   */
  @DbTest
  void cancellationRegionCancelsRunningComposite(TestDatabase db) {
    var log = new ActivityLog();
    var sub =
        log.workflowHooks(Builder.workflow("sub"), "sub")
            .startCondition("start")
            .task("subT1", log.task("subT1", log.workItem("subW"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("subT1"))
            .connectTask("subT1", to -> to.condition("end"));
    var net =
        Builder.workflow("region")
            .startCondition("start")
            .task("split", autoInit())
            .task("owner", autoInit())
            .compositeTask("comp", log.compositeTask("comp", sub, 2))
            .endCondition("end")
            .connectCondition("start", to -> to.task("split"))
            .connectTask("split", to -> to.task("owner").task("comp"))
            .connectTask("owner", to -> to.condition("end"))
            .connectTask("comp", to -> to.condition("end"))
            .withCancellationRegion("owner", r -> r.task("comp"))
            .build();
    var d = Driver.start(db.engine(net), "region");
    d.fire("split");
    var running = child(d, "comp", 0);
    var idle = child(d, "comp", 1);
    UUID w = running.initialized("subT1");
    running.start(w);
    log.clear();

    d.fire("owner");
    assertThat(d.task("comp")).isEqualTo(TaskState.CANCELED);
    assertThat(running.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(running.q().workItemState(w)).isEqualTo(WorkItemState.CANCELED);
    assertThat(idle.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(idle.task("subT1")).isEqualTo(TaskState.DISABLED);
    assertThat(log.all()).noneMatch(e -> e.contains(".policy["));
    assertThat(log.all()).endsWith("comp.onCanceled");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * Deferred choice between two composites: starting a child of one starts it, consumes the shared
   * token, and the pass withdraws the other, whose children are canceled; their work items can no
   * longer start.
   */
  @DbTest
  void deferredChoiceBetweenComposites(TestDatabase db) {
    var net =
        Builder.workflow("choice")
            .startCondition("start")
            .compositeTask(
                "left",
                Builder.compositeTask(childWorkflow())
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .compositeTask(
                "right",
                Builder.compositeTask(oneTask("RightChild", "task1"))
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("left").task("right"))
            .connectTask("left", to -> to.condition("end"))
            .connectTask("right", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "choice");
    assertThat(d.enabled()).containsExactly("left", "right");
    var right = child(d, "right", 0);
    var left = child(d, "left", 0);
    UUID lw = left.initialized("task1");

    right.start(right.initialized("task1"));
    assertThat(d.task("right")).isEqualTo(TaskState.STARTED);
    assertThat(d.task("left")).isEqualTo(TaskState.DISABLED);
    assertThat(left.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(left.q().workItemState(lw)).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.marked()).isEmpty();
    assertThatThrownBy(() -> left.start(lw)).isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.task("right")).isEqualTo(TaskState.STARTED);
  }

  /**
   * A workflow that completes while one of its composites is still started cancels that composite
   * (as any started task) and, with it, the composite's running child.
   */
  @DbTest
  void workflowCompletionCancelsRunningComposite(TestDatabase db) {
    var net =
        Builder.workflow("race")
            .startCondition("start")
            .task("split", autoInit())
            .task("fast", autoInit())
            .compositeTask(
                "slow",
                Builder.compositeTask(childWorkflow())
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("split"))
            .connectTask("split", to -> to.task("fast").task("slow"))
            .connectTask("fast", to -> to.condition("end"))
            .connectTask("slow", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "race");
    d.fire("split");
    var c = child(d, "slow", 0);
    UUID w = c.initialized("task1");
    c.start(w);
    d.fire("fast");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("slow")).isEqualTo(TaskState.CANCELED);
    assertThat(c.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(c.q().workItemState(w)).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /**
   * A composite policy may fail the composite on a completed child; the failure then propagates as
   * any other (the composite fails, its workflow fails, the other children are canceled).
   */
  @DbTest
  void compositePolicyFailingOnCompletion(TestDatabase db) {
    CompositeTaskPolicy failOnCompleted =
        ctx ->
            ctx.transition().nextState() == WorkflowState.COMPLETED
                ? PolicyResult.FAIL
                : PolicyResult.CONTINUE;
    var net =
        Builder.workflow("strict")
            .startCondition("start")
            .compositeTask(
                "comp",
                Builder.compositeTask(childWorkflow())
                    .onEnabled(
                        ctx -> {
                          ctx.workflow().initialize();
                          ctx.workflow().initialize();
                        })
                    .withPolicy(failOnCompleted))
            .endCondition("end")
            .connectCondition("start", to -> to.task("comp"))
            .connectTask("comp", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "strict");
    var first = child(d, "comp", 0);
    var second = child(d, "comp", 1);
    first.fire("task1");
    assertThat(first.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(second.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("comp")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
  }

  /**
   * A checked exception from a composite policy is wrapped in UserCodeException and rolls back the
   * whole call, including the child's completion.
   */
  @DbTest
  void compositePolicyExceptionRollsBack(TestDatabase db) {
    var net =
        Builder.workflow("crashing")
            .startCondition("start")
            .compositeTask(
                "comp",
                Builder.compositeTask(childWorkflow())
                    .onEnabled(ctx -> ctx.workflow().initialize())
                    .withPolicy(
                        ctx -> {
                          throw new Exception("policy crashed");
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("comp"))
            .connectTask("comp", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "crashing");
    var c = child(d, "comp", 0);
    UUID w = c.initialized("task1");
    c.start(w);
    assertThatThrownBy(() -> c.complete(w))
        .isInstanceOf(UserCodeException.class)
        .hasRootCauseMessage("policy crashed");
    assertThat(c.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    assertThat(c.task("task1")).isEqualTo(TaskState.STARTED);
    assertThat(c.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.task("comp")).isEqualTo(TaskState.STARTED);
    assertThat(d.q().stats(d.id, "comp").started()).isEqualTo(1);
  }

  /**
   * A failure cascade inside the root's initialization: the composite's child auto-starts (which
   * starts the composite and the root, and withdraws the root's enabled sibling that shared the
   * start token) and auto-fails; the child, the composite and the root fail, all in the one
   * initializeRootWorkflow call, and nothing is enabled afterwards.
   */
  @DbTest
  void nestedAutoFailureDuringInitialization(TestDatabase db) {
    var log = new ActivityLog();
    var sub =
        log.workflowHooks(Builder.workflow("sub"), "sub")
            .startCondition("start")
            .task(
                "subT1",
                Builder.task(
                        Builder.workItem("auto")
                            .onInitialized(ctx -> ctx.workItem().start())
                            .onStarted(ctx -> ctx.workItem().fail()))
                    .onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("subT1"))
            .connectTask("subT1", to -> to.condition("end"));
    var net =
        log.workflowHooks(Builder.workflow("root"), "root")
            .startCondition("start")
            .task("T", log.task("T", log.workItem("TW"), 1))
            .compositeTask("C", log.compositeTask("C", sub, 1))
            .task("after", log.task("after", log.workItem("afterW"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("T").task("C"))
            .connectTask("T", to -> to.task("after"))
            .connectTask("C", to -> to.task("after"))
            .connectTask("after", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "root");
    var c = child(d, "C", 0);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("C")).isEqualTo(TaskState.FAILED);
    assertThat(c.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(c.wiStates("subT1")).containsExactly(WorkItemState.FAILED);
    assertThat(d.task("T")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("T")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("after")).isEqualTo(TaskState.DISABLED);
    assertThat(d.generation("after")).isZero();
    assertThat(log.all())
        .containsExactly(
            "root.onInitialized",
            "T.onEnabled",
            "TW.onInitialized",
            "C.onEnabled",
            "sub.onInitialized",
            // the child's auto-start: ancestors first; C's start withdraws T
            "root.onStarted",
            "TW.onCanceled",
            "T.onWorkItemStateChanged[initialized->canceled]",
            "T.onDisabled",
            "C.onStarted",
            "sub.onStarted",
            "C.onWorkflowStateChanged[initialized->started]",
            // the auto-fail climbs
            "sub.onFailed",
            "C.onWorkflowStateChanged[started->failed]",
            "C.policy[started->failed]=FAIL",
            "C.onFailed",
            "root.onFailed");
  }

  /**
   * Cancellation never bubbles up, at any depth: an explicit cancel of a started grandchild is
   * reported to its composite, whose default policy (every child final) completes it; the
   * completion climbs to the root, and nothing above the grandchild ends canceled.
   */
  @DbTest
  void explicitGrandchildCancelCompletesEveryLevelAbove(TestDatabase db) {
    var log = new ActivityLog();
    NestedActivityOrderTest.Levels l = NestedActivityOrderTest.upToGrandchild(db, log);
    UUID qw = l.g().initialized("Q");
    l.g().start(qw);
    log.clear();

    l.r().cmd().cancelWorkflow(l.g().id);
    assertThat(l.g().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(l.g().q().workItemState(qw)).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.k().task("KC")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.k().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.r().task("C")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.r().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(log.all())
        .containsExactly(
            "QW.onCanceled",
            "Q.onWorkItemStateChanged[started->canceled]",
            "Q.onCanceled",
            "G.onCanceled",
            "KC.onWorkflowStateChanged[started->canceled]",
            "KC.policy[started->canceled]=COMPLETE",
            "KC.onCompleted",
            "K.onCompleted",
            "C.onWorkflowStateChanged[started->completed]",
            "C.policy[started->completed]=COMPLETE",
            "C.onCompleted",
            "R.onCompleted");
  }

  /**
   * Children created in the composite's onStarted, during the upward start cascade of its first
   * child, may auto-start at once; the composite is started only once.
   */
  @DbTest
  void childCreatedInOnStartedAutoStartsWithinTheCascade(TestDatabase db) {
    var log = new ActivityLog();
    var auto =
        Builder.workflow("auto")
            .startCondition("start")
            .task(
                "a1",
                Builder.task(Builder.workItem("aw").onInitialized(ctx -> ctx.workItem().start()))
                    .onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("a1"))
            .connectTask("a1", to -> to.condition("end"));
    var net =
        Builder.workflow("root")
            .startCondition("start")
            .dynamicCompositeTask(
                "C",
                Builder.dynamicCompositeTask(childWorkflow(), auto)
                    .onEnabled(ctx -> ctx.workflow().initialize("ChildWorkflow", null))
                    .onStarted(
                        ctx -> {
                          log.add("C.onStarted");
                          ctx.workflow().initialize("auto", null);
                        })
                    .onWorkflowStateChanged(
                        ctx ->
                            log.add(
                                "C.onWorkflowStateChanged "
                                    + ctx.workflow().name()
                                    + " "
                                    + ctx.workflow().prevState()
                                    + "->"
                                    + ctx.workflow().nextState())))
            .endCondition("end")
            .connectCondition("start", to -> to.task("C"))
            .connectTask("C", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "root");
    var first = child(d, "C", 0);
    first.start(first.initialized("task1"));
    var second = child(d, "C", 1);
    assertThat(second.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(second.wiStates("a1")).containsExactly(WorkItemState.STARTED);
    assertThat(first.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(log.all())
        .containsExactly(
            "C.onStarted",
            "C.onWorkflowStateChanged auto INITIALIZED->STARTED",
            "C.onWorkflowStateChanged ChildWorkflow INITIALIZED->STARTED");
    assertThat(d.q().stats(d.id, "C")).isEqualTo(new TaskStats(2, 0, 2, 0, 0, 0));
  }

  // ------------------------------------------------------------------------------ rollback

  /**
   * R → C → K → KC → G → Q, where every level writes a row into the domain table {@code trail} from
   * its hooks, and the grandchild's hooks throw while {@code crash} says so.
   */
  static WorkflowDefinition writingTree(AtomicReference<String> crash) {
    var g =
        Builder.workflow("G")
            .startCondition("start")
            .task(
                "Q",
                Builder.task(
                        Builder.workItem("QW")
                            .onStarted(
                                ctx -> {
                                  note(ctx.db(), "QW started");
                                  if ("QW.onStarted".equals(crash.get())) {
                                    throw new IllegalStateException("grandchild crashed");
                                  }
                                }))
                    .onEnabled(ctx -> ctx.workItem().initialize())
                    .onStarted(ctx -> note(ctx.db(), "Q started")))
            .endCondition("end")
            .connectCondition("start", to -> to.task("Q"))
            .connectTask("Q", to -> to.condition("end"))
            .onStarted(ctx -> note(ctx.db(), "G started"))
            .onCanceled(
                ctx -> {
                  note(ctx.db(), "G canceled");
                  if ("G.onCanceled".equals(crash.get())) {
                    throw new IllegalStateException("grandchild crashed");
                  }
                });
    var k =
        Builder.workflow("K")
            .startCondition("start")
            .compositeTask(
                "KC",
                Builder.compositeTask(g)
                    .onEnabled(ctx -> ctx.workflow().initialize())
                    .onStarted(ctx -> note(ctx.db(), "KC started"))
                    .onCanceled(ctx -> note(ctx.db(), "KC canceled")))
            .endCondition("end")
            .connectCondition("start", to -> to.task("KC"))
            .connectTask("KC", to -> to.condition("end"))
            .onStarted(ctx -> note(ctx.db(), "K started"));
    return Builder.workflow("R")
        .startCondition("start")
        .compositeTask(
            "C",
            Builder.compositeTask(k)
                .onEnabled(ctx -> ctx.workflow().initialize())
                .onStarted(ctx -> note(ctx.db(), "C started"))
                .onCanceled(ctx -> note(ctx.db(), "C canceled")))
        .endCondition("end")
        .connectCondition("start", to -> to.task("C"))
        .connectTask("C", to -> to.condition("end"))
        .onStarted(ctx -> note(ctx.db(), "R started"))
        .onCanceled(ctx -> note(ctx.db(), "R canceled"))
        .build();
  }

  static void createTrail(TestDatabase db) {
    db.sql(
        "create table trail (id bigint generated always as identity primary key, note"
            + " varchar(40))");
  }

  static void note(Db db, String text) {
    db.update("insert into trail (note) values (?)", text);
  }

  /**
   * An exception in a grandchild's hook rolls back the whole call, including what the upward start
   * cascade did at every level above: states, markings, counters and domain writes. The same call
   * succeeds once the hook stops throwing.
   */
  @DbTest
  void exceptionInGrandchildHookRollsBackTheStartCascade(TestDatabase db) {
    createTrail(db);
    var crash = new AtomicReference<>("QW.onStarted");
    var r = Driver.start(db.engine(writingTree(crash)), "R");
    var k = child(r, "C", 0);
    var g = child(k, "KC", 0);
    UUID qw = g.initialized("Q");

    assertThatThrownBy(() -> g.start(qw))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("grandchild crashed");
    assertThat(db.queryLong("select count(*) from trail")).isZero();
    assertThat(List.of(r.state(), k.state(), g.state())).containsOnly(WorkflowState.INITIALIZED);
    assertThat(r.task("C")).isEqualTo(TaskState.ENABLED);
    assertThat(k.task("KC")).isEqualTo(TaskState.ENABLED);
    assertThat(g.task("Q")).isEqualTo(TaskState.ENABLED);
    assertThat(g.q().workItemState(qw)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(r.marked()).containsOnly(entry("start", 1));
    assertThat(k.marked()).containsOnly(entry("start", 1));
    assertThat(g.marked()).containsOnly(entry("start", 1));
    assertThat(r.q().stats(r.id, "C").initialized()).isEqualTo(1);
    assertThat(k.q().stats(k.id, "KC").initialized()).isEqualTo(1);

    crash.set(null);
    g.start(qw);
    assertThat(db.rows("select note from trail order by id").stream().map(x -> x.get(0)).toList())
        .containsExactly(
            "R started",
            "C started",
            "K started",
            "KC started",
            "G started",
            "Q started",
            "QW started");
    assertThat(List.of(r.state(), k.state(), g.state())).containsOnly(WorkflowState.STARTED);
  }

  /**
   * An exception in a grandchild's hook during the teardown of a root cancel rolls the cancel back
   * at every level: the root, already marked canceled when the teardown began, is started again.
   */
  @DbTest
  void exceptionInGrandchildHookRollsBackTheRootCancel(TestDatabase db) {
    createTrail(db);
    var crash = new AtomicReference<String>();
    var r = Driver.start(db.engine(writingTree(crash)), "R");
    var k = child(r, "C", 0);
    var g = child(k, "KC", 0);
    UUID qw = g.initialized("Q");
    g.start(qw);
    long before = db.queryLong("select count(*) from trail");
    crash.set("G.onCanceled");

    assertThatThrownBy(() -> r.cmd().cancelWorkflow(r.id))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("grandchild crashed");
    assertThat(db.queryLong("select count(*) from trail")).isEqualTo(before);
    assertThat(List.of(r.state(), k.state(), g.state())).containsOnly(WorkflowState.STARTED);
    assertThat(r.task("C")).isEqualTo(TaskState.STARTED);
    assertThat(k.task("KC")).isEqualTo(TaskState.STARTED);
    assertThat(g.task("Q")).isEqualTo(TaskState.STARTED);
    assertThat(g.q().workItemState(qw)).isEqualTo(WorkItemState.STARTED);

    crash.set(null);
    r.cmd().cancelWorkflow(r.id);
    assertThat(List.of(r.state(), k.state(), g.state())).containsOnly(WorkflowState.CANCELED);
    assertThat(db.rows("select note from trail order by id").stream().map(x -> x.get(0)).toList())
        .endsWith("G canceled", "KC canceled", "C canceled", "R canceled");
  }
}

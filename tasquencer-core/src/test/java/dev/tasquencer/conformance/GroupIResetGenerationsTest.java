package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.TaskNotFoundException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Conformance group I: reset, re-enabling after completion, and generations. A task is enabled
 * again whenever it is not started and its join holds (D15), as a new generation with new work
 * items; queries of work items show the latest generation.
 */
class GroupIResetGenerationsTest {

  /** The reset nets: start → t1 → t2 → end; t1 as given. */
  static WorkflowDefinition resetNet(TaskBuilder t1) {
    return Builder.workflow("reset")
        .startCondition("start")
        .task("t1", t1)
        .task("t2", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2"))
        .connectTask("t2", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-084 net: start → a (XOR split and join, counts its enablements) → postA the first time, end
   * later; postA → {a, b}; b → end.
   */
  static WorkflowDefinition enableAfterCompletion(AtomicInteger aEnabled) {
    return Builder.workflow("enable-after-completion")
        .startCondition("start")
        .condition("postA")
        .task(
            "a",
            Builder.task(Builder.workItem("noop"))
                .withSplitType(SplitType.XOR)
                .withJoinType(JoinType.XOR)
                .onEnabled(
                    ctx -> {
                      aEnabled.incrementAndGet();
                      ctx.workItem().initialize();
                    }))
        .task("b", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask(
            "a",
            to ->
                to.condition("postA")
                    .condition("end")
                    .route(
                        ctx ->
                            aEnabled.get() == 1
                                ? ctx.toCondition("postA")
                                : ctx.toCondition("end")))
        .connectCondition("postA", to -> to.task("a").task("b"))
        .connectTask("b", to -> to.condition("end"))
        .build();
  }

  /** CS-085 net: start → a → {b, postAB}; b → postAB; postAB → c → d → end. */
  static WorkflowDefinition twoPendingTokens() {
    return Builder.workflow("two-pending")
        .startCondition("start")
        .condition("postAB")
        .task("a", autoInit())
        .task("b", autoInit())
        .task("c", autoInit())
        .task("d", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("b").condition("postAB"))
        .connectTask("b", to -> to.condition("postAB"))
        .connectCondition("postAB", to -> to.task("c"))
        .connectTask("c", to -> to.task("d"))
        .connectTask("d", to -> to.condition("end"))
        .build();
  }

  /** CS-086 net: start → t1 → {t2, t3}; t2 → t3; t3 (XOR-join) → t4 → end. */
  static WorkflowDefinition xorRestart() {
    return Builder.workflow("restart")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .task("t3", autoInit().withJoinType(JoinType.XOR))
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t3"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-087 net: start → loop (XOR split and join, counts enablements) → mid the first time, end
   * later; mid → {loop, midTask}; midTask → end.
   */
  static WorkflowDefinition generationLoop(AtomicInteger counter) {
    return Builder.workflow("generation-query-test")
        .startCondition("start")
        .condition("mid")
        .task(
            "loop",
            Builder.task(Builder.workItem("noop"))
                .withSplitType(SplitType.XOR)
                .withJoinType(JoinType.XOR)
                .onEnabled(
                    ctx -> {
                      counter.incrementAndGet();
                      ctx.workItem().initialize();
                    }))
        .task("midTask", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("loop"))
        .connectTask(
            "loop",
            to ->
                to.condition("mid")
                    .condition("end")
                    .route(
                        ctx ->
                            counter.get() == 1 ? ctx.toCondition("mid") : ctx.toCondition("end")))
        .connectCondition("mid", to -> to.task("loop").task("midTask"))
        .connectTask("midTask", to -> to.condition("end"))
        .build();
  }

  // ------------------------------------------------------------------ reset

  /** CS-074 / CS-075: reset returns a started item to initialized; it can start again. */
  @DbTest
  void resetAndStartAgain(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    d.start(w);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    d.cmd().resetWorkItem(w);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
    d.start(w);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
  }

  /** CS-077: reset runs onReset, whose context names the work item. */
  @DbTest
  void resetRunsOnReset(TestDatabase db) {
    var seen = new CopyOnWriteArrayList<UUID>();
    var item =
        Builder.workItem("activityReset")
            .onInitialized(ctx -> ctx.workItem().start())
            .onReset(ctx -> seen.add(ctx.workItem().id()));
    var d =
        Driver.start(
            db.engine(resetNet(Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))),
            "reset");
    UUID w = d.wi("t1").get(0).id();
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    assertThat(seen).isEmpty();

    d.cmd().resetWorkItem(w);
    assertThat(seen).containsExactly(w);
  }

  /** CS-078: reset from initialized is rejected with the states involved. */
  @DbTest
  void resetFromInitializedIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    assertThatThrownBy(() -> d.cmd().resetWorkItem(w))
        .isInstanceOfSatisfying(
            WorkItemInvalidStateException.class,
            e -> {
              assertThat(e.currentState()).isEqualTo("initialized");
              assertThat(e.allowedFrom()).containsExactly("started");
            });
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
  }

  /** CS-080: reset from failed is rejected. */
  @DbTest
  void resetFromFailedIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    d.start(w);
    d.cmd().failWorkItem(w);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThatThrownBy(() -> d.cmd().resetWorkItem(w))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.FAILED);
  }

  /** CS-081: reset from canceled is rejected. */
  @DbTest
  void resetFromCanceledIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    d.start(w);
    d.cmd().cancelWorkItem(w);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.CANCELED);
    assertThatThrownBy(() -> d.cmd().resetWorkItem(w))
        .isInstanceOf(WorkItemInvalidStateException.class);
  }

  /** Reset from completed is rejected too. */
  @DbTest
  void resetFromCompletedIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    d.start(w);
    d.complete(w);
    assertThatThrownBy(() -> d.cmd().resetWorkItem(w))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
  }

  /** CS-082 / CS-083: several reset cycles keep the task started; then it completes normally. */
  @DbTest
  void resetCyclesKeepTaskStarted(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    UUID w = d.initialized("t1");
    for (int i = 0; i < 2; i++) {
      d.start(w);
      assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
      d.cmd().resetWorkItem(w);
      assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
      assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    }
    d.start(w);
    d.complete(w);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("t1")).isEqualTo(1);
    assertThat(d.enabled()).containsExactly("t2");
  }

  /**
   * §6.3 J: reset runs the reset action (with its payload), onReset, then the task's
   * onWorkItemStateChanged[started->initialized]; no policy. Starting again does not start the task
   * again (no second onStarted).
   */
  @DbTest
  void activityOrderOfReset(TestDatabase db) {
    var log = new ActivityLog();
    var item =
        log.workItem("W")
            .withActions(
                Builder.workItemActions()
                    .reset(
                        String.class, (ctx, reason) -> log.add("W.resetAction(" + reason + ")")));
    var d = Driver.start(db.engine(resetNet(log.task("T", item, 1))), "reset");
    UUID w = d.initialized("t1");
    d.start(w);
    log.clear();

    d.cmd().resetWorkItem(w, "try again");
    assertThat(log.all())
        .containsExactly(
            "W.resetAction(try again)",
            "W.onReset",
            "T.onWorkItemStateChanged[started->initialized]");

    log.clear();
    d.start(w);
    assertThat(log.all())
        .containsExactly("W.onStarted", "T.onWorkItemStateChanged[initialized->started]");
  }

  // ------------------------------------------------------------------ re-enabling, generations

  /**
   * CS-084: a re-enables itself through postA (new generation); b's start consumes postA, which
   * withdraws a's latest generation.
   */
  @DbTest
  void taskReEnablesThroughLoopThenChoiceWithdrawsIt(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(enableAfterCompletion(new AtomicInteger())), "enable-after-completion");
    assertThat(d.enabled()).containsExactly("a");
    assertThat(d.wiStates("a")).containsExactly(WorkItemState.INITIALIZED);

    d.fire("a");
    assertThat(d.enabled()).containsExactly("a", "b");
    assertThat(d.generation("a")).isEqualTo(2);

    d.start(d.initialized("b"));
    assertThat(d.wiStates("a")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("a")).isEqualTo(TaskState.DISABLED);

    d.complete(d.wi("b").get(0).id());
    assertThat(d.enabled()).isEmpty();
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-085 (D1, D15): c is not enabled twice for two tokens; after completing, it is enabled again
   * because postAB still holds a token.
   */
  @DbTest
  void taskWithTwoPendingTokensRunsTwice(TestDatabase db) {
    var d = Driver.start(db.engine(twoPendingTokens()), "two-pending");
    assertThat(d.enabled()).containsExactly("a");
    d.fire("a");
    assertThat(d.enabled()).containsExactly("b", "c");

    d.fire("b");
    assertThat(d.wiStates("c")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.generation("c")).isEqualTo(1);
    assertThat(d.enabled()).containsExactly("c");
    assertThat(d.marked()).containsOnly(entry("postAB", 2));

    d.fire("c");
    assertThat(d.enabled()).containsExactly("c", "d");
    assertThat(d.generation("c")).isEqualTo(2);
    assertThat(d.marked()).containsOnly(entry("postAB", 1), entry("c__to__d", 1));
  }

  /** CS-086: a token arriving at the XOR-join t3 while it is started makes it run again. */
  @DbTest
  void xorJoinTaskRestartsAfterCompletion(TestDatabase db) {
    var d = Driver.start(db.engine(xorRestart()), "restart");
    assertThat(d.enabled()).containsExactly("t1");
    d.fire("t1");
    assertThat(d.enabled()).containsExactly("t2", "t3");

    UUID t3 = d.initialized("t3");
    d.start(t3);
    d.fire("t2");
    assertThat(d.task("t3")).isEqualTo(TaskState.STARTED);

    d.complete(t3);
    assertThat(d.enabled()).containsExactly("t3", "t4");
    assertThat(d.generation("t3")).isEqualTo(2);
  }

  /** CS-089 [LEGACY]: the snapshot after CS-086's run; the first generation's item completed. */
  @DbTest
  void xorJoinRestartMarkings(TestDatabase db) {
    var d = Driver.start(db.engine(xorRestart()), "restart");
    d.fire("t1");
    UUID t3 = d.initialized("t3");
    d.start(t3);
    d.fire("t2");
    d.complete(t3);

    assertThat(d.marked()).containsOnly(entry("t2__to__t3", 1), entry("t3__to__t4", 1));
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2");
    assertThat(d.enabled()).containsExactly("t3", "t4");
    assertThat(d.q().workItems(d.id, "t3", 1))
        .extracting("state")
        .containsExactly(WorkItemState.COMPLETED);
    assertThat(d.wiStates("t3")).containsExactly(WorkItemState.INITIALIZED);
  }

  /** CS-087: work item queries return the latest generation only; older ones stay queryable. */
  @DbTest
  void workItemQueriesShowLatestGeneration(TestDatabase db) {
    var d = Driver.start(db.engine(generationLoop(new AtomicInteger())), "generation-query-test");
    assertThat(d.wi("loop")).hasSize(1);
    UUID w1 = d.wi("loop").get(0).id();
    d.start(w1);
    d.complete(w1);

    assertThat(d.wi("loop")).hasSize(1);
    assertThat(d.wi("loop").get(0).id()).isNotEqualTo(w1);
    assertThat(d.wiStates("loop")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.wi("loop").get(0).taskGeneration()).isEqualTo(2);
    assertThat(d.q().workItems(d.id, "loop", 1)).extracting("id").containsExactly(w1);
  }

  /** Each generation has its own counters; the old generation's stay as they ended. */
  @DbTest
  void countersArePerGeneration(TestDatabase db) {
    var d = Driver.start(db.engine(generationLoop(new AtomicInteger())), "generation-query-test");
    d.fire("loop");
    assertThat(d.q().stats(d.id, "loop", 1)).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
    assertThat(d.q().stats(d.id, "loop")).isEqualTo(new TaskStats(1, 1, 0, 0, 0, 0));

    // midTask's start takes mid, so loop's second generation is withdrawn
    d.start(d.initialized("midTask"));
    assertThat(d.task("loop")).isEqualTo(TaskState.DISABLED);
    assertThat(d.q().stats(d.id, "loop", 2)).isEqualTo(new TaskStats(1, 0, 0, 0, 0, 1));
    assertThat(d.q().stats(d.id, "loop", 1)).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
  }

  /**
   * Stale events (D12): items of an older generation are final, so commands on them are rejected
   * and change nothing in the current generation.
   */
  @DbTest
  void commandsOnOlderGenerationItemsAreRejected(TestDatabase db) {
    var d = Driver.start(db.engine(generationLoop(new AtomicInteger())), "generation-query-test");
    UUID w1 = d.initialized("loop");
    d.fire("loop");
    UUID w2 = d.initialized("loop");

    assertThatThrownBy(() -> d.start(w1)).isInstanceOf(WorkItemInvalidStateException.class);
    assertThatThrownBy(() -> d.complete(w1)).isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.task("loop")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("loop")).isEqualTo(2);
    assertThat(d.q().workItemState(w2)).isEqualTo(WorkItemState.INITIALIZED);
  }

  /**
   * D12 (the work item analog of CS-088): a work item can be created only while its task's current
   * generation is enabled or started; otherwise a constraint error, and nothing changes.
   */
  @DbTest
  void initializingWorkItemOfInactiveTaskIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(resetNet(autoInit())), "reset");
    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "t2", null))
        .isInstanceOf(ConstraintViolationException.class);
    d.fire("t1");
    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "t1", null))
        .isInstanceOf(ConstraintViolationException.class);
    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "nope", null))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(d.wi("t1")).hasSize(1);
    assertThat(d.wi("t2")).hasSize(1);

    // while enabled or started it works, at the current generation
    UUID extra = d.cmd().initializeWorkItem(d.id, "t2", null);
    assertThat(d.q().workItem(extra).taskGeneration()).isEqualTo(1);
    assertThat(d.wi("t2")).hasSize(2);
  }

  /** A task re-enabled as a new generation gets a new onEnabled call and new work items. */
  @DbTest
  void reEnableRunsOnEnabledAgain(TestDatabase db) {
    var counter = new AtomicInteger();
    var d = Driver.start(db.engine(generationLoop(counter)), "generation-query-test");
    assertThat(counter).hasValue(1);
    d.fire("loop");
    assertThat(counter).hasValue(2);
    assertThat(d.enabled()).containsExactly("loop", "midTask");
    d.fire("loop");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("midTask")).isEqualTo(TaskState.DISABLED);
    assertThat(List.of(d.generation("loop"), d.generation("midTask"))).containsExactly(2, 1);
  }
}

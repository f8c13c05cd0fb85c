package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.DummyTaskBuilder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;

/**
 * Conformance group K: dummy tasks. A dummy task has no work items: when its join holds it is
 * enabled, started (consuming its input) and completed in the same step, so it is never observed
 * enabled or started.
 */
class GroupKDummyTaskTest {

  /** A dummy task whose three hooks record themselves under {@code name}. */
  static DummyTaskBuilder dummy(ActivityLog log, String name) {
    return Builder.dummyTask()
        .onEnabled(ctx -> log.add(name + ".onEnabled"))
        .onStarted(ctx -> log.add(name + ".onStarted"))
        .onCompleted(ctx -> log.add(name + ".onCompleted"));
  }

  /**
   * CS-101 net: start → ⟨split⟩ → {t1, t2} → ⟨join⟩ (AND-join) → {t3, t4}, both → end. The
   * workflow's and t1/t2's hooks are recorded.
   */
  static WorkflowDefinition splitJoin(ActivityLog log) {
    return log.workflowHooks(Builder.workflow("dummies"), "R")
        .startCondition("start")
        .dummyTask("split", dummy(log, "split"))
        .task("t1", log.task("t1", log.workItem("w1"), 1))
        .task("t2", log.task("t2", log.workItem("w2"), 1))
        .dummyTask("join", dummy(log, "join"))
        .task("t3", autoInit().withJoinType(JoinType.AND))
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("t1").task("t2"))
        .connectTask("t1", to -> to.task("join"))
        .connectTask("t2", to -> to.task("join"))
        .connectTask("join", to -> to.task("t3").task("t4"))
        .connectTask("t3", to -> to.condition("end"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /** CS-101: the dummy split and join pass through at once. */
  @DbTest
  void dummySplitAndJoinPassThrough(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(splitJoin(log)), "dummies");
    assertThat(d.enabled()).containsExactly("t1", "t2");
    assertThat(d.task("split")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("split")).isEqualTo(1);
    // starting the dummy started the workflow
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);

    d.fire("t1");
    assertThat(d.task("join")).isEqualTo(TaskState.DISABLED);
    d.fire("t2");
    assertThat(d.enabled()).containsExactly("t3", "t4");
    assertThat(d.task("join")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("join__to__t3", 1), entry("join__to__t4", 1));
  }

  /**
   * A dummy's hooks run in the order onEnabled, onStarted, onCompleted, within the step that
   * enabled it; the workflow's onInitialized still comes first (D8) and its onStarted comes with
   * the dummy's start.
   */
  @DbTest
  void dummyHooksRunInOrderDuringInitialization(TestDatabase db) {
    var log = new ActivityLog();
    Driver.start(db.engine(splitJoin(log)), "dummies");
    assertThat(log.all())
        .containsExactly(
            "R.onInitialized",
            "split.onEnabled",
            "R.onStarted",
            "split.onStarted",
            "split.onCompleted",
            "t1.onEnabled",
            "w1.onInitialized",
            "t2.onEnabled",
            "w2.onInitialized");
  }

  /**
   * A net of only a dummy completes inside the initialization call; D8 puts onInitialized first
   * (the original ran it last, after onCompleted, 12.8).
   */
  @DbTest
  void workflowOfOnlyADummyCompletesDuringInitialization(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        log.workflowHooks(Builder.workflow("passThrough"), "R")
            .startCondition("start")
            .dummyTask("d", dummy(log, "d"))
            .endCondition("end")
            .connectCondition("start", to -> to.task("d"))
            .connectTask("d", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "passThrough");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(log.all())
        .containsExactly(
            "R.onInitialized",
            "d.onEnabled",
            "R.onStarted",
            "d.onStarted",
            "d.onCompleted",
            "R.onCompleted");
  }

  /** A dummy XOR split routes like any task. */
  @DbTest
  void dummyXorSplitRoutes(TestDatabase db) {
    var net =
        Builder.workflow("dummyXor")
            .startCondition("start")
            .dummyTask("choose", Builder.dummyTask().withSplitType(SplitType.XOR))
            .task("a", autoInit())
            .task("b", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("choose"))
            .connectTask("choose", to -> to.task("a").task("b").route(ctx -> ctx.toTask("b")))
            .connectTask("a", to -> to.condition("end"))
            .connectTask("b", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "dummyXor");
    assertThat(d.enabled()).containsExactly("b");
    assertThat(d.marked()).containsOnly(entry("choose__to__b", 1));
  }

  /** A dummy XOR-join fires once per arriving token (D1 multi-merge). */
  @DbTest
  void dummyXorJoinFiresOncePerToken(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        Builder.workflow("dummyMerge")
            .startCondition("start")
            .task("a", autoInit())
            .task("b", autoInit())
            .task("c", autoInit())
            .dummyTask("merge", dummy(log, "merge").withJoinType(JoinType.XOR))
            .task("k", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("a"))
            .connectTask("a", to -> to.task("b").task("c"))
            .connectTask("b", to -> to.task("merge"))
            .connectTask("c", to -> to.task("merge"))
            .connectTask("merge", to -> to.task("k"))
            .connectTask("k", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "dummyMerge");
    d.fire("a");
    d.fire("b");
    assertThat(d.marked()).containsOnly(entry("a__to__c", 1), entry("merge__to__k", 1));
    d.fire("c");
    assertThat(d.marked()).containsOnly(entry("merge__to__k", 2));
    assertThat(d.generation("merge")).isEqualTo(2);
    assertThat(log.of("merge"))
        .containsExactly(
            "onEnabled", "onStarted", "onCompleted", "onEnabled", "onStarted", "onCompleted");
  }

  /**
   * A dummy in a deferred choice always wins: declared after t1, it is enabled in the same pass,
   * starts at once and takes the token, so t1 is withdrawn (its work item canceled).
   */
  @DbTest
  void dummyWinsDeferredChoice(TestDatabase db) {
    var net =
        Builder.workflow("dummyChoice")
            .startCondition("start")
            .task("t1", autoInit())
            .dummyTask("skip", Builder.dummyTask())
            .task("after", autoInit().withJoinType(JoinType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t1").task("skip"))
            .connectTask("t1", to -> to.task("after"))
            .connectTask("skip", to -> to.task("after"))
            .connectTask("after", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "dummyChoice");
    assertThat(d.task("skip")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t1")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.enabled()).containsExactly("after");
  }
}

package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static dev.tasquencer.testing.Nets.noInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * Conformance group D: deferred choice. Tasks sharing an input are all enabled; the first to START
 * consumes the token and the next enablement pass withdraws the others (D15), which cancels their
 * work items without a policy call.
 */
class GroupDDeferredChoiceTest {

  /** CS-039 net: start → {t1, t2}; t1 → t1_a; t2 → t2_a; both → end. */
  static WorkflowDefinition deferredChoice(TaskBuilder branch, TaskBuilder after) {
    return Builder.workflow("deferred-choice")
        .startCondition("start")
        .task("t1", branch)
        .task("t2", branch)
        .task("t1_a", after)
        .task("t2_a", after)
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1").task("t2"))
        .connectTask("t1", to -> to.task("t1_a"))
        .connectTask("t2", to -> to.task("t2_a"))
        .connectTask("t1_a", to -> to.condition("end"))
        .connectTask("t2_a", to -> to.condition("end"))
        .build();
  }

  /** Net with two tokens in the shared condition c: split → {x, y} → c → {t1, t2} → end. */
  static WorkflowDefinition twoTokens() {
    return Builder.workflow("twoTokens")
        .startCondition("start")
        .condition("c")
        .task("split", autoInit())
        .task("x", autoInit())
        .task("y", autoInit())
        .task("t1", autoInit())
        .task("t2", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("x").task("y"))
        .connectTask("x", to -> to.condition("c"))
        .connectTask("y", to -> to.condition("c"))
        .connectCondition("c", to -> to.task("t1").task("t2"))
        .connectTask("t1", to -> to.condition("end"))
        .connectTask("t2", to -> to.condition("end"))
        .build();
  }

  /** A task whose one work item starts itself as soon as it is created. */
  static TaskBuilder autoStarting() {
    return Builder.task(Builder.workItem("auto").onInitialized(ctx -> ctx.workItem().start()))
        .onEnabled(ctx -> ctx.workItem().initialize());
  }

  /** CS-039: starting t1 withdraws t2 and cancels its work item. */
  @DbTest
  void startingOneBranchWithdrawsTheOther(TestDatabase db) {
    var d = Driver.start(db.engine(deferredChoice(autoInit(), noInit())), "deferred-choice");
    assertThat(d.enabled()).containsExactly("t1", "t2");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.INITIALIZED);

    d.start(d.initialized("t1"));
    assertThat(d.enabled()).isEmpty();
    assertThat(d.in(TaskState.DISABLED)).containsExactlyInAnyOrder("t2", "t2_a", "t1_a");
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).isEmpty();
  }

  /** The choice is symmetric: starting t2 withdraws t1. */
  @DbTest
  void startingTheSecondBranchWithdrawsTheFirst(TestDatabase db) {
    var d = Driver.start(db.engine(deferredChoice(autoInit(), autoInit())), "deferred-choice");
    d.fire("t2");
    assertThat(d.task("t1")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.enabled()).containsExactly("t2_a");
    d.fire("t2_a");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t2", "t2_a");
  }

  /** CS-040 [LEGACY]: the markings of a full run through the first branch. */
  @DbTest
  void fullRunMarkings(TestDatabase db) {
    var d = Driver.start(db.engine(deferredChoice(autoInit(), autoInit())), "deferred-choice");
    assertThat(d.marked()).containsOnly(entry("start", 1));
    assertThat(d.enabled()).containsExactly("t1", "t2");

    d.fire("t1");
    assertThat(d.marked()).containsOnly(entry("t1__to__t1_a", 1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t1_a")).isEqualTo(TaskState.ENABLED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);

    d.fire("t1_a");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("t2_a")).isEqualTo(TaskState.DISABLED);
  }

  /**
   * §6.3 I: on T1's start the shared token is consumed and T2 is withdrawn (its work item's
   * onCanceled, T2's onWorkItemStateChanged, T2's onDisabled, no policy) before T1's onStarted.
   */
  @DbTest
  void activityOrderOfWithdrawal(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        log.workflowHooks(Builder.workflow("choice"), "R")
            .startCondition("start")
            .task("T1", log.task("T1", log.workItem("W1"), 1))
            .task("T2", log.task("T2", log.workItem("W2"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("T1").task("T2"))
            .connectTask("T1", to -> to.condition("end"))
            .connectTask("T2", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "choice");
    log.clear();

    d.start(d.initialized("T1"));
    assertThat(log.all())
        .containsExactly(
            "R.onStarted",
            "W2.onCanceled",
            "T2.onWorkItemStateChanged[initialized->canceled]",
            "T2.onDisabled",
            "T1.onStarted",
            "W1.onStarted",
            "T1.onWorkItemStateChanged[initialized->started]");
  }

  /** With two tokens in the shared condition, one start leaves the other branch enabled. */
  @DbTest
  void secondTokenLeavesOtherBranchEnabled(TestDatabase db) {
    var d = Driver.start(db.engine(twoTokens()), "twoTokens");
    d.fire("split");
    d.fire("x");
    assertThat(d.enabled()).containsExactly("y", "t1", "t2");
    d.fire("y");
    assertThat(d.marked()).containsOnly(entry("c", 2));
    // already enabled: the second token does not enable them again
    assertThat(d.generation("t1")).isEqualTo(1);
    assertThat(d.wi("t1")).hasSize(1);

    UUID w1 = d.initialized("t1");
    d.start(w1);
    assertThat(d.marked()).containsOnly(entry("c", 1));
    assertThat(d.enabled()).containsExactly("t2");
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.INITIALIZED);

    d.start(d.initialized("t2"));
    assertThat(d.marked()).isEmpty();
    assertThat(d.in(TaskState.STARTED)).containsExactly("t1", "t2");

    d.complete(w1);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.CANCELED);
  }

  /**
   * D15 with auto-start: both branches are enabled in declaration order and their work items' start
   * requests run after the pass, first come first served. t1 starts first and takes the token; the
   * next pass withdraws t2, whose queued start is then skipped (D6).
   */
  @DbTest
  void autoStartingBranchesFirstDeclaredWins(TestDatabase db) {
    var d = Driver.start(db.engine(deferredChoice(autoStarting(), noInit())), "deferred-choice");
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.STARTED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.marked()).isEmpty();
  }

  /**
   * D11 in a deferred choice: cancelling the only work item of the enabled t1 makes the default
   * policy answer COMPLETE; t1 then starts first (taking the shared token, so t2 is withdrawn) and
   * completes. The original would have completed t1 without consuming the token (12.16).
   */
  @DbTest
  void cancellingOnlyWorkItemOfEnabledBranchChoosesIt(TestDatabase db) {
    var d = Driver.start(db.engine(deferredChoice(autoInit(), autoInit())), "deferred-choice");
    d.cmd().cancelWorkItem(d.initialized("t1"));

    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("t1__to__t1_a", 1));
    assertThat(d.enabled()).containsExactly("t1_a");
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
  }

  /**
   * D2/D15: a withdrawal re-checks the join. J (XOR-join on c1 and c2) shares c1 with K; when K's
   * start empties c1, J stays enabled because c2 still holds a token. (The original disabled every
   * enabled task after an emptied condition without re-checking, 12.2.)
   */
  @DbTest
  void withdrawalRechecksTheJoin(TestDatabase db) {
    var net =
        Builder.workflow("sharedInput")
            .startCondition("start")
            .condition("c1")
            .condition("c2")
            .task("A", autoInit())
            .task("J", autoInit().withJoinType(JoinType.XOR))
            .task("K", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("c1").condition("c2"))
            .connectCondition("c1", to -> to.task("J").task("K"))
            .connectCondition("c2", to -> to.task("J"))
            .connectTask("J", to -> to.condition("end"))
            .connectTask("K", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "sharedInput");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("J", "K");
    UUID j = d.initialized("J");

    d.start(d.initialized("K"));
    assertThat(d.marked()).containsOnly(entry("c2", 1));
    assertThat(d.task("J")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("J")).isEqualTo(1);
    assertThat(d.q().workItemState(j)).isEqualTo(WorkItemState.INITIALIZED);

    // J now consumes c2, the first (and only) marked input
    d.start(j);
    assertThat(d.marked()).isEmpty();
  }

  /** With an AND-join instead, the same withdrawal disables J: its join no longer holds. */
  @DbTest
  void withdrawalDisablesAndJoinWhoseInputIsTaken(TestDatabase db) {
    var net =
        Builder.workflow("sharedInputAnd")
            .startCondition("start")
            .condition("c1")
            .condition("c2")
            .task("A", autoInit())
            .task("J", autoInit())
            .task("K", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("c1").condition("c2"))
            .connectCondition("c1", to -> to.task("J").task("K"))
            .connectCondition("c2", to -> to.task("J"))
            .connectTask("J", to -> to.condition("end"))
            .connectTask("K", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "sharedInputAnd");
    d.fire("A");
    d.start(d.initialized("K"));
    assertThat(d.task("J")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("J")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("c2", 1));
  }
}

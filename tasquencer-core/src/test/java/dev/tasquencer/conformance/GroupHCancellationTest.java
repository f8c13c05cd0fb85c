package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.CancellationRegionBuilder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Conformance group H: cancellation (non-composite scenarios), and cancellation regions. A work
 * item's cancellation never cancels its task (the policy decides); a workflow's cancellation tears
 * everything down without policies. Markings are kept after a cancellation.
 */
class GroupHCancellationTest {

  /** CS-061 net: start → t1 → end; t1 as given. */
  static WorkflowDefinition single(TaskBuilder t1) {
    return Builder.workflow("cancellationSemantics")
        .startCondition("start")
        .task("t1", t1)
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.condition("end"))
        .build();
  }

  /** CS-070 net: start → t1 → {t2, t3} → t4 (AND-join) → end; t2 and t3 with two items each. */
  static WorkflowDefinition parallel() {
    return Builder.workflow("parallel")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit(2))
        .task("t3", autoInit(2))
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /**
   * Region net, all hooks recorded: start → split → {owner, vs, ve} and condition cz → z; owner →
   * after → end; vs, ve, z → end. The owner's cancellation region is as given.
   */
  static WorkflowDefinition region(ActivityLog log, UnaryOperator<CancellationRegionBuilder> r) {
    WorkflowBuilder wf = Builder.workflow("region").startCondition("start").condition("cz");
    for (String t : List.of("split", "owner", "vs", "ve", "z", "after")) {
      wf = wf.task(t, log.task(t, log.workItem(t + "W"), 1));
    }
    return wf.endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("owner").task("vs").task("ve").condition("cz"))
        .connectCondition("cz", to -> to.task("z"))
        .connectTask("owner", to -> to.task("after"))
        .connectTask("after", to -> to.condition("end"))
        .connectTask("vs", to -> to.condition("end"))
        .connectTask("ve", to -> to.condition("end"))
        .connectTask("z", to -> to.condition("end"))
        .withCancellationRegion("owner", r)
        .build();
  }

  private static List<UUID> ids(Driver d, String task) {
    return d.wi(task).stream().map(WorkItemSnapshot::id).toList();
  }

  /** CS-061: cancelling one work item leaves its task started; the other's completion ends it. */
  @DbTest
  void workItemCancellationDoesNotBubbleUp(TestDatabase db) {
    var d = Driver.start(db.engine(single(autoInit(2))), "cancellationSemantics");
    List<UUID> w = ids(d, "t1");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.INITIALIZED).hasSize(2);
    w.forEach(d::start);

    d.cmd().cancelWorkItem(w.get(0));
    assertThat(d.q().workItemState(w.get(0))).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.q().workItemState(w.get(1))).isEqualTo(WorkItemState.STARTED);
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);

    d.complete(w.get(1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-062: a workflow cancel bypasses policies and cancels initialized items too. */
  @DbTest
  void workflowCancelBypassesPolicies(TestDatabase db) {
    var log = new ActivityLog();
    var d =
        Driver.start(
            db.engine(single(log.task("t1", log.workItem("w"), 2))), "cancellationSemantics");
    List<UUID> w = ids(d, "t1");
    d.start(w.get(0));

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED, WorkItemState.CANCELED);
    assertThat(log.all()).noneMatch(e -> e.contains(".policy["));
  }

  /**
   * CS-003's kind, §6.3 G without the composite: the cancel action runs first, then the teardown
   * (the started work item's hooks, the task's onCanceled), then the workflow's onCanceled; no
   * policy.
   */
  @DbTest
  void activityOrderOfWorkflowCancel(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        log.workflowHooks(Builder.workflow("R"), "R")
            .withActions(
                Builder.workflowActions().cancel(Void.class, (ctx, p) -> log.add("R.cancelAction")))
            .startCondition("start")
            .task("T", log.task("T", log.workItem("W"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("T"))
            .connectTask("T", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "R");
    d.start(d.initialized("T"));
    log.clear();

    d.cmd().cancelWorkflow(d.id);
    assertThat(log.all())
        .containsExactly(
            "R.cancelAction",
            "W.onCanceled",
            "T.onWorkItemStateChanged[started->canceled]",
            "T.onCanceled",
            "R.onCanceled");
  }

  /**
   * §6.3 K: an explicit cancel runs the work item's cancel action and the task's policy (which
   * continues while another item is open); a teardown cancel runs neither.
   */
  @DbTest
  void explicitCancelRunsActionAndPolicyTeardownDoesNot(TestDatabase db) {
    var log = new ActivityLog();
    var item =
        log.workItem("W")
            .withActions(
                Builder.workItemActions()
                    .cancel(Void.class, (ctx, p) -> log.add("W.cancelAction")));
    var d = Driver.start(db.engine(single(log.task("T", item, 3))), "cancellationSemantics");
    List<UUID> w = ids(d, "t1");
    d.start(w.get(0));
    d.start(w.get(1));
    log.clear();

    d.cmd().cancelWorkItem(w.get(0));
    assertThat(log.all())
        .containsExactly(
            "W.cancelAction",
            "W.onCanceled",
            "T.onWorkItemStateChanged[started->canceled]",
            "T.policy[started->canceled]=CONTINUE");

    log.clear();
    d.complete(w.get(1));
    assertThat(log.all())
        .containsExactly(
            "W.onCompleted",
            "T.onWorkItemStateChanged[started->completed]",
            "T.policy[started->completed]=CONTINUE");

    log.clear();
    // a teardown (here the workflow's cancellation) runs neither the action nor the policy
    d.cmd().cancelWorkflow(d.id);
    assertThat(log.all())
        .containsExactly(
            "W.onCanceled", "T.onWorkItemStateChanged[initialized->canceled]", "T.onCanceled");
  }

  /**
   * CS-070 [LEGACY]: cancelling the root with t2 partly done and t3 enabled. The completed item
   * stays completed; t1__to__t3 keeps its token (the legacy snapshot showed no markings).
   */
  @DbTest
  void rootCancelWithPartlyCompletedTask(TestDatabase db) {
    var d = Driver.start(db.engine(parallel()), "parallel");
    d.fire("t1");
    List<UUID> t2 = ids(d, "t2");
    d.start(t2.get(0));
    assertThat(d.marked()).containsOnly(entry("t1__to__t3", 1));
    assertThat(d.enabled()).containsExactly("t3");
    d.complete(t2.get(0));
    assertThat(d.task("t2")).isEqualTo(TaskState.STARTED);

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("t3")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("t1__to__t3", 1));
  }

  /** CS-071 [LEGACY]: cancelling the root with two started tasks cancels all four items. */
  @DbTest
  void rootCancelWithTwoStartedTasks(TestDatabase db) {
    var d = Driver.start(db.engine(parallel()), "parallel");
    d.fire("t1");
    d.start(ids(d, "t2").get(0));
    d.start(ids(d, "t3").get(0));

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("t3")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t2")).containsOnly(WorkItemState.CANCELED);
    assertThat(d.wiStates("t3")).containsOnly(WorkItemState.CANCELED);
  }

  /** A workflow may be canceled while still initialized: enabled tasks are withdrawn. */
  @DbTest
  void cancelInitializedWorkflow(TestDatabase db) {
    var d = Driver.start(db.engine(single(autoInit())), "cancellationSemantics");
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("start", 1));
  }

  /** A final workflow cannot be canceled; the attempt changes nothing. */
  @DbTest
  void cancelFinalWorkflowIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(single(autoInit())), "cancellationSemantics");
    d.fire("t1");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThatThrownBy(() -> d.cmd().cancelWorkflow(d.id))
        .isInstanceOf(WorkflowInvalidStateException.class);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
  }

  /** Work items torn down by a cancellation cannot be driven any more. */
  @DbTest
  void canceledWorkItemsRejectTransitions(TestDatabase db) {
    var d = Driver.start(db.engine(single(autoInit(2))), "cancellationSemantics");
    List<UUID> w = ids(d, "t1");
    d.start(w.get(0));
    d.cmd().cancelWorkflow(d.id);
    assertThatThrownBy(() -> d.start(w.get(1))).isInstanceOf(WorkItemInvalidStateException.class);
    assertThatThrownBy(() -> d.complete(w.get(0)))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThatThrownBy(() -> d.cmd().cancelWorkItem(w.get(0)))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.CANCELED);
  }

  /**
   * Cancellation region, applied when the owner completes: the started and enabled region tasks are
   * canceled (their items canceled, no policy), the region conditions emptied, and a task whose
   * input was emptied is withdrawn (disabled, not canceled); then the owner's tokens are produced
   * and its successor enabled.
   */
  @DbTest
  void cancellationRegionCancelsTasksAndEmptiesConditions(TestDatabase db) {
    var log = new ActivityLog();
    var net = region(log, r -> r.task("vs").task("ve").condition("split__to__ve").condition("cz"));
    var d = Driver.start(db.engine(net), "region");
    d.fire("split");
    assertThat(d.enabled()).containsExactly("owner", "vs", "ve", "z");
    d.start(d.initialized("vs"));
    UUID o = d.initialized("owner");
    d.start(o);
    // the region is applied on completion, not on start
    assertThat(d.task("vs")).isEqualTo(TaskState.STARTED);
    assertThat(d.enabled()).containsExactly("ve", "z");
    log.clear();

    d.complete(o);
    assertThat(log.all())
        .containsExactly(
            "ownerW.onCompleted",
            "owner.onWorkItemStateChanged[started->completed]",
            "owner.policy[started->completed]=COMPLETE",
            "owner.onCompleted",
            "vsW.onCanceled",
            "vs.onWorkItemStateChanged[started->canceled]",
            "vs.onCanceled",
            "veW.onCanceled",
            "ve.onWorkItemStateChanged[initialized->canceled]",
            "ve.onCanceled",
            "zW.onCanceled",
            "z.onWorkItemStateChanged[initialized->canceled]",
            "z.onDisabled",
            "after.onEnabled",
            "afterW.onInitialized");
    assertThat(d.task("vs")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("ve")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("z")).isEqualTo(TaskState.DISABLED);
    assertThat(d.marked()).containsOnly(entry("owner__to__after", 1));
    assertThat(d.enabled()).containsExactly("after");
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
  }

  /**
   * D15: a region that cancels an enabled task but leaves its input marked withdraws its work
   * items, and the pass after the completion enables it again at once, as a new generation; build()
   * warns about such a region (D13).
   */
  @DbTest
  void regionCancelingEnabledTaskWithMarkedInputReEnablesIt(TestDatabase db) {
    var log = new ActivityLog();
    var net = region(log, r -> r.task("ve"));
    assertThat(net.warnings()).anyMatch(w -> w.contains("'ve'"));
    var d = Driver.start(db.engine(net), "region");
    d.fire("split");
    UUID first = d.initialized("ve");

    d.fire("owner");
    assertThat(d.task("ve")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("ve")).isEqualTo(2);
    assertThat(d.q().workItemState(first)).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.wiStates("ve")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(log.of("ve")).endsWith("onCanceled", "onEnabled");
    assertThat(d.marked()).containsEntry("split__to__ve", 1);
  }

  /** The region runs before the owner's tokens: an output condition in the region keeps them. */
  @DbTest
  void regionRunsBeforeOwnersOutputTokens(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(region(log, r -> r.condition("owner__to__after"))), "region");
    d.fire("split");
    d.fire("owner");
    assertThat(d.marked()).containsEntry("owner__to__after", 1);
    assertThat(d.enabled()).contains("after");
  }

  /**
   * Loop exit: the owner's own input in its region removes the leftover token, so the owner is not
   * enabled again after completing (without the region it would be, CS-085).
   */
  @DbTest
  void regionClearingOwnInputPreventsReEnable(TestDatabase db) {
    var net =
        Builder.workflow("loopExit")
            .startCondition("start")
            .condition("c")
            .task("split", autoInit())
            .task("x", autoInit())
            .task("y", autoInit())
            .task("owner", autoInit())
            .task("after", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("split"))
            .connectTask("split", to -> to.task("x").task("y"))
            .connectTask("x", to -> to.condition("c"))
            .connectTask("y", to -> to.condition("c"))
            .connectCondition("c", to -> to.task("owner"))
            .connectTask("owner", to -> to.task("after"))
            .connectTask("after", to -> to.condition("end"))
            .withCancellationRegion("owner", r -> r.condition("c"))
            .build();
    var d = Driver.start(db.engine(net), "loopExit");
    d.fire("split");
    d.fire("x");
    d.fire("y");
    assertThat(d.marked()).containsOnly(entry("c", 2));

    d.fire("owner");
    assertThat(d.task("owner")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("owner")).isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("owner__to__after", 1));
    assertThat(d.enabled()).containsExactly("after");
  }
}

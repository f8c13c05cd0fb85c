package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conformance groups B (OR-joins) and C: OR-splits, OR-joins, regions and loops. */
class OrJoinScenariosTest {

  static WorkflowDefinition booking(boolean flight, boolean car, boolean explicitDefault) {
    var b =
        Builder.workflow("or-split-join")
            .startCondition("start")
            .task("register", autoInit().withSplitType(SplitType.OR))
            .task("book_flight", autoInit())
            .task("book_car", autoInit())
            .task("book_hotel", autoInit())
            .task("pay", autoInit().withJoinType(JoinType.OR))
            .endCondition("end");
    if (explicitDefault) {
      b = b.condition("register->book_hotel");
    }
    b =
        b.connectCondition("start", to -> to.task("register"))
            .connectTask(
                "register",
                to ->
                    (explicitDefault ? to.condition("register->book_hotel") : to.task("book_hotel"))
                        .task("book_flight")
                        .task("book_car")
                        .routes(
                            ctx -> {
                              List<Route> r = new ArrayList<>();
                              r.add(
                                  explicitDefault
                                      ? ctx.toCondition("register->book_hotel")
                                      : ctx.toTask("book_hotel"));
                              if (flight) {
                                r.add(ctx.toTask("book_flight"));
                              }
                              if (car) {
                                r.add(ctx.toTask("book_car"));
                              }
                              return r;
                            }))
            .connectTask("book_flight", to -> to.task("pay"))
            .connectTask("book_car", to -> to.task("pay"))
            .connectTask("book_hotel", to -> to.task("pay"))
            .connectTask("pay", to -> to.condition("end"));
    if (explicitDefault) {
      b = b.connectCondition("register->book_hotel", to -> to.task("book_hotel"));
    }
    return b.build();
  }

  /** CS-019 and CS-021. */
  @DbTest
  void orSplitAllBranchesThenOrJoin(TestDatabase db) {
    for (boolean explicit : new boolean[] {false, true}) {
      var d = Driver.start(db.engine(booking(true, true, explicit)), "or-split-join");
      assertThat(d.enabled()).containsExactly("register");
      d.fire("register");
      assertThat(d.enabled()).containsExactlyInAnyOrder("book_flight", "book_car", "book_hotel");
      d.fire("book_flight");
      assertThat(d.enabled()).doesNotContain("pay");
      d.fire("book_car");
      assertThat(d.enabled()).doesNotContain("pay");
      d.fire("book_hotel");
      assertThat(d.enabled()).containsExactly("pay");
      d.fire("pay");
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    }
  }

  /** CS-020 and CS-022. */
  @DbTest
  void orSplitTwoBranchesThenOrJoin(TestDatabase db) {
    for (boolean explicit : new boolean[] {false, true}) {
      var d = Driver.start(db.engine(booking(false, true, explicit)), "or-split-join");
      d.fire("register");
      assertThat(d.enabled()).containsExactlyInAnyOrder("book_car", "book_hotel");
      d.fire("book_car");
      assertThat(d.enabled()).containsExactly("book_hotel");
      d.fire("book_hotel");
      assertThat(d.enabled()).containsExactly("pay");
      d.fire("pay");
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    }
  }

  static WorkflowDefinition multipleOr1(boolean dEnabled) {
    return Builder.workflow("multiple-or-split-join-1")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit().withSplitType(SplitType.OR))
        .task("D", autoInit())
        .task("E", autoInit().withJoinType(JoinType.OR))
        .task("F", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("B", to -> to.task("F"))
        .connectTask(
            "C",
            to ->
                to.task("D")
                    .task("E")
                    .routes(
                        ctx ->
                            dEnabled
                                ? List.of(ctx.toTask("D"), ctx.toTask("E"))
                                : List.of(ctx.toTask("E"))))
        .connectTask("D", to -> to.task("E"))
        .connectTask("E", to -> to.task("F"))
        .connectTask("F", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-023: two OR-joins in a row, with an OR-split that takes both of its branches. Each OR-join
   * waits while a branch that can still reach it is active: E waits for D, and F waits for E.
   */
  @DbTest
  void multipleOrJoinsWaitForReachableBranches(TestDatabase db) {
    var d = Driver.start(db.engine(multipleOr1(true)), "multiple-or-split-join-1");
    d.fire("A");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "C");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("C");
    d.fire("C");
    assertThat(d.enabled()).containsExactly("D");
    d.fire("D");
    assertThat(d.enabled()).containsExactly("E");
    d.fire("E");
    assertThat(d.enabled()).containsExactly("F");
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-024: the same net, with the OR-split taking only the branch to E. Nothing can reach D any
   * more, so E is enabled as soon as C completes, without waiting for D.
   */
  @DbTest
  void orJoinFiresWhenTheOtherBranchWasNotTaken(TestDatabase db) {
    var d = Driver.start(db.engine(multipleOr1(false)), "multiple-or-split-join-1");
    d.fire("A");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("C");
    d.fire("C");
    assertThat(d.enabled()).containsExactly("E");
    d.fire("E");
    assertThat(d.enabled()).containsExactly("F");
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-025 and CS-033 (with D1: starting the OR-join C consumes one token from each marked input).
   */
  @DbTest
  void xorSplitFeedingTwoOrJoins(TestDatabase db) {
    var def =
        Builder.workflow("multiple-or-split-join-2")
            .startCondition("start")
            .task("A", autoInit())
            .task("B", autoInit().withSplitType(SplitType.XOR))
            .task("C", autoInit().withJoinType(JoinType.OR))
            .task("D", autoInit().withJoinType(JoinType.OR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C"))
            .connectTask("B", to -> to.task("C").task("D").route(ctx -> ctx.toTask("C")))
            .connectTask("C", to -> to.task("D"))
            .connectTask("D", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "multiple-or-split-join-2");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("B");
    assertThat(d.marked()).containsOnlyKeys("A__to__B", "A__to__C");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("C");
    assertThat(d.marked()).containsOnlyKeys("A__to__C", "B__to__C");
    d.fire("C");
    assertThat(d.marked()).containsExactly(Map.entry("C__to__D", 1));
    assertThat(d.enabled()).containsExactly("D");
    d.fire("D");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  static WorkflowDefinition orJoinCancellationRegion() {
    return Builder.workflow("or-join-cancellation-region")
        .startCondition("start")
        .condition("bToB")
        .condition("bToDAndE")
        .task("A", autoInit())
        .task("B", autoInit().withJoinType(JoinType.XOR))
        .task("C", autoInit())
        .task("D", autoInit())
        .task("E", autoInit())
        .task("F", autoInit())
        .task("G", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("B", to -> to.condition("bToB").condition("bToDAndE"))
        .connectCondition("bToB", to -> to.task("B"))
        .connectCondition("bToDAndE", to -> to.task("D").task("E"))
        .connectTask("C", to -> to.task("G"))
        .connectTask("D", to -> to.task("F"))
        .connectTask("E", to -> to.task("F"))
        .connectTask("F", to -> to.task("G"))
        .connectTask("G", to -> to.condition("end"))
        .withCancellationRegion("D", r -> r.condition("bToB"))
        .build();
  }

  /**
   * CS-035: an OR-join G downstream of a self-looping task B whose loop condition lies in the
   * cancellation region of D. G waits while the loop can still produce tokens; once D cancels the
   * loop, B is disabled and the net runs to its end through F and G.
   */
  @DbTest
  void orJoinDownstreamOfASelfLoopWithACancellationRegion(TestDatabase db) {
    var d = Driver.start(db.engine(orJoinCancellationRegion()), "or-join-cancellation-region");
    assertThat(d.enabled()).containsExactly("A");
    d.fire("A");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "C");
    d.fire("C");
    assertThat(d.enabled()).containsExactly("B");
    d.fire("B");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "D", "E");
    d.fire("E");
    assertThat(d.enabled()).containsExactly("B");
    assertThat(d.task("D")).isEqualTo(TaskState.DISABLED);
    d.fire("B");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "D", "E");
    d.fire("D");
    assertThat(d.enabled()).containsExactly("F");
    assertThat(d.task("B")).isEqualTo(TaskState.DISABLED);
    d.fire("F");
    assertThat(d.enabled()).containsExactly("G");
    d.fire("G");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  static WorkflowDefinition orJoinLoopCancellationRegion() {
    return Builder.workflow("or-join-loop-cancellation-region")
        .startCondition("start")
        .condition("c1")
        .condition("c2")
        .condition("c3")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit())
        .task("E", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.condition("c1"))
        .connectCondition("c1", to -> to.task("B"))
        .connectTask("B", to -> to.condition("c2"))
        .connectCondition("c2", to -> to.task("C").task("E"))
        .connectTask("C", to -> to.condition("c3"))
        .connectCondition("c3", to -> to.task("D").task("E"))
        .connectTask("D", to -> to.condition("c1").condition("c2"))
        .connectTask("E", to -> to.condition("end"))
        .withCancellationRegion("C", r -> r.task("B").condition("c1").condition("c2"))
        .build();
  }

  /**
   * CS-036, adjusted by D9. After C completes, only c3 is marked. Under this engine's semantics C
   * cannot be busy twice, so no reachable marking has both c3 and c2 marked: E may fire, and D and
   * E compete for c3 (a deferred choice). The original's analysis lets C run twice and waits.
   */
  @DbTest
  void orJoinInALoopWithARegionThatRemovesTheLoopTask(TestDatabase db) {
    var d =
        Driver.start(db.engine(orJoinLoopCancellationRegion()), "or-join-loop-cancellation-region");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("B");
    d.fire("B");
    assertThat(d.enabled()).containsExactlyInAnyOrder("C", "E");
    d.fire("C");
    assertThat(d.marked()).containsExactly(Map.entry("c3", 1));
    assertThat(d.enabled()).containsExactlyInAnyOrder("D", "E");
    d.fire("D");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "C", "E");
    var c = d.initialized("C");
    d.start(c);
    assertThat(d.enabled()).containsExactly("B");
    d.complete(c);
    assertThat(d.in(TaskState.CANCELED)).containsExactly("B");
    assertThat(d.wiStates("B")).contains(dev.tasquencer.api.WorkItemState.CANCELED);
    assertThat(d.enabled()).containsExactlyInAnyOrder("D", "E");
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsExactly(Map.entry("end", 1));
    assertThat(d.task("D")).isEqualTo(TaskState.DISABLED);
  }

  /**
   * start -> A (AND) -> {B, D, X}; B, D and X each -> J (OR-join) -> end; X's cancellation region
   * holds D and D's input. After B completes, J waits: D (started) can still deliver. X completes
   * and its region cancels D, the last pending branch: the OR-join is re-evaluated after the region
   * and fires, instead of waiting forever.
   */
  static WorkflowDefinition orJoinWithRegionCancelingItsLastBranch() {
    return Builder.workflow("or-join-region-stall")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("D", autoInit())
        .task("X", autoInit())
        .task("J", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("D").task("X"))
        .connectTask("B", to -> to.task("J"))
        .connectTask("D", to -> to.task("J"))
        .connectTask("X", to -> to.task("J"))
        .connectTask("J", to -> to.condition("end"))
        .withCancellationRegion("X", r -> r.task("D").condition("A__to__D"))
        .build();
  }

  @DbTest
  void orJoinWhoseLastPendingBranchIsCanceledByARegionFires(TestDatabase db) {
    var d =
        Driver.start(db.engine(orJoinWithRegionCancelingItsLastBranch()), "or-join-region-stall");
    d.fire("A");
    d.fire("B");
    var work = d.initialized("D");
    d.start(work);
    assertThat(d.task("D")).isEqualTo(TaskState.STARTED);
    assertThat(d.enabled()).as("J waits for D and X").containsExactly("X");
    d.fire("X");
    assertThat(d.task("D")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("D")).containsExactly(dev.tasquencer.api.WorkItemState.CANCELED);
    assertThat(d.enabled())
        .as("no branch can deliver any more: the OR-join fires")
        .containsExactly("J");
    d.fire("J");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** The same net when D is only enabled: X's region withdraws it and J fires. */
  @DbTest
  void orJoinFiresWhenARegionWithdrawsAnEnabledBranch(TestDatabase db) {
    var d =
        Driver.start(db.engine(orJoinWithRegionCancelingItsLastBranch()), "or-join-region-stall");
    d.fire("A");
    d.fire("B");
    assertThat(d.enabled()).containsExactlyInAnyOrder("D", "X");
    d.fire("X");
    assertThat(d.task("D")).isEqualTo(TaskState.CANCELED);
    assertThat(d.enabled()).containsExactly("J");
    d.fire("J");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }
}

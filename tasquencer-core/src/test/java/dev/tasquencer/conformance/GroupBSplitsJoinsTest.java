package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.OrRouter;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.XorRouter;
import dev.tasquencer.api.error.InvalidRouteException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskFlowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Conformance group B: AND, XOR and OR splits and joins. OR-joins are not built yet, so CS-019 to
 * CS-025, CS-031 and CS-033 wait; OR-splits into XOR and AND joins are covered here. Tokens follow
 * D1 (an XOR-join consumes one token, so it is a multi-merge) and routers D10.
 */
class GroupBSplitsJoinsTest {

  /**
   * CS-015 net (checkout): start → scan_goods → pay → {pack_goods, issue_receipt} → check_goods.
   */
  static WorkflowDefinition checkout() {
    return Builder.workflow("checkout")
        .startCondition("start")
        .task("scan_goods", autoInit())
        .task("pay", autoInit())
        .task("pack_goods", autoInit())
        .task("issue_receipt", autoInit())
        .task("check_goods", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("scan_goods"))
        .connectTask("scan_goods", to -> to.task("pay"))
        .connectTask("pay", to -> to.task("pack_goods").task("issue_receipt"))
        .connectTask("pack_goods", to -> to.task("check_goods"))
        .connectTask("issue_receipt", to -> to.task("check_goods"))
        .connectTask("check_goods", to -> to.condition("end"))
        .build();
  }

  /** CS-016 net: initial_task → choice → {task_a, task_b, task_c} → finish_task (XOR-join). */
  static WorkflowDefinition xorJoin() {
    return Builder.workflow("xorJoin")
        .startCondition("start")
        .condition("choice")
        .task("initial_task", autoInit())
        .task("task_a", autoInit())
        .task("task_b", autoInit())
        .task("task_c", autoInit())
        .task("finish_task", autoInit().withJoinType(JoinType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("initial_task"))
        .connectTask("initial_task", to -> to.condition("choice"))
        .connectCondition("choice", to -> to.task("task_a").task("task_b").task("task_c"))
        .connectTask("task_a", to -> to.task("finish_task"))
        .connectTask("task_b", to -> to.task("finish_task"))
        .connectTask("task_c", to -> to.task("finish_task"))
        .connectTask("finish_task", to -> to.condition("end"))
        .build();
  }

  /** CS-017 net: start → A (XOR split, flows as given) → {B, C, D}, each → end. */
  static WorkflowDefinition xorSplitWith(UnaryOperator<TaskFlowBuilder> routing) {
    return Builder.workflow("xorSplit")
        .startCondition("start")
        .task("A", autoInit().withSplitType(SplitType.XOR))
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> routing.apply(to.task("B").task("C").task("D")))
        .connectTask("B", to -> to.condition("end"))
        .connectTask("C", to -> to.condition("end"))
        .connectTask("D", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition xorSplit(XorRouter router) {
    return xorSplitWith(to -> to.route(router));
  }

  /**
   * OR-split net (the CS-019 bookings) with a join as given: start → register (OR split) →
   * {book_flight, book_car, book_hotel} → pay → end.
   */
  static WorkflowDefinition bookingsWith(JoinType payJoin, UnaryOperator<TaskFlowBuilder> routing) {
    return Builder.workflow("bookings")
        .startCondition("start")
        .task("register", autoInit().withSplitType(SplitType.OR))
        .task("book_flight", autoInit())
        .task("book_car", autoInit())
        .task("book_hotel", autoInit())
        .task("pay", autoInit().withJoinType(payJoin))
        .endCondition("end")
        .connectCondition("start", to -> to.task("register"))
        .connectTask(
            "register",
            to -> routing.apply(to.task("book_flight").task("book_car").task("book_hotel")))
        .connectTask("book_flight", to -> to.task("pay"))
        .connectTask("book_car", to -> to.task("pay"))
        .connectTask("book_hotel", to -> to.task("pay"))
        .connectTask("pay", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition bookings(JoinType payJoin, OrRouter router) {
    return bookingsWith(payJoin, to -> to.routes(router));
  }

  /** An OR router choosing these tasks. */
  static OrRouter tasks(String... names) {
    return ctx -> java.util.Arrays.stream(names).map(Route::toTask).toList();
  }

  /**
   * Multi-merge net: start → A → {B, C}; C and B (flows into J declared in that order) → J
   * (XOR-join) → K → end.
   */
  static WorkflowDefinition multiMerge() {
    return Builder.workflow("multiMerge")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .task("J", autoInit().withJoinType(JoinType.XOR))
        .task("K", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("C", to -> to.task("J"))
        .connectTask("B", to -> to.task("J"))
        .connectTask("J", to -> to.task("K"))
        .connectTask("K", to -> to.condition("end"))
        .build();
  }

  /** AND-join net: start → A → {B, C} → J (AND-join) → end. */
  static WorkflowDefinition andJoin() {
    return Builder.workflow("andJoin")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .task("J", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("B", to -> to.task("J"))
        .connectTask("C", to -> to.task("J"))
        .connectTask("J", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-015: an AND-split enables both branches at once and the AND-join waits for both. While one
   * branch's work item runs, the other branch stays enabled; the join task becomes enabled only
   * after both branches have completed.
   */
  @DbTest
  void andSplitAndJoin(TestDatabase db) {
    var d = Driver.start(db.engine(checkout()), "checkout");
    assertThat(d.enabled()).containsExactly("scan_goods");
    assertThat(d.wiStates("scan_goods")).containsExactly(WorkItemState.INITIALIZED);

    UUID scan = d.initialized("scan_goods");
    d.start(scan);
    assertThat(d.enabled()).isEmpty();
    d.complete(scan);
    assertThat(d.enabled()).containsExactly("pay");
    assertThat(d.wiStates("pay")).containsExactly(WorkItemState.INITIALIZED);

    UUID pay = d.initialized("pay");
    d.start(pay);
    assertThat(d.enabled()).isEmpty();
    d.complete(pay);
    assertThat(d.enabled()).containsExactlyInAnyOrder("pack_goods", "issue_receipt");
    assertThat(d.wiStates("pack_goods")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.wiStates("issue_receipt")).containsExactly(WorkItemState.INITIALIZED);

    UUID receipt = d.initialized("issue_receipt");
    d.start(receipt);
    assertThat(d.enabled()).containsExactly("pack_goods");
    assertThat(d.wiStates("pack_goods")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.wiStates("issue_receipt")).containsExactly(WorkItemState.STARTED);

    d.complete(receipt);
    assertThat(d.enabled()).containsExactly("pack_goods");
    d.fire("pack_goods");
    assertThat(d.enabled()).containsExactly("check_goods");
    assertThat(d.wiStates("check_goods")).containsExactly(WorkItemState.INITIALIZED);

    d.fire("check_goods");
    assertThat(d.enabled()).isEmpty();
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-027 [LEGACY]: the markings of CS-015 after every step. */
  @DbTest
  void andSplitAndJoinMarkings(TestDatabase db) {
    var d = Driver.start(db.engine(checkout()), "checkout");
    assertThat(d.marked()).containsOnly(entry("start", 1));

    d.fire("scan_goods");
    assertThat(d.marked()).containsOnly(entry("scan_goods__to__pay", 1));
    assertThat(d.task("scan_goods")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("pay");

    d.fire("pay");
    assertThat(d.marked())
        .containsOnly(entry("pay__to__pack_goods", 1), entry("pay__to__issue_receipt", 1));
    assertThat(d.enabled()).containsExactly("pack_goods", "issue_receipt");

    d.fire("pack_goods");
    assertThat(d.marked())
        .containsOnly(entry("pay__to__issue_receipt", 1), entry("pack_goods__to__check_goods", 1));
    assertThat(d.task("pack_goods")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("issue_receipt");
    assertThat(d.task("check_goods")).isEqualTo(TaskState.DISABLED);

    d.fire("issue_receipt");
    assertThat(d.marked())
        .containsOnly(
            entry("pack_goods__to__check_goods", 1), entry("issue_receipt__to__check_goods", 1));
    assertThat(d.enabled()).containsExactly("check_goods");

    d.fire("check_goods");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(d.in(TaskState.COMPLETED))
        .containsExactly("scan_goods", "pay", "pack_goods", "issue_receipt", "check_goods");
  }

  /** CS-016: starting one branch of the implicit choice withdraws the others. */
  @DbTest
  void xorJoinAfterImplicitChoice(TestDatabase db) {
    var d = Driver.start(db.engine(xorJoin()), "xorJoin");
    assertThat(d.enabled()).containsExactly("initial_task");
    assertThat(d.wiStates("initial_task")).containsExactly(WorkItemState.INITIALIZED);

    d.fire("initial_task");
    assertThat(d.enabled()).containsExactly("task_a", "task_b", "task_c");
    for (String t : List.of("task_a", "task_b", "task_c")) {
      assertThat(d.wiStates(t)).containsExactly(WorkItemState.INITIALIZED);
    }

    UUID a = d.initialized("task_a");
    d.start(a);
    assertThat(d.wiStates("task_b")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.wiStates("task_c")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("task_b")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("task_c")).isEqualTo(TaskState.DISABLED);

    d.complete(a);
    assertThat(d.enabled()).containsExactly("finish_task");
  }

  /** CS-028 [LEGACY]: the markings of the XOR-join net when task_b is chosen. */
  @DbTest
  void xorJoinMarkings(TestDatabase db) {
    var d = Driver.start(db.engine(xorJoin()), "xorJoin");
    assertThat(d.marked()).containsOnly(entry("start", 1));
    assertThat(d.enabled()).containsExactly("initial_task");

    d.fire("initial_task");
    assertThat(d.marked()).containsOnly(entry("choice", 1));
    assertThat(d.enabled()).containsExactly("task_a", "task_b", "task_c");

    d.fire("task_b");
    assertThat(d.marked()).containsOnly(entry("task_b__to__finish_task", 1));
    assertThat(d.task("task_a")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("task_b")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("task_c")).isEqualTo(TaskState.DISABLED);
    assertThat(d.enabled()).containsExactly("finish_task");

    d.fire("finish_task");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /** CS-017 (B), CS-018 (C), and D: the XOR split marks only the chosen branch. */
  @DbTest
  void xorSplitRoutesToTheChosenTask(TestDatabase db) {
    for (String chosen : List.of("B", "C", "D")) {
      var d = Driver.start(db.engine(xorSplit(ctx -> ctx.toTask(chosen))), "xorSplit");
      assertThat(d.enabled()).containsExactly("A");
      UUID a = d.initialized("A");
      d.start(a);
      assertThat(d.enabled()).isEmpty();

      d.complete(a);
      assertThat(d.enabled()).containsExactly(chosen);
      assertThat(d.marked()).containsOnly(entry("A__to__" + chosen, 1));
      assertThat(d.wiStates(chosen)).containsExactly(WorkItemState.INITIALIZED);

      d.fire(chosen);
      assertThat(d.enabled()).isEmpty();
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    }
  }

  /**
   * D1: an XOR-join consumes ONE token, from the first marked input in the order the flows into it
   * were declared (C's flow before B's here), and fires again for the token left: a multi-merge.
   */
  @DbTest
  void xorJoinIsMultiMerge(TestDatabase db) {
    var d = Driver.start(db.engine(multiMerge()), "multiMerge");
    d.fire("A");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("C", "J");
    d.fire("C");
    assertThat(d.enabled()).containsExactly("J");
    assertThat(d.generation("J")).isEqualTo(1);

    UUID j1 = d.initialized("J");
    d.start(j1);
    assertThat(d.marked()).containsOnly(entry("B__to__J", 1));
    assertThat(d.enabled()).isEmpty();

    d.complete(j1);
    assertThat(d.enabled()).containsExactly("J", "K");
    assertThat(d.generation("J")).isEqualTo(2);

    d.fire("J");
    assertThat(d.marked()).containsOnly(entry("J__to__K", 2));
    assertThat(d.task("J")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("K");

    d.fire("K");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("J__to__K", 1), entry("end", 1));
  }

  /** D1 / CS-086 kind: a token arriving while the XOR-join is started fires it once more. */
  @DbTest
  void xorJoinFiresAgainForTokenArrivedWhileStarted(TestDatabase db) {
    var d = Driver.start(db.engine(multiMerge()), "multiMerge");
    d.fire("A");
    d.fire("B");
    UUID j1 = d.initialized("J");
    d.start(j1);
    assertThat(d.marked()).containsOnly(entry("A__to__C", 1));
    d.fire("C");
    assertThat(d.task("J")).isEqualTo(TaskState.STARTED);
    assertThat(d.marked()).containsOnly(entry("C__to__J", 1));

    d.complete(j1);
    assertThat(d.enabled()).containsExactly("J", "K");
    assertThat(d.generation("J")).isEqualTo(2);
    assertThat(d.wiStates("J")).containsExactly(WorkItemState.INITIALIZED);
  }

  /** AND-join: enabled only once every input is marked; one token from each is consumed. */
  @DbTest
  void andJoinWaitsForEveryInput(TestDatabase db) {
    var d = Driver.start(db.engine(andJoin()), "andJoin");
    d.fire("A");
    d.fire("B");
    assertThat(d.task("J")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wi("J")).isEmpty();
    assertThat(d.marked()).containsOnly(entry("A__to__C", 1), entry("B__to__J", 1));

    d.fire("C");
    assertThat(d.enabled()).containsExactly("J");
    UUID j = d.initialized("J");
    d.start(j);
    assertThat(d.marked()).isEmpty();
    d.complete(j);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * D1: an AND-join consumes ONE token from each input, even from an input holding two; with the
   * other input empty afterwards it is not enabled again.
   */
  @DbTest
  void andJoinConsumesOneTokenFromEachInput(TestDatabase db) {
    var net =
        Builder.workflow("andJoinTwice")
            .startCondition("start")
            .condition("c1")
            .condition("c2")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("D", autoInit())
            .task("J", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C").task("D"))
            .connectTask("B", to -> to.condition("c1"))
            .connectTask("C", to -> to.condition("c1"))
            .connectTask("D", to -> to.condition("c2"))
            .connectCondition("c1", to -> to.task("J"))
            .connectCondition("c2", to -> to.task("J"))
            .connectTask("J", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "andJoinTwice");
    d.fire("A");
    d.fire("B");
    d.fire("C");
    assertThat(d.task("J")).isEqualTo(TaskState.DISABLED);
    d.fire("D");
    assertThat(d.marked()).containsOnly(entry("c1", 2), entry("c2", 1));
    assertThat(d.enabled()).containsExactly("J");

    UUID j = d.initialized("J");
    d.start(j);
    assertThat(d.marked()).containsOnly(entry("c1", 1));
    d.complete(j);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("J")).isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("c1", 1), entry("end", 1));
  }

  /** OR-split to a subset: only the chosen branches are marked and enabled. */
  @DbTest
  void orSplitRoutesToSubset(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(bookings(JoinType.XOR, tasks("book_hotel", "book_car"))), "bookings");
    d.fire("register");
    assertThat(d.enabled()).containsExactly("book_car", "book_hotel");
    assertThat(d.task("book_flight")).isEqualTo(TaskState.DISABLED);
    assertThat(d.marked())
        .containsOnly(entry("register__to__book_car", 1), entry("register__to__book_hotel", 1));

    // into an XOR-join: the first booking enables pay, the other stays enabled beside it
    d.fire("book_car");
    assertThat(d.enabled()).containsExactly("book_hotel", "pay");
    d.fire("pay");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("book_hotel")).isEqualTo(TaskState.DISABLED);
    assertThat(d.marked()).containsOnly(entry("register__to__book_hotel", 1), entry("end", 1));
  }

  /** OR-split choosing every branch, into an AND-join (CS-019's routing without the OR-join). */
  @DbTest
  void orSplitToAllBranchesIntoAndJoin(TestDatabase db) {
    var router = tasks("book_hotel", "book_flight", "book_car");
    var d = Driver.start(db.engine(bookings(JoinType.AND, router)), "bookings");
    d.fire("register");
    assertThat(d.enabled()).containsExactly("book_flight", "book_car", "book_hotel");
    d.fire("book_flight");
    d.fire("book_car");
    assertThat(d.task("pay")).isEqualTo(TaskState.DISABLED);
    d.fire("book_hotel");
    assertThat(d.enabled()).containsExactly("pay");
    d.fire("pay");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /**
   * An OR router naming a branch twice marks it once: the routes are a set of flows (as in the
   * original, which takes the set of resolved names; D10 does not make duplicates an error).
   */
  @DbTest
  void orSplitDuplicateRoutesMarkOnce(TestDatabase db) {
    var d =
        Driver.start(db.engine(bookings(JoinType.XOR, tasks("book_car", "book_car"))), "bookings");
    d.fire("register");
    assertThat(d.marked()).containsOnly(entry("register__to__book_car", 1));
    assertThat(d.enabled()).containsExactly("book_car");
  }

  /** An OR split may route to an explicit condition as well as to tasks (CS-021's routing). */
  @DbTest
  void orSplitRoutesToExplicitCondition(TestDatabase db) {
    var net =
        Builder.workflow("explicit")
            .startCondition("start")
            .condition("register->book_hotel")
            .task("register", autoInit().withSplitType(SplitType.OR))
            .task("book_car", autoInit())
            .task("book_hotel", autoInit())
            .task("pay", autoInit().withJoinType(JoinType.AND))
            .endCondition("end")
            .connectCondition("start", to -> to.task("register"))
            .connectTask(
                "register",
                to ->
                    to.condition("register->book_hotel")
                        .task("book_car")
                        .routes(
                            ctx ->
                                List.of(
                                    ctx.toCondition("register->book_hotel"),
                                    ctx.toTask("book_car"))))
            .connectCondition("register->book_hotel", to -> to.task("book_hotel"))
            .connectTask("book_car", to -> to.task("pay"))
            .connectTask("book_hotel", to -> to.task("pay"))
            .connectTask("pay", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "explicit");
    d.fire("register");
    assertThat(d.marked())
        .containsOnly(entry("register->book_hotel", 1), entry("register__to__book_car", 1));
    assertThat(d.enabled()).containsExactly("book_car", "book_hotel");
    d.fire("book_car");
    d.fire("book_hotel");
    d.fire("pay");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------ routers (D10)

  /** What must be unchanged after a rejected completion of A's work item. */
  private static void assertAStillStarted(Driver d, UUID a) {
    assertThat(d.q().workItemState(a)).isEqualTo(WorkItemState.STARTED);
    assertThat(d.task("A")).isEqualTo(TaskState.STARTED);
    assertThat(d.in(TaskState.DISABLED)).containsExactly("B", "C", "D");
    assertThat(d.marked()).isEmpty();
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
  }

  private static void assertXorRouteRejected(TestDatabase db, XorRouter router) {
    var d = Driver.start(db.engine(xorSplit(router)), "xorSplit");
    UUID a = d.initialized("A");
    d.start(a);
    assertThatThrownBy(() -> d.complete(a)).isInstanceOf(InvalidRouteException.class);
    assertAStillStarted(d, a);
  }

  /** D10: an XOR router choosing nothing, without a default flow, is an error; nothing changes. */
  @DbTest
  void xorRouterChoosingNothingWithoutDefaultIsRejected(TestDatabase db) {
    assertXorRouteRejected(db, ctx -> null);
  }

  /** D10: an unknown target is an error, not a silent stall. */
  @DbTest
  void xorRouterChoosingUnknownTaskIsRejected(TestDatabase db) {
    assertXorRouteRejected(db, ctx -> ctx.toTask("Z"));
  }

  /**
   * D10: an existing element that is not a successor of the split is an error. ("Several routes for
   * a XOR split" cannot be expressed: {@link XorRouter} returns one route.)
   */
  @DbTest
  void xorRouterChoosingNonSuccessorIsRejected(TestDatabase db) {
    assertXorRouteRejected(db, ctx -> ctx.toCondition("start"));
    assertXorRouteRejected(db, ctx -> ctx.toCondition("end"));
    assertXorRouteRejected(db, ctx -> ctx.toTask("A"));
  }

  /** D10: a router choosing nothing takes the split's declared default flow. */
  @DbTest
  void xorRouterChoosingNothingTakesDefaultFlow(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(xorSplitWith(to -> to.route(ctx -> null).defaultTask("C"))), "xorSplit");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("C");
    assertThat(d.marked()).containsOnly(entry("A__to__C", 1));
  }

  /** A default flow does not override an explicit choice. */
  @DbTest
  void xorRouterChoiceWinsOverDefaultFlow(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(xorSplitWith(to -> to.route(ctx -> ctx.toTask("D")).defaultTask("C"))),
            "xorSplit");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("D");
  }

  private static void assertOrRouteRejected(TestDatabase db, OrRouter router) {
    var d = Driver.start(db.engine(bookings(JoinType.XOR, router)), "bookings");
    UUID r = d.initialized("register");
    d.start(r);
    assertThatThrownBy(() -> d.complete(r)).isInstanceOf(InvalidRouteException.class);
    assertThat(d.q().workItemState(r)).isEqualTo(WorkItemState.STARTED);
    assertThat(d.task("register")).isEqualTo(TaskState.STARTED);
    assertThat(d.marked()).isEmpty();
    assertThat(d.enabled()).isEmpty();
  }

  /** D10: an OR router choosing nothing, without a default flow, is an error. */
  @DbTest
  void orRouterChoosingNothingWithoutDefaultIsRejected(TestDatabase db) {
    assertOrRouteRejected(db, ctx -> List.of());
    assertOrRouteRejected(db, ctx -> null);
  }

  /** D10: a mix of valid and invalid names is rejected as a whole: no partial tokens. */
  @DbTest
  void orRouterMixingValidAndInvalidRoutesIsRejected(TestDatabase db) {
    assertOrRouteRejected(db, ctx -> List.of(ctx.toTask("book_car"), ctx.toTask("nowhere")));
    assertOrRouteRejected(db, ctx -> List.of(ctx.toTask("book_car"), ctx.toCondition("end")));
  }

  /** D10: an OR router choosing nothing takes the declared default flow. */
  @DbTest
  void orRouterChoosingNothingTakesDefaultFlow(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(
                bookingsWith(
                    JoinType.XOR, to -> to.routes(ctx -> List.of()).defaultTask("book_hotel"))),
            "bookings");
    d.fire("register");
    assertThat(d.marked()).containsOnly(entry("register__to__book_hotel", 1));
    assertThat(d.enabled()).containsExactly("book_hotel");
  }

  /** A router that throws rolls the completion back; the exception reaches the caller. */
  @DbTest
  void routerExceptionRollsBack(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(
                xorSplit(
                    ctx -> {
                      throw new IllegalStateException("no route today");
                    })),
            "xorSplit");
    UUID a = d.initialized("A");
    d.start(a);
    assertThatThrownBy(() -> d.complete(a)).hasMessageContaining("no route today");
    assertAStillStarted(d, a);
  }

  /** The router sees its task's generation and work items. */
  @DbTest
  void routerSeesItsTask(TestDatabase db) {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<Object>();
    var d =
        Driver.start(
            db.engine(
                xorSplit(
                    ctx -> {
                      seen.add(ctx.task().name());
                      seen.add(ctx.task().generation());
                      seen.add(ctx.workItem().getAllWorkItemIds());
                      return ctx.toTask("B");
                    })),
            "xorSplit");
    UUID a = d.initialized("A");
    d.fire("A");
    assertThat(seen).containsExactly("A", 1, List.of(a));
    assertThat(d.marked()).isEqualTo(Map.of("A__to__B", 1));
  }
}

package dev.tasquencer.patterns;

import static dev.tasquencer.patterns.Patterns.dummy;
import static dev.tasquencer.patterns.Patterns.positionInRound;
import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.RouterContext;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskFlowBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Workflow control-flow patterns of branching and synchronization: WCP-6 to WCP-9, WCP-28 to
 * WCP-33, WCP-37, WCP-38, WCP-41 and WCP-42.
 *
 * <p>The discriminator, partial-join and thread patterns use one counting idiom (see {@link
 * Patterns#positionInRound}): arrivals are tokens of one shared condition, consumed one at a time
 * by a dummy task that AND-joins them with a {@code tally} token it always returns; its OR-split
 * numbers its firings by its generation and passes control on only at the N-th firing of a round.
 * Later arrivals are consumed without output (absorbed), and the count restarts after M arrivals
 * (reset).
 */
class AdvancedBranchingPatternsTest {

  /** The branches an OR-split takes, as case data. */
  record Branches(List<String> names) {}

  /** An OR router taking the branches named in the case data ({@link Branches}). */
  static List<Route> branchesOfTheCase(RouterContext ctx) {
    return ctx.parent().workflowPayload(Branches.class).names().stream().map(ctx::toTask).toList();
  }

  /** The flows of a task that passes control to all of B1..Bm. */
  static TaskFlowBuilder toBranches(TaskFlowBuilder to, int m) {
    for (int i = 1; i <= m; i++) {
      to = to.task("B" + i);
    }
    return to;
  }

  /** The loop exit of the two-round nets: XOR back to A after its first firing, then to end. */
  static TaskFlowBuilder backToAOnceThenEnd(TaskFlowBuilder to) {
    return to.task("A")
        .condition("end")
        .route(ctx -> ctx.task().generation() == 1 ? ctx.toTask("A") : ctx.toCondition("end"));
  }

  // ------------------------------------------------------------------ WCP-6, WCP-7

  /** start → A ⇒OR {B, C, D} (from the case data); B, C, D → E (OR-join) → end. */
  static WorkflowDefinition multiChoice() {
    return Builder.workflow("multiChoice")
        .startCondition("start")
        .task("A", autoInit().withSplitType(SplitType.OR))
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit())
        .task("E", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask(
            "A",
            to ->
                to.task("B")
                    .task("C")
                    .task("D")
                    .routes(AdvancedBranchingPatternsTest::branchesOfTheCase))
        .connectTask("B", to -> to.task("E"))
        .connectTask("C", to -> to.task("E"))
        .connectTask("D", to -> to.task("E"))
        .connectTask("E", to -> to.condition("end"))
        .build();
  }

  /**
   * WCP-6 Multi-Choice: "at a decision point one or more outgoing branches are chosen at run time
   * and run concurrently." A's OR router takes B and D from the case data; both run at the same
   * time, C is never enabled.
   */
  @DbTest
  void wcp06MultiChoice(TestDatabase db) {
    var d =
        Patterns.start(db.engine(multiChoice()), "multiChoice", new Branches(List.of("B", "D")));
    d.fire("A");
    assertThat(d.enabled()).containsExactly("B", "D");
    assertThat(d.marked()).containsOnly(entry("A__to__B", 1), entry("A__to__D", 1));
    UUID b = d.initialized("B");
    UUID dd = d.initialized("D");
    d.start(b);
    d.start(dd);
    assertThat(d.in(TaskState.STARTED)).containsExactly("B", "D");
    d.complete(dd);
    d.complete(b);
    assertThat(d.generation("C")).as("C was not chosen").isZero();
  }

  /**
   * WCP-7 Structured Synchronizing Merge: "closes a structured block opened by a Multi-Choice:
   * waits for exactly the branches that were activated, then passes control on once." E's OR-join
   * waits for B and D (not for C, which was not chosen) and fires once; with a single branch it
   * does not wait at all.
   */
  @DbTest
  void wcp07StructuredSynchronizingMerge(TestDatabase db) {
    var engine = db.engine(multiChoice());
    var d = Patterns.start(engine, "multiChoice", new Branches(List.of("B", "D")));
    d.fire("A");
    d.fire("D");
    assertThat(d.task("E")).as("B can still arrive").isEqualTo(TaskState.DISABLED);
    d.fire("B");
    assertThat(d.enabled()).containsExactly("E");
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("E")).isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("end", 1));

    var single = Patterns.start(engine, "multiChoice", new Branches(List.of("C")));
    single.fire("A");
    single.fire("C");
    assertThat(single.enabled()).as("only C was activated").containsExactly("E");
  }

  // ------------------------------------------------------------------ WCP-8

  /**
   * WCP-8 Multi-Merge: "branches converge without synchronization; every arriving thread, even
   * concurrent ones, triggers the successor once more." D's XOR-join consumes one token per firing
   * (D1): the thread from C that arrives while D is busy with B's thread runs D a second time.
   */
  @DbTest
  void wcp08MultiMerge(TestDatabase db) {
    var def =
        Builder.workflow("multiMerge")
            .startCondition("start")
            .condition("p")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("D", autoInit().withJoinType(JoinType.XOR))
            .task("E", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C"))
            .connectTask("B", to -> to.task("D"))
            .connectTask("C", to -> to.task("D"))
            .connectTask("D", to -> to.condition("p"))
            .connectCondition("p", to -> to.task("E"))
            .connectTask("E", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "multiMerge");
    d.fire("A");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("C", "D");
    UUID first = d.initialized("D");
    d.start(first);
    d.fire("C"); // arrives while D runs B's thread
    assertThat(d.marked()).containsOnly(entry("C__to__D", 1));
    d.complete(first);
    assertThat(d.task("D")).as("C's thread runs D again").isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("D")).isEqualTo(2);
    assertThat(d.marked()).containsOnly(entry("C__to__D", 1), entry("p", 1));

    d.fire("D");
    assertThat(d.task("D")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("D")).as("two threads, two runs, no more").isEqualTo(2);
    assertThat(d.marked()).containsOnly(entry("p", 2));
  }

  // ------------------------------------------------------------------ WCP-9, WCP-30

  /**
   * An N-out-of-M join in a loop, with the counting idiom. start → S ⇒AND {tally, A}; A (XOR-join,
   * loop entry) ⇒AND {B1..Bm}; every Bi → arrived; J (dummy, AND-join of arrived and tally) ⇒OR:
   * always tally, and E at the N-th firing of a round; E ⇒XOR: back to A once, then end.
   */
  static WorkflowDefinition partialJoin(String name, int n, int m) {
    WorkflowBuilder b =
        Builder.workflow(name)
            .startCondition("start")
            .condition("tally")
            .condition("arrived")
            .dummyTask("S", dummy())
            .task("A", autoInit().withJoinType(JoinType.XOR));
    for (int i = 1; i <= m; i++) {
      b = b.task("B" + i, autoInit());
    }
    b =
        b.dummyTask("J", dummy().withSplitType(SplitType.OR))
            .task("E", autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("S"))
            .connectTask("S", to -> to.condition("tally").task("A"))
            .connectTask("A", to -> toBranches(to, m));
    for (int i = 1; i <= m; i++) {
      b = b.connectTask("B" + i, to -> to.condition("arrived"));
    }
    return b.connectCondition("arrived", to -> to.task("J"))
        .connectCondition("tally", to -> to.task("J"))
        .connectTask(
            "J",
            to ->
                to.condition("tally")
                    .task("E")
                    .routes(
                        ctx ->
                            positionInRound(ctx, m) == n
                                ? List.of(ctx.toCondition("tally"), ctx.toTask("E"))
                                : List.of(ctx.toCondition("tally"))))
        .connectTask("E", AdvancedBranchingPatternsTest::backToAOnceThenEnd)
        .build();
  }

  /**
   * WCP-9 Structured Discriminator: "after a parallel split, the first branch to arrive triggers
   * the successor; the other arrivals are absorbed; the join resets once all have arrived." B2
   * arrives first and enables E; B1 and B3 still complete normally and do not trigger E again; in
   * the second round the first arrival (B3) triggers E again.
   */
  @DbTest
  void wcp09StructuredDiscriminator(TestDatabase db) {
    var d = Driver.start(db.engine(partialJoin("discriminator", 1, 3)), "discriminator");
    d.fire("A");
    UUID b1 = d.initialized("B1");
    d.start(b1);
    d.fire("B2");
    assertThat(d.enabled()).containsExactly("B3", "E");
    assertThat(d.marked())
        .containsOnly(entry("tally", 1), entry("A__to__B3", 1), entry("J__to__E", 1));

    UUID e = d.initialized("E");
    d.start(e); // the successor proceeds while the other branches still run
    d.complete(b1);
    d.fire("B3");
    assertThat(d.task("B1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("B3")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("E")).as("later arrivals absorbed").isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("tally", 1));
    assertThat(d.generation("J")).as("one firing per arrival").isEqualTo(3);

    d.complete(e); // back to A: second round, the join has reset
    d.fire("A");
    d.fire("B3");
    assertThat(d.enabled()).containsExactly("B1", "B2", "E");
    assertThat(d.generation("E")).isEqualTo(2);
    d.fire("B1");
    d.fire("B2");
    assertThat(d.generation("E")).isEqualTo(2);
    assertThat(d.marked()).containsOnly(entry("tally", 1), entry("J__to__E", 1));
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-30 Structured Partial Join: "N-out-of-M join in a structured block: fire when N of the M
   * branches have arrived, absorb the rest, reset after all M." A 2-out-of-4 join: E is enabled by
   * the second arrival, not the first; the third and fourth are absorbed; the next round counts
   * afresh.
   */
  @DbTest
  void wcp30StructuredPartialJoin(TestDatabase db) {
    var d = Driver.start(db.engine(partialJoin("partialJoin", 2, 4)), "partialJoin");
    d.fire("A");
    d.fire("B4");
    assertThat(d.task("E")).as("one arrival is not enough").isEqualTo(TaskState.DISABLED);
    d.fire("B2");
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    d.fire("B1");
    d.fire("B3");
    assertThat(d.generation("E")).as("arrivals 3 and 4 absorbed").isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("tally", 1), entry("J__to__E", 1));
    for (int i = 1; i <= 4; i++) {
      assertThat(d.task("B" + i)).isEqualTo(TaskState.COMPLETED);
    }

    d.fire("E"); // second round
    d.fire("A");
    d.fire("B1");
    assertThat(d.task("E")).as("the count restarted").isEqualTo(TaskState.COMPLETED);
    d.fire("B3");
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("E")).isEqualTo(2);
    d.fire("B2");
    d.fire("B4");
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("tally", 1), entry("end", 1));
  }

  // ------------------------------------------------------------------ WCP-28, WCP-31

  /**
   * A blocking N-out-of-M join in a loop: the counting idiom plus one gate per branch. start → S
   * ⇒AND {tally, ready1..readyM, A}; A ⇒AND {B1..Bm}; Bi → ci; Gi (dummy, AND-join of ci and
   * readyi) → arrived; J as in {@link #partialJoin}, and at the M-th firing also R; R (dummy) ⇒AND
   * {ready1..readyM}. An arrival of the next round waits in ci until R re-opens the gate.
   */
  static WorkflowDefinition blockingJoin(String name, int n, int m) {
    WorkflowBuilder b =
        Builder.workflow(name).startCondition("start").condition("tally").condition("arrived");
    for (int i = 1; i <= m; i++) {
      b = b.condition("c" + i).condition("ready" + i);
    }
    b = b.dummyTask("S", dummy()).task("A", autoInit().withJoinType(JoinType.XOR));
    for (int i = 1; i <= m; i++) {
      b = b.task("B" + i, autoInit()).dummyTask("G" + i, dummy());
    }
    b =
        b.dummyTask("J", dummy().withSplitType(SplitType.OR))
            .dummyTask("R", dummy())
            .task("E", autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("S"))
            .connectTask(
                "S",
                to -> {
                  to = to.condition("tally");
                  for (int i = 1; i <= m; i++) {
                    to = to.condition("ready" + i);
                  }
                  return to.task("A");
                })
            .connectTask("A", to -> toBranches(to, m));
    for (int i = 1; i <= m; i++) {
      String c = "c" + i;
      String g = "G" + i;
      b =
          b.connectTask("B" + i, to -> to.condition(c))
              .connectCondition(c, to -> to.task(g))
              .connectCondition("ready" + i, to -> to.task(g))
              .connectTask(g, to -> to.condition("arrived"));
    }
    return b.connectCondition("arrived", to -> to.task("J"))
        .connectCondition("tally", to -> to.task("J"))
        .connectTask(
            "J",
            to ->
                to.condition("tally")
                    .task("E")
                    .task("R")
                    .routes(
                        ctx -> {
                          int pos = positionInRound(ctx, m);
                          List<Route> r = new ArrayList<>(List.of(ctx.toCondition("tally")));
                          if (pos == n) {
                            r.add(ctx.toTask("E"));
                          }
                          if (pos == m) {
                            r.add(ctx.toTask("R"));
                          }
                          return r;
                        }))
        .connectTask(
            "R",
            to -> {
              for (int i = 1; i <= m; i++) {
                to = to.condition("ready" + i);
              }
              return to;
            })
        .connectTask("E", AdvancedBranchingPatternsTest::backToAOnceThenEnd)
        .build();
  }

  /**
   * WCP-28 Blocking Discriminator: "first arrival fires the join; later arrivals are absorbed;
   * arrivals belonging to the next round are blocked until the join has reset." Partial: there is
   * no blocking join; each branch needs a gate (a dummy task and a condition). B1 fires the join,
   * the case loops back before B2 and B3 arrived, and B1's second-round arrival waits at its gate
   * until B3's first-round arrival resets the join; then it fires the join for round two.
   */
  @DbTest
  void wcp28BlockingDiscriminator(TestDatabase db) {
    var d =
        Driver.start(
            db.engine(blockingJoin("blockingDiscriminator", 1, 3)), "blockingDiscriminator");
    d.fire("A");
    d.fire("B1");
    assertThat(d.enabled()).containsExactly("B2", "B3", "E");
    d.fire("E"); // round two starts while B2 and B3 of round one are still pending
    d.fire("A");
    d.fire("B1"); // B1 of round two
    assertThat(d.marked()).containsEntry("c1", 1).doesNotContainKey("ready1");
    assertThat(d.task("E")).as("blocked until the reset").isEqualTo(TaskState.COMPLETED);

    d.fire("B2"); // round one: absorbed
    assertThat(d.task("E")).isEqualTo(TaskState.COMPLETED);
    d.fire("B3"); // round one's last arrival: reset, then the blocked arrival fires the join
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("E")).isEqualTo(2);
    assertThat(d.marked()).doesNotContainKey("c1").containsEntry("J__to__E", 1);

    d.fire("B2"); // round two: absorbed
    d.fire("B3");
    assertThat(d.generation("E")).isEqualTo(2);
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-31 Blocking Partial Join: "N-out-of-M join that blocks further triggers until all M have
   * arrived and it has reset." Partial, as WCP-28 (a gate per branch). 2-out-of-3: round two's
   * arrivals from B1 and B2 wait until B3 completes round one; then they fire the join.
   */
  @DbTest
  void wcp31BlockingPartialJoin(TestDatabase db) {
    var d =
        Driver.start(db.engine(blockingJoin("blockingPartialJoin", 2, 3)), "blockingPartialJoin");
    d.fire("A");
    d.fire("B1");
    assertThat(d.task("E")).isEqualTo(TaskState.DISABLED);
    d.fire("B2");
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    d.fire("E"); // round two, B3 of round one still pending
    d.fire("A");
    d.fire("B1");
    d.fire("B2");
    assertThat(d.marked()).containsEntry("c1", 1).containsEntry("c2", 1);
    assertThat(d.task("E")).as("two arrivals, but blocked").isEqualTo(TaskState.COMPLETED);

    d.fire("B3"); // round one completes: reset releases round two's arrivals
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("E")).isEqualTo(2);
    d.fire("B3");
    assertThat(d.generation("E")).isEqualTo(2);
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------ WCP-29, WCP-32

  /**
   * WCP-29 Cancelling Discriminator: "first arrival fires the join and the still-running incoming
   * branches are cancelled." D (dummy, XOR-join) fires on B2's arrival; its cancellation region
   * withdraws B1 (running) and B3 (enabled) with their work items and their input conditions.
   */
  @DbTest
  void wcp29CancellingDiscriminator(TestDatabase db) {
    var def =
        Builder.workflow("cancellingDiscriminator")
            .startCondition("start")
            .task("A", autoInit())
            .task("B1", autoInit())
            .task("B2", autoInit())
            .task("B3", autoInit())
            .dummyTask("D", dummy().withJoinType(JoinType.XOR))
            .task("E", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B1").task("B2").task("B3"))
            .connectTask("B1", to -> to.task("D"))
            .connectTask("B2", to -> to.task("D"))
            .connectTask("B3", to -> to.task("D"))
            .connectTask("D", to -> to.task("E"))
            .connectTask("E", to -> to.condition("end"))
            .withCancellationRegion(
                "D",
                r ->
                    r.task("B1")
                        .task("B2")
                        .task("B3")
                        .condition("A__to__B1")
                        .condition("A__to__B2")
                        .condition("A__to__B3")
                        .condition("B1__to__D")
                        .condition("B2__to__D")
                        .condition("B3__to__D"))
            .build();
    var d = Driver.start(db.engine(def), "cancellingDiscriminator");
    d.fire("A");
    d.start(d.initialized("B1"));
    d.fire("B2");
    assertThat(d.task("B1")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("B3")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("B1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.wiStates("B3")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("B2")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("E");
    assertThat(d.marked()).containsOnly(entry("D__to__E", 1));
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("D")).isEqualTo(1);
  }

  /**
   * WCP-32 Cancelling Partial Join: "N-out-of-M join that cancels the remaining M−N branches once N
   * have arrived." 2-out-of-4 over four different tasks: the counting task C passes control at its
   * second firing to K, whose cancellation region withdraws the remaining branches; A lays a fresh
   * tally each round, so the next round counts afresh.
   */
  @DbTest
  void wcp32CancellingPartialJoin(TestDatabase db) {
    int n = 2;
    WorkflowBuilder b =
        Builder.workflow("cancellingPartialJoin")
            .startCondition("start")
            .condition("tally")
            .condition("arrived")
            .condition("fire")
            .task("A", autoInit().withJoinType(JoinType.XOR));
    for (int i = 1; i <= 4; i++) {
      b = b.task("B" + i, autoInit());
    }
    b =
        b.dummyTask("C", dummy().withSplitType(SplitType.OR))
            .dummyTask("K", dummy())
            .task("E", autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask(
                "A", to -> to.task("B1").task("B2").task("B3").task("B4").condition("tally"));
    for (int i = 1; i <= 4; i++) {
      b = b.connectTask("B" + i, to -> to.condition("arrived"));
    }
    var def =
        b.connectCondition("arrived", to -> to.task("C"))
            .connectCondition("tally", to -> to.task("C"))
            .connectTask(
                "C",
                to ->
                    to.condition("tally")
                        .condition("fire")
                        .routes(
                            ctx ->
                                positionInRound(ctx, n) == n
                                    ? List.of(ctx.toCondition("fire"))
                                    : List.of(ctx.toCondition("tally"))))
            .connectCondition("fire", to -> to.task("K"))
            .connectTask("K", to -> to.task("E"))
            .connectTask("E", AdvancedBranchingPatternsTest::backToAOnceThenEnd)
            .withCancellationRegion(
                "K",
                r ->
                    r.task("B1")
                        .task("B2")
                        .task("B3")
                        .task("B4")
                        .condition("A__to__B1")
                        .condition("A__to__B2")
                        .condition("A__to__B3")
                        .condition("A__to__B4")
                        .condition("arrived"))
            .build();
    var d = Driver.start(db.engine(def), "cancellingPartialJoin");
    d.fire("A");
    d.start(d.initialized("B3"));
    d.fire("B1");
    assertThat(d.task("E")).isEqualTo(TaskState.DISABLED);
    assertThat(d.in(TaskState.ENABLED)).containsExactly("B2", "B4");
    d.fire("B4");
    assertThat(d.task("B2")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("B3")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("B3")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.enabled()).containsExactly("E");
    assertThat(d.marked()).containsOnly(entry("K__to__E", 1));

    d.fire("E"); // second round
    d.fire("A");
    d.fire("B2");
    assertThat(d.task("E")).isEqualTo(TaskState.COMPLETED);
    d.fire("B3");
    assertThat(d.task("E")).isEqualTo(TaskState.ENABLED);
    assertThat(d.task("B1")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("B4")).isEqualTo(TaskState.CANCELED);
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  // ------------------------------------------------------------------ WCP-33

  /**
   * WCP-33 Generalised AND-Join: "AND-join for non-safe nets: fires whenever every input holds at
   * least one token, consuming one from each; surplus tokens wait for later firings." c1 receives
   * two tokens before c2 receives its second: D fires once, keeps the surplus, and fires again when
   * c2 is marked again.
   */
  @DbTest
  void wcp33GeneralisedAndJoin(TestDatabase db) {
    var def =
        Builder.workflow("generalisedAndJoin")
            .startCondition("start")
            .condition("c1")
            .condition("c2")
            .condition("p")
            .task("A", autoInit())
            .task("B1", autoInit())
            .task("B2", autoInit())
            .task("B3", autoInit())
            .task("B4", autoInit())
            .task("D", autoInit())
            .task("E", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B1").task("B2").task("B3").task("B4"))
            .connectTask("B1", to -> to.condition("c1"))
            .connectTask("B2", to -> to.condition("c1"))
            .connectTask("B3", to -> to.condition("c2"))
            .connectTask("B4", to -> to.condition("c2"))
            .connectCondition("c1", to -> to.task("D"))
            .connectCondition("c2", to -> to.task("D"))
            .connectTask("D", to -> to.condition("p"))
            .connectCondition("p", to -> to.task("E"))
            .connectTask("E", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "generalisedAndJoin");
    d.fire("A");
    d.fire("B1");
    d.fire("B2");
    assertThat(d.task("D")).as("c2 still empty").isEqualTo(TaskState.DISABLED);
    d.fire("B3");
    assertThat(d.marked()).containsOnly(entry("c1", 2), entry("c2", 1), entry("A__to__B4", 1));
    d.fire("D");
    assertThat(d.task("D")).as("c2 is empty again").isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("c1", 1), entry("p", 1), entry("A__to__B4", 1));
    d.fire("B4");
    assertThat(d.task("D")).isEqualTo(TaskState.ENABLED);
    assertThat(d.generation("D")).isEqualTo(2);
    d.fire("D");
    assertThat(d.marked()).containsOnly(entry("p", 2));
    assertThat(d.task("D")).isEqualTo(TaskState.COMPLETED);
  }

  // ------------------------------------------------------------------ WCP-37, WCP-38

  /**
   * WCP-37 Local Synchronizing Merge: "OR-join that can decide from locally available information
   * when all active incoming branches have arrived; no loops around it." start → A ⇒AND {B, C}; C
   * ⇒OR {D, E}; D → E; B → F; E (OR-join) → F (OR-join) → end, an unstructured acyclic net: when C
   * chose D and E, E waits for D; when C chose E only, E fires at once; F fires once either way.
   */
  @DbTest
  void wcp37LocalSynchronizingMerge(TestDatabase db) {
    var def =
        Builder.workflow("localSyncMerge")
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
            .connectTask(
                "C",
                to ->
                    to.task("D").task("E").routes(AdvancedBranchingPatternsTest::branchesOfTheCase))
            .connectTask("D", to -> to.task("E"))
            .connectTask("B", to -> to.task("F"))
            .connectTask("E", to -> to.task("F"))
            .connectTask("F", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);

    var both = Patterns.start(engine, "localSyncMerge", new Branches(List.of("D", "E")));
    both.fire("A");
    both.fire("C");
    assertThat(both.enabled()).as("E waits for D").containsExactly("B", "D");
    both.fire("B");
    assertThat(both.task("F")).as("F waits for E").isEqualTo(TaskState.DISABLED);
    both.fire("D");
    assertThat(both.enabled()).containsExactly("E");
    both.fire("E");
    assertThat(both.enabled()).containsExactly("F");
    both.fire("F");
    assertThat(both.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(both.generation("E")).isEqualTo(1);
    assertThat(both.generation("F")).isEqualTo(1);

    var direct = Patterns.start(engine, "localSyncMerge", new Branches(List.of("E")));
    direct.fire("A");
    direct.fire("C");
    assertThat(direct.enabled()).as("nothing to wait for").containsExactly("B", "E");
    direct.fire("E");
    assertThat(direct.task("F")).as("B still active").isEqualTo(TaskState.DISABLED);
    direct.fire("B");
    direct.fire("F");
    assertThat(direct.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(direct.generation("D")).isZero();
  }

  /**
   * WCP-38 General Synchronizing Merge: "OR-join for arbitrary, including cyclic, nets: fire when
   * every incoming branch has either arrived or can no longer be reached; needs a global analysis
   * of the current marking." start → A (XOR-join) ⇒OR {loop, C}; loop → B ⇒XOR {loop, F}; C → F; F
   * (OR-join) → G ⇒XOR {A, end}. In round one F waits for B while B can still loop; in round two A
   * takes only C and F fires at once, although it lies on a cycle through A.
   */
  @DbTest
  void wcp38GeneralSynchronizingMerge(TestDatabase db) {
    var def =
        Builder.workflow("generalSyncMerge")
            .startCondition("start")
            .condition("loop")
            .task("A", autoInit().withJoinType(JoinType.XOR).withSplitType(SplitType.OR))
            .task("B", autoInit().withSplitType(SplitType.XOR))
            .task("C", autoInit())
            .task("F", autoInit().withJoinType(JoinType.OR))
            .task("G", autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask(
                "A",
                to ->
                    to.condition("loop")
                        .task("C")
                        .routes(
                            ctx ->
                                ctx.task().generation() == 1
                                    ? List.of(ctx.toCondition("loop"), ctx.toTask("C"))
                                    : List.of(ctx.toTask("C"))))
            .connectCondition("loop", to -> to.task("B"))
            .connectTask(
                "B",
                to ->
                    to.condition("loop")
                        .task("F")
                        .route(
                            ctx ->
                                ctx.task().generation() == 1
                                    ? ctx.toCondition("loop")
                                    : ctx.toTask("F")))
            .connectTask("C", to -> to.task("F"))
            .connectTask("F", to -> to.task("G"))
            .connectTask("G", AdvancedBranchingPatternsTest::backToAOnceThenEnd)
            .build();
    var d = Driver.start(db.engine(def), "generalSyncMerge");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("B", "C");
    d.fire("C");
    assertThat(d.task("F")).as("B can still deliver").isEqualTo(TaskState.DISABLED);
    d.fire("B"); // loops back
    assertThat(d.enabled()).containsExactly("B");
    assertThat(d.task("F")).as("B can still deliver").isEqualTo(TaskState.DISABLED);
    d.fire("B"); // leaves the loop
    assertThat(d.enabled()).containsExactly("F");
    d.fire("F");
    assertThat(d.marked()).containsOnly(entry("F__to__G", 1));
    d.fire("G"); // round two: A takes C only

    d.fire("A");
    assertThat(d.enabled()).containsExactly("C");
    d.fire("C");
    assertThat(d.enabled()).as("B can no longer deliver").containsExactly("F");
    assertThat(d.generation("F")).isEqualTo(2);
    d.fire("F");
    d.fire("G");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("B")).isEqualTo(2);
  }

  // ------------------------------------------------------------------ WCP-41, WCP-42

  static final int THREADS = 3;

  /**
   * Thread split and merge on one branch. start → A ⇒AND {spawn, mergeTally}; S (dummy) on spawn
   * ⇒OR: threads, and spawn again until its THREADS-th firing; T (one work item per run) on threads
   * → done; M (dummy, AND-join of done and mergeTally) ⇒OR: always mergeTally, E at its THREADS-th
   * firing; E → end.
   */
  static WorkflowDefinition threads() {
    return Builder.workflow("threads")
        .startCondition("start")
        .condition("spawn")
        .condition("threads")
        .condition("done")
        .condition("mergeTally")
        .task("A", autoInit())
        .dummyTask("S", dummy().withSplitType(SplitType.OR))
        .task("T", autoInit())
        .dummyTask("M", dummy().withSplitType(SplitType.OR))
        .task("E", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.condition("spawn").condition("mergeTally"))
        .connectCondition("spawn", to -> to.task("S"))
        .connectTask(
            "S",
            to ->
                to.condition("threads")
                    .condition("spawn")
                    .routes(
                        ctx ->
                            positionInRound(ctx, THREADS) < THREADS
                                ? List.of(ctx.toCondition("threads"), ctx.toCondition("spawn"))
                                : List.of(ctx.toCondition("threads"))))
        .connectCondition("threads", to -> to.task("T"))
        .connectTask("T", to -> to.condition("done"))
        .connectCondition("done", to -> to.task("M"))
        .connectCondition("mergeTally", to -> to.task("M"))
        .connectTask(
            "M",
            to ->
                to.condition("mergeTally")
                    .task("E")
                    .routes(
                        ctx ->
                            positionInRound(ctx, THREADS) == THREADS
                                ? List.of(ctx.toCondition("mergeTally"), ctx.toTask("E"))
                                : List.of(ctx.toCondition("mergeTally"))))
        .connectTask("E", to -> to.condition("end"))
        .build();
  }

  /**
   * WCP-42 Thread Split: "at one point of a single branch, a design-time number of concurrent
   * threads are started on that same branch." S lays three tokens into one condition; T, the next
   * task of the branch, runs once per thread. Partial: a task has one active generation, so the
   * threads pass through T one at a time, not concurrently (concurrent instances of one task are
   * work items, WCP-13/14).
   */
  @DbTest
  void wcp42ThreadSplit(TestDatabase db) {
    var d = Driver.start(db.engine(threads()), "threads");
    d.fire("A");
    assertThat(d.marked()).containsOnly(entry("threads", THREADS), entry("mergeTally", 1));
    assertThat(d.generation("S")).isEqualTo(THREADS);
    assertThat(d.enabled()).containsExactly("T");
    for (int run = 1; run <= THREADS; run++) {
      assertThat(d.generation("T")).isEqualTo(run);
      d.fire("T");
    }
    assertThat(d.task("T")).as("no fourth thread").isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).doesNotContainKey("threads");
  }

  /**
   * WCP-41 Thread Merge: "at one point of a single branch, a design-time number of threads of the
   * same case are coalesced into one." The three threads leaving T are merged by M: the first two
   * are consumed without output, the third passes one thread on to E.
   */
  @DbTest
  void wcp41ThreadMerge(TestDatabase db) {
    var d = Driver.start(db.engine(threads()), "threads");
    d.fire("A");
    d.fire("T");
    d.fire("T");
    assertThat(d.task("E")).as("two of three threads").isEqualTo(TaskState.DISABLED);
    assertThat(d.marked()).doesNotContainKey("done");
    d.fire("T");
    assertThat(d.enabled()).containsExactly("E");
    assertThat(d.marked()).containsOnly(entry("mergeTally", 1), entry("M__to__E", 1));
    d.fire("E");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("E")).as("one merged thread").isEqualTo(1);
  }
}

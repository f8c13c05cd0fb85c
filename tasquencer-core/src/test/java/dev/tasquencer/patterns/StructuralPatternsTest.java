package dev.tasquencer.patterns;

import static dev.tasquencer.patterns.Patterns.dummy;
import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * Workflow control-flow patterns about the shape of a net: cycles (WCP-10, WCP-21), termination
 * (WCP-11, WCP-43) and recursion (WCP-22).
 */
class StructuralPatternsTest {

  /** Case data: where the cycle is entered, and how often a loop body runs. */
  record Entry(String first) {}

  record Iterations(int count) {}

  /**
   * WCP-10 Arbitrary Cycles: "cycles with several entry and/or exit points (unstructured loops) may
   * be modelled." start → A ⇒XOR {b, c}; b → B → c; c → C ⇒XOR {b, end}: the cycle B → C → B can be
   * entered at B or at C; C leaves it on its second run.
   */
  @DbTest
  void wcp10ArbitraryCycles(TestDatabase db) {
    var def =
        Builder.workflow("cycles")
            .startCondition("start")
            .condition("b")
            .condition("c")
            .task("A", autoInit().withSplitType(SplitType.XOR))
            .task("B", autoInit())
            .task("C", autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask(
                "A",
                to ->
                    to.condition("b")
                        .condition("c")
                        .route(
                            ctx ->
                                ctx.toCondition(ctx.parent().workflowPayload(Entry.class).first())))
            .connectCondition("b", to -> to.task("B"))
            .connectTask("B", to -> to.condition("c"))
            .connectCondition("c", to -> to.task("C"))
            .connectTask(
                "C",
                to ->
                    to.condition("b")
                        .condition("end")
                        .route(
                            ctx ->
                                ctx.task().generation() == 1
                                    ? ctx.toCondition("b")
                                    : ctx.toCondition("end")))
            .build();
    var engine = db.engine(def);

    var atC = Patterns.start(engine, "cycles", new Entry("c"));
    atC.fire("A");
    assertThat(atC.enabled()).as("entered at C").containsExactly("C");
    atC.fire("C");
    assertThat(atC.enabled()).containsExactly("B");
    atC.fire("B");
    assertThat(atC.enabled()).containsExactly("C");
    atC.fire("C");
    assertThat(atC.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(atC.generation("B")).isEqualTo(1);
    assertThat(atC.generation("C")).isEqualTo(2);

    var atB = Patterns.start(engine, "cycles", new Entry("b"));
    atB.fire("A");
    assertThat(atB.enabled()).as("entered at B").containsExactly("B");
    atB.fire("B");
    atB.fire("C");
    assertThat(atB.enabled()).containsExactly("B");
    atB.fire("B");
    atB.fire("C");
    assertThat(atB.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(atB.generation("B")).isEqualTo(2);
    assertThat(atB.marked()).containsOnly(entry("end", 1));
  }

  /**
   * start → A ⇒XOR {B, C}; B, C → D (AND-join) → end, where A's router always takes B: after B, D's
   * AND-join can never fire.
   */
  static WorkflowBuilder bOnlyBeforeAndJoin(String name) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("A", autoInit().withSplitType(SplitType.XOR))
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")))
        .connectTask("B", to -> to.task("D"))
        .connectTask("C", to -> to.task("D"))
        .connectTask("D", to -> to.condition("end"));
  }

  /**
   * Without {@code terminatesImplicitly()} a case completes only when its end condition is marked.
   * Here A's XOR split takes B only, so D's AND-join can never fire; nothing is enabled or running,
   * and the case stays started.
   */
  @DbTest
  void withoutImplicitTerminationOnlyTheEndConditionCompletesACase(TestDatabase db) {
    var d = Driver.start(db.engine(bOnlyBeforeAndJoin("stuck").build()), "stuck");
    d.fire("A");
    d.fire("B");
    assertThat(d.enabled()).isEmpty();
    assertThat(d.in(TaskState.STARTED)).isEmpty();
    assertThat(d.marked()).containsOnly(entry("B__to__D", 1));
    assertThat(d.state()).as("no implicit termination").isEqualTo(WorkflowState.STARTED);
  }

  /**
   * WCP-11 Implicit Termination: "a given process instance should terminate when there are no
   * remaining work items that are able to be done either now or at any time in the future." With
   * {@code terminatesImplicitly()}, the net above completes as soon as B has completed and nothing
   * is enabled or started, although its end condition is not marked (the token before D stays);
   * while the parallel branch C still runs, the case goes on.
   */
  @DbTest
  void wcp11ImplicitTermination(TestDatabase db) {
    var def =
        Builder.workflow("idleEnds")
            .startCondition("start")
            .task("A", autoInit().withSplitType(SplitType.OR))
            .task("B", autoInit())
            .task("C", autoInit())
            .task("D", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask(
                "A",
                to ->
                    to.task("B")
                        .task("C")
                        .task("D")
                        .routes(ctx -> java.util.List.of(ctx.toTask("B"), ctx.toTask("C"))))
            .connectTask("B", to -> to.condition("end"))
            .connectTask("C", to -> to.condition("end"))
            .connectTask("D", to -> to.condition("end"))
            .terminatesImplicitly()
            .build();
    var d = Driver.start(db.engine(def), "idleEnds");
    d.fire("A");
    assertThat(d.enabled()).containsExactlyInAnyOrder("B", "C");
    var c = d.initialized("C");
    d.start(c);
    d.fire("B");
    assertThat(d.state())
        .as("end is marked by B: explicit termination still applies")
        .isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("C")).isEqualTo(TaskState.CANCELED);

    var stuck =
        Builder.workflow("stuckEnds")
            .startCondition("start")
            .task("A", autoInit().withSplitType(SplitType.XOR))
            .task("B", autoInit())
            .task("C", autoInit())
            .task("E", autoInit())
            .task("D", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")))
            .connectTask("B", to -> to.task("D").task("E"))
            .connectTask("C", to -> to.task("D"))
            .connectTask("E", to -> to.condition("end"))
            .connectTask("D", to -> to.condition("end"))
            .terminatesImplicitly()
            .build();
    var s2 = Driver.start(db.engine(stuck), "stuckEnds");
    s2.fire("A");
    s2.fire("B");
    assertThat(s2.enabled()).as("D's AND-join can never fire; E can").containsExactly("E");
    var e = s2.initialized("E");
    s2.start(e);
    assertThat(s2.state()).as("E still runs").isEqualTo(WorkflowState.STARTED);
    s2.cmd().cancelWorkItem(e);
    assertThat(s2.task("E")).as("the default policy completes E").isEqualTo(TaskState.COMPLETED);
    assertThat(s2.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s2.marked()).containsOnly(entry("B__to__D", 1), entry("end", 1));

    var idle = bOnlyBeforeAndJoin("idleNoEnd").terminatesImplicitly().build();
    var s3 = Driver.start(db.engine(idle), "idleNoEnd");
    s3.fire("A");
    s3.fire("B");
    assertThat(s3.enabled()).isEmpty();
    assertThat(s3.state())
        .as("nothing can happen any more: the case ends without reaching its end condition")
        .isEqualTo(WorkflowState.COMPLETED);
    assertThat(s3.marked()).containsOnly(entry("B__to__D", 1));
  }

  /** Case data of the recursion: how many levels are still to go. */
  record Depth(int levels) {}

  /**
   * WCP-22 Recursion: "the ability of a task to invoke itself during its execution or an ancestor
   * in terms of the overall decomposition structure." A dummy XOR split reads the case's depth:
   * above 0 the recursive composite task creates a child of the same net with depth - 1, at 0 a
   * leaf task runs. Completing the deepest leaf completes every level, bottom-up.
   */
  @DbTest
  void wcp22Recursion(TestDatabase db) {
    var def =
        Builder.workflow("countdown")
            .startCondition("start")
            .dummyTask("check", Builder.dummyTask().withSplitType(SplitType.XOR))
            .compositeTask(
                "recurse",
                Builder.recursiveCompositeTask()
                    .onEnabled(
                        ctx ->
                            ctx.workflow()
                                .initialize(
                                    new Depth(
                                        ctx.parent().workflowPayload(Depth.class).levels() - 1))))
            .task("leaf", autoInit())
            .dummyTask("done", Builder.dummyTask().withJoinType(JoinType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("check"))
            .connectTask(
                "check",
                to ->
                    to.task("recurse")
                        .task("leaf")
                        .route(
                            ctx ->
                                ctx.parent().workflowPayload(Depth.class).levels() > 0
                                    ? ctx.toTask("recurse")
                                    : ctx.toTask("leaf")))
            .connectTask("recurse", to -> to.task("done"))
            .connectTask("leaf", to -> to.task("done"))
            .connectTask("done", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);
    UUID root = engine.internal().initializeRootWorkflow("countdown", new Depth(3));
    UUID level = root;
    java.util.List<UUID> levels = new java.util.ArrayList<>();
    levels.add(root);
    for (int i = 0; i < 3; i++) {
      var children = engine.queries().childWorkflows(level, "recurse");
      assertThat(children).hasSize(1);
      level = children.get(0).id();
      levels.add(level);
    }
    var deepest = new Driver(engine, level);
    assertThat(deepest.enabled()).containsExactly("leaf");
    assertThat(engine.queries().realizedPath(level)).containsExactlyElementsOf(levels);
    for (UUID l : levels) {
      assertThat(engine.queries().workflowState(l)).isEqualTo(WorkflowState.STARTED);
    }
    deepest.fire("leaf");
    for (UUID l : levels) {
      assertThat(engine.queries().workflowState(l)).isEqualTo(WorkflowState.COMPLETED);
    }
    assertThat(engine.queries().task(root, "recurse").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(engine.queries().task(level, "recurse").generation())
        .as("the recursion stops at depth 0")
        .isZero();
  }

  /**
   * WCP-43 Explicit Termination: "a case ends as soon as a designated end node is reached; any
   * remaining work is cancelled." B reaches the end condition while C runs and E is enabled: the
   * case completes, C is canceled and E withdrawn, with their work items.
   */
  @DbTest
  void wcp43ExplicitTermination(TestDatabase db) {
    var def =
        Builder.workflow("explicitEnd")
            .startCondition("start")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("E", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C").task("E"))
            .connectTask("B", to -> to.condition("end"))
            .connectTask("C", to -> to.condition("end"))
            .connectTask("E", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "explicitEnd");
    d.fire("A");
    d.start(d.initialized("C"));
    d.fire("B");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("C")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("E")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("C")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.wiStates("E")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsEntry("end", 1).doesNotContainKey("C__to__end");
  }

  /**
   * WCP-21 Structured Loop, pre-test ("while") variant: "a task or sub-process is repeated by a
   * single-entry, single-exit construct with a pre-test (while) or post-test (repeat) condition."
   * Partial: there is no loop construct; the loop is a cycle whose test is the XOR router of a
   * dummy task W (entry: W's XOR-join). The body runs as often as the case data says, also zero
   * times.
   */
  @DbTest
  void wcp21StructuredLoopWhile(TestDatabase db) {
    var def =
        Builder.workflow("while")
            .startCondition("start")
            .condition("test")
            .dummyTask("W", dummy().withJoinType(JoinType.XOR).withSplitType(SplitType.XOR))
            .task("Body", autoInit())
            .task("After", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("W"))
            .connectTask(
                "W",
                to ->
                    to.task("Body")
                        .task("After")
                        .route(
                            ctx ->
                                ctx.task().generation()
                                        <= ctx.parent().workflowPayload(Iterations.class).count()
                                    ? ctx.toTask("Body")
                                    : ctx.toTask("After")))
            .connectTask("Body", to -> to.condition("test"))
            .connectCondition("test", to -> to.task("W"))
            .connectTask("After", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);

    var twice = Patterns.start(engine, "while", new Iterations(2));
    assertThat(twice.enabled()).containsExactly("Body");
    twice.fire("Body");
    assertThat(twice.enabled()).containsExactly("Body");
    twice.fire("Body");
    assertThat(twice.enabled()).containsExactly("After");
    twice.fire("After");
    assertThat(twice.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(twice.generation("Body")).isEqualTo(2);
    assertThat(twice.generation("W")).as("tested three times").isEqualTo(3);

    var never = Patterns.start(engine, "while", new Iterations(0));
    assertThat(never.enabled()).as("pre-test fails at once").containsExactly("After");
    never.fire("After");
    assertThat(never.generation("Body")).isZero();
  }

  /**
   * WCP-21 Structured Loop, post-test ("repeat") variant. Partial, as above: Body's own XOR router
   * is the post-test, its XOR-join the single entry. The body runs at least once.
   */
  @DbTest
  void wcp21StructuredLoopRepeat(TestDatabase db) {
    var def =
        Builder.workflow("repeat")
            .startCondition("start")
            .condition("again")
            .task("Body", autoInit().withJoinType(JoinType.XOR).withSplitType(SplitType.XOR))
            .task("After", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("Body"))
            .connectTask(
                "Body",
                to ->
                    to.condition("again")
                        .task("After")
                        .route(
                            ctx ->
                                ctx.task().generation()
                                        < ctx.parent().workflowPayload(Iterations.class).count()
                                    ? ctx.toCondition("again")
                                    : ctx.toTask("After")))
            .connectCondition("again", to -> to.task("Body"))
            .connectTask("After", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);

    var three = Patterns.start(engine, "repeat", new Iterations(3));
    for (int run = 1; run <= 3; run++) {
      assertThat(three.enabled()).containsExactly("Body");
      assertThat(three.generation("Body")).isEqualTo(run);
      three.fire("Body");
    }
    assertThat(three.enabled()).containsExactly("After");
    three.fire("After");
    assertThat(three.state()).isEqualTo(WorkflowState.COMPLETED);

    var once = Patterns.start(engine, "repeat", new Iterations(0));
    UUID body = once.initialized("Body");
    once.start(body);
    once.complete(body);
    assertThat(once.enabled()).as("post-test: at least one run").containsExactly("After");
    assertThat(once.generation("Body")).isEqualTo(1);
  }
}

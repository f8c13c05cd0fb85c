package dev.tasquencer.builder;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.InvalidDefinitionException;
import dev.tasquencer.api.error.InvalidDefinitionException.Problem;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Build-time validation (D13): {@code build()} checks the whole net and reports every problem at
 * once, each naming the element and the fix. No database involved.
 */
class DefinitionValidationTest {

  /** start -> A -> B -> end: the valid net most cases break in one place. */
  static WorkflowBuilder base() {
    return Builder.workflow("w")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B"))
        .connectTask("B", to -> to.condition("end"));
  }

  /** start -> A; A -> B and A -> C (AND split); B -> end; C -> end. */
  static WorkflowBuilder parallel() {
    return Builder.workflow("w")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("B", to -> to.condition("end"))
        .connectTask("C", to -> to.condition("end"));
  }

  /** start -> A -> (XOR) B | C -> end, A without its connectTask. */
  static WorkflowBuilder xorWithoutFlows(SplitType split) {
    return Builder.workflow("w")
        .startCondition("start")
        .task("A", autoInit().withSplitType(split))
        .task("B", autoInit())
        .task("C", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("B", to -> to.condition("end"))
        .connectTask("C", to -> to.condition("end"));
  }

  /** Builds, expects an InvalidDefinitionException, and checks every problem is complete. */
  static List<Problem> problems(WorkflowBuilder b) {
    try {
      b.build();
    } catch (InvalidDefinitionException e) {
      assertThat(e).isInstanceOf(ConfigurationException.class);
      assertThat(e.workflow()).isEqualTo(b.name());
      assertThat(e.problems()).isNotEmpty();
      for (Problem p : e.problems()) {
        assertThat(p.element()).as("element of %s", p).isNotBlank();
        assertThat(p.message()).as("message of %s", p).isNotBlank();
        assertThat(p.fix()).as("fix of %s", p).isNotBlank();
        assertThat(e.getMessage()).contains(p.toString());
      }
      assertThat(e.getMessage())
          .contains(e.problems().size() + (e.problems().size() == 1 ? " problem:" : " problems:"));
      return e.problems();
    }
    return fail("build() accepted an invalid net");
  }

  /** The single problem of a net that is wrong in one place. */
  static Problem only(WorkflowBuilder b) {
    List<Problem> ps = problems(b);
    assertThat(ps).as("problems").hasSize(1);
    return ps.get(0);
  }

  static void check(Problem p, String element, String message, String fix) {
    assertThat(p.element()).as("element of %s", p).isEqualTo(element);
    assertThat(p.message()).as("message of %s", p).contains(message);
    assertThat(p.fix()).as("fix of %s", p).contains(fix);
  }

  @Test
  void baseNetIsValid() {
    WorkflowDefinition d = base().build();
    assertThat(d.warnings()).isEmpty();
    assertThat(parallel().build().warnings()).isEmpty();
  }

  @Nested
  class StartAndEnd {
    @Test
    void missingStartCondition() {
      var b =
          Builder.workflow("w")
              .condition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end"));
      check(only(b), "workflow 'w'", "has no start condition", ".startCondition(\"start\")");
    }

    @Test
    void missingEndCondition() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .condition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end"));
      check(only(b), "workflow 'w'", "has no end condition", ".endCondition(\"end\")");
    }

    @Test
    void twoStartConditions() {
      var b = base().startCondition("start2");
      check(
          only(b),
          "start conditions [start, start2]",
          "exactly one start condition",
          "keep one .startCondition(...)");
    }

    @Test
    void twoEndConditions() {
      var b = base().endCondition("end2");
      check(
          only(b),
          "end conditions [end, end2]",
          "exactly one end condition",
          "keep one .endCondition(...)");
    }

    @Test
    void flowIntoTheStartCondition() {
      var b =
          base()
              .task("C", autoInit())
              .connectTask("B", to -> to.condition("end").task("C"))
              .connectTask("C", to -> to.condition("start"));
      // B's second connectTask is a separate problem; use a fresh net instead
      b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end").condition("start"));
      check(
          only(b),
          "task 'A'",
          "flows into the start condition 'start'",
          "route it into another condition");
    }

    @Test
    void outgoingFlowOfTheEndCondition() {
      var b = base().connectCondition("end", to -> to.task("A"));
      check(
          only(b),
          "condition 'end'",
          "is the end condition and cannot have outgoing flows",
          "remove connectCondition(\"end\", ...)");
    }
  }

  @Nested
  class Names {
    @Test
    void blankWorkflowName() {
      var b =
          Builder.workflow(" ")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end"));
      check(only(b), "workflow", "has a blank name", "non-empty name");
    }

    @Test
    void blankVersion() {
      check(only(base().version("")), "workflow 'w'", "has a blank version", "non-empty version");
    }

    @Test
    void blankConditionName() {
      check(only(base().condition("  ")), "condition", "has a blank name", "non-empty name");
    }

    @Test
    void nullConditionNameIsReportedNotThrown() {
      List<Problem> ps = problems(base().condition(null));
      assertThat(ps).hasSize(1);
      check(ps.get(0), "condition", "has a blank name", "non-empty name");
    }

    @Test
    void blankAndNullTaskNames() {
      List<Problem> ps = problems(base().task("", autoInit()).task(null, autoInit()));
      assertThat(ps).hasSize(2);
      ps.forEach(p -> check(p, "task", "has a blank name", "non-empty name"));
    }

    @Test
    void duplicateCondition() {
      var b = base().condition("start");
      check(
          only(b),
          "condition 'start'",
          "is declared more than once",
          "declare each condition once");
    }

    @Test
    void duplicateTask() {
      var b = base().task("A", autoInit());
      check(only(b), "task 'A'", "is declared more than once", "its own name");
    }

    @Test
    void taskNamedLikeACondition() {
      var b = base().task("end", autoInit());
      check(
          only(b),
          "task 'end'",
          "has the same name as a condition",
          "names are unique within a workflow");
    }

    @Test
    void explicitConditionNamedLikeAnImplicitOne() {
      var b = base().condition("A__to__B");
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(2);
      check(
          ps.get(0),
          "condition 'A__to__B'",
          "clashes with the implicit condition of the flow A -> B",
          "rename the explicit condition");
      // renamed, the declared condition would still have no flows: said at once
      check(ps.get(1), "condition 'A__to__B'", "(unreachable)", "connect it from");
    }

    @Test
    void taskNamedLikeAnImplicitCondition() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("B", autoInit())
              .task("A__to__B", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("A__to__B"))
              .connectTask("A", to -> to.task("B"))
              .connectTask("B", to -> to.condition("end"))
              .connectTask("A__to__B", to -> to.condition("end"));
      List<Problem> ps = problems(b);
      assertThat(ps)
          .anySatisfy(
              p ->
                  check(
                      p,
                      "task 'A__to__B'",
                      "same name as the implicit condition of the flow A -> B",
                      "rename the task"));
    }

    @Test
    void twoFlowsWithTheSameImplicitConditionName() {
      // "X__to" -> "Y" and "X" -> "to__Y" both need the condition "X__to__to__Y"
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("X", autoInit())
              .task("X__to", autoInit())
              .task("Y", autoInit())
              .task("to__Y", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("X").task("X__to"))
              .connectTask("X__to", to -> to.task("Y"))
              .connectTask("X", to -> to.task("to__Y"))
              .connectTask("Y", to -> to.condition("end"))
              .connectTask("to__Y", to -> to.condition("end"));
      List<Problem> ps = problems(b);
      assertThat(ps)
          .anySatisfy(
              p ->
                  check(
                      p,
                      "condition 'X__to__to__Y'",
                      "is the implicit condition of two different flows",
                      "rename one of the tasks"));
    }
  }

  @Nested
  class UnknownNames {
    @Test
    void connectTaskOfAnUnknownName() {
      var b = base().connectTask("Z", to -> to.condition("end"));
      check(only(b), "connectTask('Z')", "no task named 'Z'", "declare it with .task(...)");
    }

    @Test
    void connectTaskOfAConditionHintsConnectCondition() {
      var b = base().connectTask("start", to -> to.task("B"));
      check(
          only(b),
          "connectTask('start')",
          "'start' is a condition, not a task",
          "use connectCondition(\"start\", ...)");
    }

    @Test
    void connectConditionOfAnUnknownName() {
      var b = base().connectCondition("nowhere", to -> to.task("A"));
      check(
          only(b),
          "connectCondition('nowhere')",
          "no condition named 'nowhere'",
          "declare it with .condition(...)");
    }

    @Test
    void connectConditionOfATaskHintsConnectTask() {
      var b = base().connectCondition("A", to -> to.task("B"));
      check(
          only(b),
          "connectCondition('A')",
          "'A' is a task, not a condition",
          "use connectTask(\"A\", ...)");
    }

    @Test
    void connectConditionOfAnImplicitCondition() {
      var b = base().connectCondition("A__to__B", to -> to.task("A"));
      check(
          only(b),
          "connectCondition('A__to__B')",
          "is an implicit condition",
          "declare an explicit condition");
    }

    @Test
    void flowToAnUnknownTask() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end").task("Z"));
      check(
          only(b),
          "connectTask('A')",
          "flows to an unknown task: there is no element named 'Z'",
          "declare the task with .task(\"Z\", ...)");
    }

    @Test
    void flowToATaskThatIsAConditionHintsToCondition() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.task("end"));
      // reported once: not again as a task without outgoing flows or as a dead end
      check(
          only(b),
          "connectTask('A')",
          "flows to an unknown task: 'end' is a condition",
          "use to.condition(\"end\")");
    }

    @Test
    void flowToAConditionThatIsATaskHintsToTask() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("B", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("B").task("B"))
              .connectTask("B", to -> to.condition("end"));
      check(
          only(b),
          "connectTask('A')",
          "flows to an unknown condition: 'B' is a task",
          "use to.task(\"B\")");
    }

    @Test
    void flowToAnUnknownCondition() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end").condition("nowhere"));
      check(
          only(b),
          "connectTask('A')",
          "flows to an unknown condition: there is no element named 'nowhere'",
          "declare the condition with .condition(\"nowhere\")");
    }

    @Test
    void flowIntoAnotherFlowsImplicitCondition() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("B", autoInit())
              .task("C", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("C"))
              .connectTask("A", to -> to.task("B"))
              .connectTask("C", to -> to.condition("A__to__B"))
              .connectTask("B", to -> to.condition("end"));
      List<Problem> ps = problems(b);
      check(
          ps.get(0),
          "connectTask('C')",
          "the implicit condition of another task-to-task flow",
          "declare an explicit condition");

      // the same mistake declared before the flow A -> B: still reported as an implicit name
      var before =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("B", autoInit())
              .task("C", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("C"))
              .connectTask("C", to -> to.condition("A__to__B"))
              .connectTask("A", to -> to.task("B"))
              .connectTask("B", to -> to.condition("end"));
      check(
          problems(before).get(0),
          "connectTask('C')",
          "unknown condition",
          "implicit conditions (\"A__to__B\") belong to their flow");
    }

    @Test
    void conditionFlowToAnUnknownTask() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("Z"))
              .connectTask("A", to -> to.condition("end"));
      check(
          only(b),
          "connectCondition('start')",
          "flows to an unknown task: there is no element named 'Z'",
          "declare the task with .task(\"Z\", ...)");
    }
  }

  @Nested
  class Flows {
    @Test
    void conditionToConditionFlow() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .condition("c")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("c"))
              .connectTask("A", to -> to.condition("c"))
              .connectCondition("c", to -> to.task("end"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(2);
      check(
          ps.get(0),
          "condition 'start'",
          "flows into condition 'c'; a condition can only flow into tasks",
          "put a task (a dummy task if it only routes) between the two conditions");
      check(
          ps.get(1),
          "condition 'c'",
          "flows into condition 'end'",
          "put a task (a dummy task if it only routes)");
    }

    @Test
    void duplicateTaskFlows() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("B", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.task("B").task("B"))
              .connectTask("B", to -> to.condition("end").condition("end"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(2);
      check(ps.get(0), "task 'A'", "declares the flow to 'B' twice", "declare each flow once");
      check(ps.get(1), "task 'B'", "declares the flow to 'end' twice", "declare each flow once");
    }

    @Test
    void duplicateConditionFlows() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("A"))
              .connectTask("A", to -> to.condition("end"));
      check(
          only(b), "condition 'start'", "declares the flow to 'A' twice", "declare each flow once");
    }

    @Test
    void secondConnectTaskCall() {
      var b = base().connectTask("A", to -> to.condition("end"));
      check(
          only(b),
          "task 'A'",
          "declared by more than one connectTask call",
          "declare all of them in one connectTask(\"A\", ...)");
    }

    @Test
    void secondConnectTaskCallAfterAnInvalidFirstOne() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.task("Z"))
              .connectTask("A", to -> to.condition("end"));
      assertThat(problems(b))
          .anySatisfy(
              p -> check(p, "task 'A'", "more than one connectTask call", "one connectTask"));
    }

    @Test
    void secondConnectConditionCall() {
      var b = base().connectCondition("start", to -> to.task("B"));
      check(
          only(b),
          "condition 'start'",
          "declared by more than one connectCondition call",
          "declare all of them in one connectCondition(\"start\", ...)");
    }

    @Test
    void connectCallsWithoutFlows() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .condition("c")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectCondition("c", to -> to)
              .connectTask("A", to -> to.condition("end"));
      assertThat(problems(b))
          .anySatisfy(p -> check(p, "connectCondition('c')", "declares no flow", "add .task(...)"));
      var t =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to);
      assertThat(problems(t))
          .anySatisfy(p -> check(p, "connectTask('A')", "declares no flow", "add .task(...)"));
    }

    @Test
    void taskWithoutIncomingFlow() {
      var b = base().task("C", autoInit()).connectTask("C", to -> to.condition("end"));
      check(only(b), "task 'C'", "has no incoming flow", "connect a condition to it");
    }

    @Test
    void taskWithoutOutgoingFlow() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("C", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A").task("C"))
              .connectTask("A", to -> to.condition("end"));
      check(only(b), "task 'C'", "has no outgoing flow", "declare connectTask(\"C\", to -> ...)");
    }
  }

  @Nested
  class Paths {
    @Test
    void unreachableElements() {
      // C <-> D loop that only the end sees, plus a declared condition nobody uses
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("C", autoInit())
              .task("D", autoInit())
              .condition("orphan")
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end"))
              .connectTask("C", to -> to.task("D"))
              .connectTask("D", to -> to.task("C").condition("end"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(3);
      check(
          ps.get(0),
          "condition 'orphan'",
          "is not on a path from the start condition 'start' (unreachable)",
          "connect it from an element that the start condition reaches, or remove it");
      check(ps.get(1), "task 'C'", "(unreachable)", "or remove it");
      check(ps.get(2), "task 'D'", "(unreachable)", "or remove it");
    }

    @Test
    void deadEnds() {
      // A -> sink -> S -> sink: S and sink never reach the end
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("S", autoInit())
              .condition("sink")
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end").condition("sink"))
              .connectCondition("sink", to -> to.task("S"))
              .connectTask("S", to -> to.condition("sink"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(2);
      check(
          ps.get(0),
          "condition 'sink'",
          "is not on a path to the end condition 'end' (a dead end)",
          "connect it towards the end condition, or remove it");
      check(ps.get(1), "task 'S'", "(a dead end)", "connect it towards the end condition");
    }

    @Test
    void startConditionWithoutFlows() {
      var b =
          Builder.workflow("w")
              .startCondition("start")
              .condition("c")
              .task("A", autoInit())
              .endCondition("end")
              .connectCondition("c", to -> to.task("A"))
              .connectTask("A", to -> to.condition("end"));
      List<Problem> ps = problems(b);
      assertThat(ps)
          .anySatisfy(p -> check(p, "condition 'start'", "(a dead end)", "connect it towards"));
      assertThat(ps).anySatisfy(p -> check(p, "task 'A'", "(unreachable)", "connect it from"));
    }
  }

  @Nested
  class Routing {
    @Test
    void xorSplitWithoutRouter() {
      var b = xorWithoutFlows(SplitType.XOR).connectTask("A", to -> to.task("B").task("C"));
      check(only(b), "task 'A'", "has a XOR split but no router", "add .route(ctx -> ");
    }

    @Test
    void orSplitWithoutRouter() {
      var b = xorWithoutFlows(SplitType.OR).connectTask("A", to -> to.task("B").task("C"));
      check(only(b), "task 'A'", "has an OR split but no router", "add .routes(ctx -> ");
    }

    @Test
    void xorSplitWithAnOrRouter() {
      var b =
          xorWithoutFlows(SplitType.XOR)
              .connectTask(
                  "A", to -> to.task("B").task("C").routes(ctx -> List.of(ctx.toTask("B"))));
      check(
          only(b),
          "task 'A'",
          "has a XOR split but declares an OR router with .routes(...)",
          "use .route(ctx -> ...)");
    }

    @Test
    void orSplitWithAXorRouter() {
      var b =
          xorWithoutFlows(SplitType.OR)
              .connectTask("A", to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")));
      check(
          only(b),
          "task 'A'",
          "has an OR split but declares a XOR router with .route(...)",
          "use .routes(ctx -> List.of(...))");
    }

    @Test
    void routerOnAnAndSplit() {
      var b =
          xorWithoutFlows(SplitType.AND)
              .connectTask("A", to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")));
      check(
          only(b),
          "task 'A'",
          "has an AND split but declares a router",
          "remove the router, or give the task .withSplitType(");
      var or =
          xorWithoutFlows(SplitType.AND)
              .connectTask(
                  "A", to -> to.task("B").task("C").routes(ctx -> List.of(ctx.toTask("B"))));
      check(only(or), "task 'A'", "has an AND split but declares a router", "remove the router");
    }

    @Test
    void defaultFlowOnAnAndSplit() {
      var b =
          xorWithoutFlows(SplitType.AND)
              .connectTask("A", to -> to.task("B").task("C").defaultTask("B"));
      check(
          only(b),
          "task 'A'",
          "has an AND split but declares a default flow",
          "remove the default, or give the task a XOR or OR split");
    }

    @Test
    void defaultFlowNotAmongTheFlows() {
      var b =
          xorWithoutFlows(SplitType.XOR)
              .connectTask(
                  "A",
                  to ->
                      to.task("B").task("C").route(ctx -> ctx.toTask("B")).defaultCondition("end"));
      check(
          only(b),
          "task 'A'",
          "its default flow toCondition(end) is not one of its outgoing flows",
          "declare the flow with .task/.condition in the same connectTask call");
      var t =
          xorWithoutFlows(SplitType.OR)
              .connectTask(
                  "A", to -> to.task("B").routes(ctx -> List.of(ctx.toTask("B"))).defaultTask("C"));
      // C then also lacks its only incoming flow
      assertThat(problems(t))
          .anySatisfy(
              p ->
                  check(
                      p,
                      "task 'A'",
                      "its default flow toTask(C) is not one of its outgoing flows",
                      "same connectTask call"));
    }

    @Test
    void validDefaultFlowsBuild() {
      var x =
          xorWithoutFlows(SplitType.XOR)
              .connectTask("A", to -> to.task("B").task("C").route(ctx -> null).defaultTask("C"))
              .build();
      assertThat(x.task("A").orElseThrow().defaultOutput().name()).isEqualTo("A__to__C");
      var o =
          xorWithoutFlows(SplitType.OR)
              .connectTask(
                  "A", to -> to.task("B").task("C").routes(ctx -> List.of()).defaultTask("B"))
              .build();
      assertThat(o.task("A").orElseThrow().defaultOutput().name()).isEqualTo("A__to__B");
    }

    @Test
    void orJoinWithoutAnOrSplitUpstreamIsAWarningNotAProblem() {
      var lone =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit())
              .task("J", autoInit().withJoinType(JoinType.OR))
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.task("J"))
              .connectTask("J", to -> to.condition("end"))
              .build();
      assertThat(lone.warnings())
          .singleElement()
          .asString()
          .contains("task 'J'", "has an OR-join but no OR-split lies upstream of it");
      var paired =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit().withSplitType(SplitType.OR))
              .task("B", autoInit())
              .dummyTask("J", Builder.dummyTask().withJoinType(JoinType.OR))
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask(
                  "A", to -> to.task("B").task("J").routes(ctx -> List.of(ctx.toTask("J"))))
              .connectTask("B", to -> to.task("J"))
              .connectTask("J", to -> to.condition("end"))
              .build();
      assertThat(paired.warnings()).isEmpty();
    }
  }

  @Nested
  class CancellationRegions {
    @Test
    void unknownOwner() {
      var b = parallel().withCancellationRegion("Z", r -> r.task("C"));
      check(
          only(b),
          "cancellation region of 'Z'",
          "its owner is unknown: there is no element named 'Z'",
          "name a task of this workflow as the owner");
      var cond = parallel().withCancellationRegion("end", r -> r.task("C"));
      check(
          only(cond),
          "cancellation region of 'end'",
          "its owner is unknown: 'end' is a condition",
          "only tasks have cancellation regions");
    }

    @Test
    void unknownMembers() {
      var b =
          parallel()
              .withCancellationRegion(
                  "B", r -> r.task("Z").task("end").condition("nowhere").condition("C"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(4);
      check(
          ps.get(0),
          "cancellation region of 'B'",
          "names an unknown task: there is no element named 'Z'",
          "list only tasks of this workflow with .task(...)");
      check(
          ps.get(1),
          "cancellation region of 'B'",
          "names an unknown task: 'end' is a condition",
          "list it with .condition(\"end\") instead of .task(...)");
      check(
          ps.get(2),
          "cancellation region of 'B'",
          "names an unknown condition: there is no element named 'nowhere'",
          "implicit ones as \"A__to__B\"");
      check(
          ps.get(3),
          "cancellation region of 'B'",
          "names an unknown condition: 'C' is a task",
          "list it with .task(\"C\") instead of .condition(...)");
    }

    @Test
    void ownerInItsOwnRegion() {
      var b = parallel().withCancellationRegion("B", r -> r.task("B").task("C"));
      check(
          only(b),
          "cancellation region of 'B'",
          "contains its own owner",
          "a task cannot cancel itself");
    }

    @Test
    void membersListedTwice() {
      var b =
          parallel()
              .withCancellationRegion(
                  "B", r -> r.task("C").task("C").condition("A__to__C").condition("A__to__C"));
      List<Problem> ps = problems(b);
      assertThat(ps).hasSize(2);
      check(
          ps.get(0), "cancellation region of 'B'", "lists task 'C' twice", "list each member once");
      check(
          ps.get(1),
          "cancellation region of 'B'",
          "lists condition 'A__to__C' twice",
          "list each member once");
    }

    @Test
    void regionDeclaredTwice() {
      var b =
          parallel()
              .withCancellationRegion("B", r -> r.task("C").condition("A__to__C"))
              .withCancellationRegion("B", r -> r.condition("end"));
      check(
          only(b),
          "cancellation region of 'B'",
          "is declared more than once",
          "declare all members in one withCancellationRegion(\"B\", ...)");
    }

    @Test
    void regionThatKeepsTheInputsOfACanceledTaskWarns() {
      var d = parallel().withCancellationRegion("B", r -> r.task("C")).build();
      assertThat(d.warnings()).hasSize(1);
      assertThat(d.warnings().get(0))
          .contains("cancellation region of 'B'")
          .contains("cancels task 'C'")
          .contains("[A__to__C]")
          .contains("add them to the region");
      assertThat(d.task("B").orElseThrow().regionTasks()).extracting("name").containsExactly("C");

      var quiet =
          parallel().withCancellationRegion("B", r -> r.task("C").condition("A__to__C")).build();
      assertThat(quiet.warnings()).isEmpty();
      assertThat(quiet.task("B").orElseThrow().regionConditions())
          .extracting("name")
          .containsExactly("A__to__C");
    }
  }

  @Test
  void everyProblemIsReportedInOneException() {
    var b =
        Builder.workflow("w")
            .startCondition("start")
            .task("A", autoInit().withSplitType(SplitType.XOR))
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A").task("Q"))
            .connectTask("A", to -> to.task("B").condition("end"))
            .connectTask("B", to -> to.condition("end"))
            .connectCondition("end", to -> to.task("B"))
            .withCancellationRegion("B", r -> r.task("B"));
    List<Problem> ps = problems(b);
    assertThat(ps)
        .extracting(Problem::element, Problem::message)
        .containsExactly(
            tuple("task 'A'", "is declared more than once"),
            tuple(
                "connectCondition('start')",
                "flows to an unknown task: there is no element named 'Q'"),
            tuple("task 'A'", "has a XOR split but no router"),
            tuple("condition 'end'", "is the end condition and cannot have outgoing flows"),
            tuple("cancellation region of 'B'", "contains its own owner"),
            tuple("task 'C'", "has no incoming flow"),
            tuple("task 'C'", "has no outgoing flow"));
  }

  @Test
  void pathProblemsAreReportedWithTheOthers() {
    // when no declared flow had to be dropped, the path checks run alongside the other checks
    var b =
        Builder.workflow("w")
            .version(" ")
            .startCondition("start")
            .task("A", autoInit().withSplitType(SplitType.XOR))
            .task("B", autoInit())
            .task("X", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").condition("end"))
            .connectTask("B", to -> to.condition("end"))
            .connectTask("X", to -> to.task("B"));
    assertThat(problems(b))
        .extracting(Problem::element, Problem::message)
        .containsExactly(
            tuple("workflow 'w'", "has a blank version"),
            tuple("task 'A'", "has a XOR split but no router"),
            tuple("task 'X'", "has no incoming flow"));
    var unreachable =
        Builder.workflow("w")
            .version(" ")
            .startCondition("start")
            .task("A", autoInit())
            .task("X", autoInit())
            .task("Y", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("end"))
            .connectTask("X", to -> to.task("Y"))
            .connectTask("Y", to -> to.task("X").condition("end"));
    assertThat(problems(unreachable))
        .extracting(Problem::element, Problem::message)
        .containsExactly(
            tuple("workflow 'w'", "has a blank version"),
            tuple("task 'X'", "is not on a path from the start condition 'start' (unreachable)"),
            tuple("task 'Y'", "is not on a path from the start condition 'start' (unreachable)"));
  }

  @Test
  void pathProblemsOfTheValidPartAreReportedAlongsideARejectedFlow() {
    // A's flow to an unknown element is dropped; whatever it should have been, it leaves the
    // unused condition without a way to the end, so both problems come in one exception
    var b =
        Builder.workflow("w")
            .startCondition("start")
            .task("A", autoInit())
            .condition("island")
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("end").task("Ghost"));
    assertThat(problems(b))
        .extracting(Problem::element, Problem::message)
        .containsExactly(
            tuple(
                "connectTask('A')", "flows to an unknown task: there is no element named 'Ghost'"),
            tuple(
                "condition 'island'", "is not on a path to the end condition 'end' (a dead end)"));
  }

  @Test
  void elementsARejectedFlowMightConnectAreNotReportedAsOffThePath() {
    // A's misspelled flow may be meant for c, so neither c nor B is called unreachable; 'stuck'
    // and S never reach the end whatever A's flow becomes, so they are reported
    var b =
        Builder.workflow("w")
            .startCondition("start")
            .task("A", autoInit())
            .condition("c")
            .task("B", autoInit())
            .condition("stuck")
            .task("S", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("cx"))
            .connectCondition("c", to -> to.task("B"))
            .connectTask("B", to -> to.condition("end").condition("stuck"))
            .connectCondition("stuck", to -> to.task("S"))
            .connectTask("S", to -> to.condition("stuck"));
    assertThat(problems(b))
        .extracting(Problem::element, Problem::message)
        .containsExactly(
            tuple(
                "connectTask('A')",
                "flows to an unknown condition: there is no element named 'cx'"),
            tuple("condition 'stuck'", "is not on a path to the end condition 'end' (a dead end)"),
            tuple("task 'S'", "is not on a path to the end condition 'end' (a dead end)"));
  }

  @Nested
  class ValidStructure {
    /** start -> S; S -> c2, c1, P (AND); c1 -> J; P -> J; c2 -> J; J (XOR join) -> end. */
    WorkflowDefinition net() {
      return Builder.workflow("w")
          .startCondition("start")
          .condition("c1")
          .condition("c2")
          .task("S", autoInit())
          .task("P", autoInit())
          .task("J", autoInit().withJoinType(JoinType.XOR))
          .endCondition("end")
          .connectTask("J", to -> to.condition("end"))
          .connectCondition("c1", to -> to.task("J"))
          .connectTask("P", to -> to.task("J"))
          .connectCondition("c2", to -> to.task("J"))
          .connectTask("S", to -> to.condition("c2").condition("c1").task("P"))
          .connectCondition("start", to -> to.task("S"))
          .build();
    }

    @Test
    void implicitConditionsAndOrders() {
      WorkflowDefinition d = net();
      assertThat(d.tasks()).extracting(TaskDefinition::name).containsExactly("S", "P", "J");
      assertThat(d.tasks()).extracting(TaskDefinition::index).containsExactly(0, 1, 2);
      assertThat(d.conditions())
          .extracting(ConditionDefinition::name)
          .containsExactly("start", "c1", "c2", "end", "P__to__J", "S__to__P");
      assertThat(d.conditions())
          .extracting(ConditionDefinition::isImplicit)
          .containsExactly(false, false, false, false, true, true);
      assertThat(d.startCondition().name()).isEqualTo("start");
      assertThat(d.endCondition().name()).isEqualTo("end");
      assertThat(d.startCondition().isStart()).isTrue();
      assertThat(d.endCondition().isEnd()).isTrue();

      TaskDefinition j = d.task("J").orElseThrow();
      assertThat(j.inputs())
          .as("inputs in the order the flows into J were declared")
          .extracting(ConditionDefinition::name)
          .containsExactly("c1", "P__to__J", "c2");
      TaskDefinition s = d.task("S").orElseThrow();
      assertThat(s.outputs())
          .extracting(ConditionDefinition::name)
          .containsExactly("c2", "c1", "S__to__P");
      ConditionDefinition implicit = d.condition("S__to__P").orElseThrow();
      assertThat(implicit.producers()).extracting(TaskDefinition::name).containsExactly("S");
      assertThat(implicit.consumers()).extracting(TaskDefinition::name).containsExactly("P");
      assertThat(d.condition("c1").orElseThrow().consumers())
          .extracting(TaskDefinition::name)
          .containsExactly("J");
      assertThat(j.path()).containsExactly("w", "J");
      assertThat(d.warnings()).isEmpty();
    }

    @Test
    void builtDefinitionsAreImmutable() {
      WorkflowDefinition d = net();
      TaskDefinition j = d.task("J").orElseThrow();
      assertThat(j.inputs()).isUnmodifiable();
      assertThat(j.outputs()).isUnmodifiable();
      assertThat(d.tasks()).isUnmodifiable();
      assertThat(d.conditions()).isUnmodifiable();
      assertThat(d.condition("c1").orElseThrow().consumers()).isUnmodifiable();
    }

    @Test
    void structureHashIsStableForEqualNets() {
      assertThat(net().structureHash()).isEqualTo(net().structureHash()).hasSize(64);
      assertThat(base().build().structureHash()).isEqualTo(base().build().structureHash());
      // activities are behaviour, not structure
      var withHooks =
          Builder.workflow("w")
              .startCondition("start")
              .task("A", autoInit().onCompleted(ctx -> {}))
              .task("B", autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("A"))
              .connectTask("A", to -> to.task("B"))
              .connectTask("B", to -> to.condition("end"))
              .onInitialized(ctx -> {});
      assertThat(withHooks.build().structureHash()).isEqualTo(base().build().structureHash());
    }

    @Test
    void structureHashDiffersForDifferentNets() {
      String h = parallel().build().structureHash();
      Supplier<WorkflowBuilder> p = DefinitionValidationTest::parallel;
      List<WorkflowBuilder> variants =
          List.of(
              base(),
              // another workflow name
              Builder.workflow("w2")
                  .startCondition("start")
                  .task("A", autoInit())
                  .task("B", autoInit())
                  .task("C", autoInit())
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("B").task("C"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // flows declared in another order
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit())
                  .task("B", autoInit())
                  .task("C", autoInit())
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("C").task("B"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // another join
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit())
                  .task("B", autoInit())
                  .task("C", autoInit().withJoinType(JoinType.XOR))
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("B").task("C"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // another split
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit().withSplitType(SplitType.XOR))
                  .task("B", autoInit())
                  .task("C", autoInit())
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // a default flow
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit().withSplitType(SplitType.XOR))
                  .task("B", autoInit())
                  .task("C", autoInit())
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask(
                      "A",
                      to -> to.task("B").task("C").route(ctx -> ctx.toTask("B")).defaultTask("C"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // a cancellation region
              p.get().withCancellationRegion("B", r -> r.task("C").condition("A__to__C")),
              // another work item type
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit())
                  .task("B", autoInit())
                  .task("C", Builder.task(Builder.workItem("other")))
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("B").task("C"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")),
              // a dummy task instead of an atomic one
              Builder.workflow("w")
                  .startCondition("start")
                  .task("A", autoInit())
                  .task("B", autoInit())
                  .dummyTask("C", Builder.dummyTask())
                  .endCondition("end")
                  .connectCondition("start", to -> to.task("A"))
                  .connectTask("A", to -> to.task("B").task("C"))
                  .connectTask("B", to -> to.condition("end"))
                  .connectTask("C", to -> to.condition("end")));
      List<String> hashes = variants.stream().map(v -> v.build().structureHash()).toList();
      assertThat(hashes).doesNotContain(h).doesNotHaveDuplicates();
    }
  }
}

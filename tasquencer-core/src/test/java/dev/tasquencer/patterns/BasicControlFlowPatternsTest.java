package dev.tasquencer.patterns;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * Workflow control-flow patterns WCP-1 to WCP-5 (basic control flow), each rebuilt from the
 * pattern's definition in {@code workflow-patterns.md}. Every test also checks what must not
 * happen: a task enabled too early, a second firing, an extra token.
 */
class BasicControlFlowPatternsTest {

  /** The case data an exclusive choice reads: which branch to take. */
  record Order(String branch) {}

  /**
   * WCP-1 Sequence: "a task becomes enabled only after its predecessor in the same case has
   * completed." Net: start → A → B → end.
   */
  @DbTest
  void wcp01Sequence(TestDatabase db) {
    var def =
        Builder.workflow("wcp01")
            .startCondition("start")
            .task("A", autoInit())
            .task("B", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B"))
            .connectTask("B", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "wcp01");
    assertThat(d.enabled()).containsExactly("A");
    assertThat(d.task("B")).isEqualTo(TaskState.DISABLED);

    UUID a = d.initialized("A");
    d.start(a);
    assertThat(d.task("B")).as("not enabled while A runs").isEqualTo(TaskState.DISABLED);
    d.complete(a);
    assertThat(d.task("A")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("B");
    assertThat(d.marked()).containsOnly(entry("A__to__B", 1));

    d.fire("B");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("A")).isEqualTo(1);
    assertThat(d.generation("B")).isEqualTo(1);
  }

  /** start → A ⇒AND {B, C}; B, C → D (AND-join) → end. */
  static WorkflowDefinition parallel() {
    return Builder.workflow("parallel")
        .startCondition("start")
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B").task("C"))
        .connectTask("B", to -> to.task("D"))
        .connectTask("C", to -> to.task("D"))
        .connectTask("D", to -> to.condition("end"))
        .build();
  }

  /**
   * WCP-2 Parallel Split: "one thread of control splits into two or more branches that all run
   * concurrently." A's AND split enables B and C together; both can be running at the same time.
   */
  @DbTest
  void wcp02ParallelSplit(TestDatabase db) {
    var d = Driver.start(db.engine(parallel()), "parallel");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("B", "C");
    assertThat(d.marked()).containsOnly(entry("A__to__B", 1), entry("A__to__C", 1));

    UUID b = d.initialized("B");
    UUID c = d.initialized("C");
    d.start(c);
    d.start(b);
    assertThat(d.in(TaskState.STARTED)).containsExactly("B", "C");
    d.complete(b);
    assertThat(d.task("C")).as("C runs on independently").isEqualTo(TaskState.STARTED);
    d.complete(c);
    assertThat(d.enabled()).containsExactly("D");
  }

  /**
   * WCP-3 Synchronization: "concurrent branches converge; the successor starts only after every
   * incoming branch has completed, each exactly once." D's AND-join waits for B and C and fires
   * once.
   */
  @DbTest
  void wcp03Synchronization(TestDatabase db) {
    var d = Driver.start(db.engine(parallel()), "parallel");
    d.fire("A");
    d.fire("C");
    assertThat(d.task("D")).as("one branch is not enough").isEqualTo(TaskState.DISABLED);
    assertThat(d.marked()).containsOnly(entry("A__to__B", 1), entry("C__to__D", 1));

    d.fire("B");
    assertThat(d.enabled()).containsExactly("D");
    d.fire("D");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("D")).as("D fired exactly once").isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /** start → A ⇒XOR {B, C} (router reads the case's Order); B, C → D → end. */
  static WorkflowDefinition choice(JoinType join) {
    return Builder.workflow("choice")
        .startCondition("start")
        .task("A", autoInit().withSplitType(SplitType.XOR))
        .task("B", autoInit())
        .task("C", autoInit())
        .task("D", autoInit().withJoinType(join))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask(
            "A",
            to ->
                to.task("B")
                    .task("C")
                    .route(ctx -> ctx.toTask(ctx.parent().workflowPayload(Order.class).branch())))
        .connectTask("B", to -> to.task("D"))
        .connectTask("C", to -> to.task("D"))
        .connectTask("D", to -> to.condition("end"))
        .build();
  }

  /**
   * WCP-4 Exclusive Choice: "at a decision point exactly one outgoing branch is chosen, by data or
   * a decision evaluated there." A's XOR router reads the case data; only the chosen branch is
   * enabled, the other never is.
   */
  @DbTest
  void wcp04ExclusiveChoice(TestDatabase db) {
    var engine = db.engine(choice(JoinType.XOR));
    for (String chosen : new String[] {"B", "C"}) {
      String other = chosen.equals("B") ? "C" : "B";
      var d = Patterns.start(engine, "choice", new Order(chosen));
      d.fire("A");
      assertThat(d.enabled()).containsExactly(chosen);
      assertThat(d.marked()).containsOnly(entry("A__to__" + chosen, 1));
      d.fire(chosen);
      d.fire("D");
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(d.generation(other)).as("%s never enabled", other).isZero();
    }
  }

  /**
   * WCP-5 Simple Merge: "alternative branches (never active at the same time) converge; each
   * arrival passes control on, without waiting." D's XOR-join fires on the one branch that was
   * taken, without waiting for the other.
   */
  @DbTest
  void wcp05SimpleMerge(TestDatabase db) {
    var engine = db.engine(choice(JoinType.XOR));
    var d = Patterns.start(engine, "choice", new Order("C"));
    d.fire("A");
    d.fire("C");
    assertThat(d.enabled()).as("no waiting for B").containsExactly("D");
    d.fire("D");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("D")).isEqualTo(1);
    assertThat(d.generation("B")).isZero();
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }
}

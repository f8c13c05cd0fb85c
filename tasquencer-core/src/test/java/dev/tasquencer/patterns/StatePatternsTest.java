package dev.tasquencer.patterns;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * State-based workflow control-flow patterns: WCP-16 Deferred Choice, WCP-17 Interleaved Parallel
 * Routing, WCP-18 Milestone, WCP-39 Critical Section and WCP-40 Interleaved Routing. All of them
 * rest on a condition shared by several tasks: starting a task consumes its token, and the
 * enablement pass withdraws every task whose join no longer holds (D15).
 */
class StatePatternsTest {

  /**
   * WCP-16 Deferred Choice: "several branches are offered at once; the first one actually taken up
   * (by a user or an event) wins and the others are withdrawn. The environment, not data, makes the
   * choice." B and C share the condition "offer"; both have a work item waiting; starting C's
   * withdraws B and cancels its work item, and only C's branch continues.
   */
  @DbTest
  void wcp16DeferredChoice(TestDatabase db) {
    var def =
        Builder.workflow("deferredChoice")
            .startCondition("start")
            .condition("offer")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("D", autoInit().withJoinType(JoinType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("offer"))
            .connectCondition("offer", to -> to.task("B").task("C"))
            .connectTask("B", to -> to.task("D"))
            .connectTask("C", to -> to.task("D"))
            .connectTask("D", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);
    for (String taken : new String[] {"C", "B"}) {
      String other = taken.equals("C") ? "B" : "C";
      var d = Driver.start(engine, "deferredChoice");
      d.fire("A");
      assertThat(d.enabled()).containsExactly("B", "C");
      UUID w = d.initialized(taken);
      d.start(w);
      assertThat(d.task(other)).isEqualTo(TaskState.DISABLED);
      assertThat(d.wiStates(other)).containsExactly(WorkItemState.CANCELED);
      assertThat(d.marked()).isEmpty();
      d.complete(w);
      assertThat(d.enabled()).containsExactly("D");
      d.fire("D");
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(d.generation(other)).as("offered once, never run").isEqualTo(1);
    }
  }

  /**
   * WCP-16 Deferred Choice decided by an event: the branch W waits for a signal from the
   * environment (a work item created by an outside call, which starts itself), the branch B for a
   * user. The signal arrives first: its auto-start consumes the shared token and B is withdrawn.
   */
  @DbTest
  void wcp16DeferredChoiceByEvent(TestDatabase db) {
    var def =
        Builder.workflow("eventChoice")
            .startCondition("start")
            .task("W", TriggerPatternsTest.signalReceiver())
            .task("B", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("W").task("B"))
            .connectTask("W", to -> to.condition("end"))
            .connectTask("B", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "eventChoice");
    assertThat(d.enabled()).containsExactly("W", "B");
    d.engine.initializeWorkItem(d.id, "W", new TriggerPatternsTest.Signal("timeout"));
    assertThat(d.task("W")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("B")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("B")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-17 Interleaved Parallel Routing: "a set of tasks with a partial order must all run, in any
   * order consistent with it, but never two at the same time." Partial order A before B, C free;
   * every task of the set takes and returns the token of "mutex"; F clears it.
   */
  static WorkflowDefinition interleavedParallel() {
    return Builder.workflow("interleavedParallel")
        .startCondition("start")
        .condition("mutex")
        .task("S", autoInit())
        .task("A", autoInit())
        .task("B", autoInit())
        .task("C", autoInit())
        .task("F", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("S"))
        .connectTask("S", to -> to.task("A").task("C").condition("mutex"))
        .connectCondition("mutex", to -> to.task("A").task("B").task("C"))
        .connectTask("A", to -> to.task("B").condition("mutex"))
        .connectTask("B", to -> to.task("F").condition("mutex"))
        .connectTask("C", to -> to.task("F").condition("mutex"))
        .connectTask("F", to -> to.condition("end"))
        .withCancellationRegion("F", r -> r.condition("mutex"))
        .build();
  }

  /** WCP-17 (see {@link #interleavedParallel}): runs A, C, B, and checks mutual exclusion. */
  @DbTest
  void wcp17InterleavedParallelRouting(TestDatabase db) {
    var d = Driver.start(db.engine(interleavedParallel()), "interleavedParallel");
    d.fire("S");
    assertThat(d.enabled()).as("B only after A").containsExactly("A", "C");

    UUID a = d.initialized("A");
    d.start(a);
    assertThat(d.enabled()).as("nothing else while A runs").isEmpty();
    assertThat(d.wiStates("C")).containsExactly(WorkItemState.CANCELED);
    d.complete(a);
    assertThat(d.enabled()).containsExactly("B", "C");

    UUID c = d.initialized("C");
    d.start(c);
    assertThat(d.enabled()).as("nothing else while C runs").isEmpty();
    d.complete(c);
    assertThat(d.enabled()).containsExactly("B");
    d.fire("B");
    assertThat(d.enabled()).containsExactly("F");
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /**
   * WCP-18 Milestone: "a task may run only while the case is in a given state: the milestone has
   * been reached and not yet passed." The amendment task B needs the milestone "placed" (an
   * AND-join input it returns); R reaches it, C passes it (consumes it without returning it). B
   * waits before R, may run repeatedly between R and C, and is withdrawn once C ran. While B runs
   * it holds the milestone, so C waits (as in YAWL's modelling of the pattern).
   */
  @DbTest
  void wcp18Milestone(TestDatabase db) {
    var def =
        Builder.workflow("milestone")
            .startCondition("start")
            .condition("placed")
            .condition("amend")
            .task("A", autoInit())
            .task("R", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("D", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("R").condition("amend"))
            .connectTask("R", to -> to.condition("placed").task("C"))
            .connectCondition("placed", to -> to.task("B").task("C"))
            .connectCondition("amend", to -> to.task("B"))
            .connectTask("B", to -> to.condition("placed").condition("amend"))
            .connectTask("C", to -> to.task("D"))
            .connectTask("D", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "milestone");
    d.fire("A");
    assertThat(d.enabled()).as("milestone not reached yet").containsExactly("R");

    d.fire("R");
    assertThat(d.enabled()).containsExactly("B", "C");
    UUID b = d.initialized("B");
    d.start(b);
    assertThat(d.task("C")).as("B holds the milestone").isEqualTo(TaskState.DISABLED);
    d.complete(b);
    assertThat(d.enabled()).containsExactly("B", "C");
    d.fire("B"); // again: the milestone still holds
    assertThat(d.generation("B")).isEqualTo(3);

    d.fire("C"); // passes the milestone
    assertThat(d.task("B")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("B")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("amend", 1), entry("C__to__D", 1));
    assertThat(d.enabled()).containsExactly("D");
    d.fire("D");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-39 Critical Section: "two or more regions of one case must not run at the same time (mutual
   * exclusion)." Section one is P1 → Q1, section two is P2; P1 takes the token of "mutex", Q1
   * returns it, P2 takes and returns it; F clears it. While section one is anywhere between P1 and
   * Q1, section two cannot start, and vice versa.
   */
  @DbTest
  void wcp39CriticalSection(TestDatabase db) {
    var def =
        Builder.workflow("criticalSection")
            .startCondition("start")
            .condition("mutex")
            .task("A", autoInit())
            .task("P1", autoInit())
            .task("Q1", autoInit())
            .task("P2", autoInit())
            .task("F", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("P1").task("P2").condition("mutex"))
            .connectCondition("mutex", to -> to.task("P1").task("P2"))
            .connectTask("P1", to -> to.task("Q1"))
            .connectTask("Q1", to -> to.task("F").condition("mutex"))
            .connectTask("P2", to -> to.task("F").condition("mutex"))
            .connectTask("F", to -> to.condition("end"))
            .withCancellationRegion("F", r -> r.condition("mutex"))
            .build();
    var engine = db.engine(def);

    var d = Driver.start(engine, "criticalSection");
    d.fire("A");
    assertThat(d.enabled()).containsExactly("P1", "P2");
    d.fire("P1");
    assertThat(d.enabled()).as("section one is still inside").containsExactly("Q1");
    assertThat(d.task("P2")).isEqualTo(TaskState.DISABLED);
    d.fire("Q1");
    assertThat(d.enabled()).containsExactly("P2");
    d.fire("P2");
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);

    var other = Driver.start(engine, "criticalSection");
    other.fire("A");
    UUID p2 = other.initialized("P2");
    other.start(p2);
    assertThat(other.enabled()).as("section two is inside").isEmpty();
    other.complete(p2);
    assertThat(other.enabled()).containsExactly("P1");
    other.fire("P1");
    other.fire("Q1");
    other.fire("F");
    assertThat(other.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-40 Interleaved Routing: "each task of a set runs exactly once, in any order, never two at
   * once; continue after all." A, B and C take and return the token of "mutex"; F (AND-join of all
   * three) clears it. Run in the order B, C, A.
   */
  @DbTest
  void wcp40InterleavedRouting(TestDatabase db) {
    var def =
        Builder.workflow("interleaved")
            .startCondition("start")
            .condition("mutex")
            .task("S", autoInit())
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("F", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("S"))
            .connectTask("S", to -> to.task("A").task("B").task("C").condition("mutex"))
            .connectCondition("mutex", to -> to.task("A").task("B").task("C"))
            .connectTask("A", to -> to.task("F").condition("mutex"))
            .connectTask("B", to -> to.task("F").condition("mutex"))
            .connectTask("C", to -> to.task("F").condition("mutex"))
            .connectTask("F", to -> to.condition("end"))
            .withCancellationRegion("F", r -> r.condition("mutex"))
            .build();
    var d = Driver.start(db.engine(def), "interleaved");
    d.fire("S");
    assertThat(d.enabled()).containsExactly("A", "B", "C");
    String[] order = {"B", "C", "A"};
    for (int i = 0; i < order.length; i++) {
      UUID w = d.initialized(order[i]);
      d.start(w);
      assertThat(d.in(TaskState.STARTED)).containsExactly(order[i]);
      assertThat(d.enabled()).as("never two at once").isEmpty();
      d.complete(w);
      assertThat(d.task(order[i])).as("exactly once").isEqualTo(TaskState.COMPLETED);
    }
    assertThat(d.enabled()).containsExactly("F");
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }
}

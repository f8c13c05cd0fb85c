package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * Conformance group E: interleaved routing (CS-041, CS-042). The net is rebuilt from the legacy
 * snapshots: two paths a → b and c → d run in any interleaving, one task at a time, because every
 * task of both paths also takes and returns the token of the condition {@code mutex}.
 */
class GroupEInterleavedRoutingTest {

  /**
   * initial_task AND-splits into task_a → task_b and task_c → task_d, both joining finish_task;
   * mutex (marked by initial_task) is an extra input and output of task_a..task_d; finish_task's
   * cancellation region empties mutex.
   */
  static WorkflowDefinition interleaved() {
    return Builder.workflow("interleaved")
        .startCondition("start")
        .condition("mutex")
        .task("initial_task", autoInit())
        .task("task_a", autoInit())
        .task("task_b", autoInit())
        .task("task_c", autoInit())
        .task("task_d", autoInit())
        .task("finish_task", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("initial_task"))
        .connectTask("initial_task", to -> to.task("task_a").task("task_c").condition("mutex"))
        .connectCondition(
            "mutex", to -> to.task("task_a").task("task_b").task("task_c").task("task_d"))
        .connectTask("task_a", to -> to.task("task_b").condition("mutex"))
        .connectTask("task_b", to -> to.task("finish_task").condition("mutex"))
        .connectTask("task_c", to -> to.task("task_d").condition("mutex"))
        .connectTask("task_d", to -> to.task("finish_task").condition("mutex"))
        .connectTask("finish_task", to -> to.condition("end"))
        .withCancellationRegion("finish_task", r -> r.condition("mutex"))
        .build();
  }

  /**
   * CS-041: starting a mutex task consumes the mutex and withdraws its siblings (their work items
   * canceled); its completion returns the mutex and enables them again as new generations with new
   * work items; work item queries show the latest generation only.
   */
  @DbTest
  void interleavedRouting(TestDatabase db) {
    var d = Driver.start(db.engine(interleaved()), "interleaved");
    assertThat(d.enabled()).containsExactly("initial_task");
    d.fire("initial_task");
    assertThat(d.enabled()).containsExactly("task_a", "task_c");
    assertThat(d.wiStates("task_c")).containsExactly(WorkItemState.INITIALIZED);

    UUID a = d.initialized("task_a");
    d.start(a);
    assertThat(d.enabled()).isEmpty();
    assertThat(d.task("task_c")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("task_c")).containsExactly(WorkItemState.CANCELED);

    d.complete(a);
    assertThat(d.enabled()).containsExactly("task_b", "task_c");
    assertThat(d.generation("task_c")).isEqualTo(2);
    assertThat(d.wiStates("task_c")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.q().workItems(d.id, "task_c", 1))
        .extracting("state")
        .containsExactly(WorkItemState.CANCELED);

    UUID b = d.initialized("task_b");
    d.start(b);
    assertThat(d.task("task_c")).isEqualTo(TaskState.DISABLED);
    assertThat(d.in(TaskState.STARTED)).containsExactly("task_b");
    d.complete(b);
    assertThat(d.enabled()).containsExactly("task_c");
    assertThat(d.generation("task_c")).isEqualTo(3);

    d.fire("task_c");
    assertThat(d.enabled()).containsExactly("task_d");
    d.fire("task_d");
    assertThat(d.enabled()).containsExactly("finish_task");
    d.fire("finish_task");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-042 [LEGACY]: markings after every step of the run a, b, c, d, finish. */
  @DbTest
  void interleavedRoutingMarkings(TestDatabase db) {
    var d = Driver.start(db.engine(interleaved()), "interleaved");
    assertThat(d.marked()).containsOnly(entry("start", 1));

    d.fire("initial_task");
    assertThat(d.marked())
        .containsOnly(
            entry("mutex", 1),
            entry("initial_task__to__task_a", 1),
            entry("initial_task__to__task_c", 1));
    assertThat(d.enabled()).containsExactly("task_a", "task_c");

    d.fire("task_a");
    assertThat(d.marked())
        .containsOnly(
            entry("mutex", 1),
            entry("initial_task__to__task_c", 1),
            entry("task_a__to__task_b", 1));
    assertThat(d.enabled()).containsExactly("task_b", "task_c");

    d.fire("task_b");
    assertThat(d.marked())
        .containsOnly(
            entry("mutex", 1),
            entry("initial_task__to__task_c", 1),
            entry("task_b__to__finish_task", 1));
    assertThat(d.enabled()).containsExactly("task_c");

    d.fire("task_c");
    assertThat(d.marked())
        .containsOnly(
            entry("mutex", 1), entry("task_b__to__finish_task", 1), entry("task_c__to__task_d", 1));
    assertThat(d.enabled()).containsExactly("task_d");

    d.fire("task_d");
    assertThat(d.marked())
        .containsOnly(
            entry("mutex", 1),
            entry("task_b__to__finish_task", 1),
            entry("task_d__to__finish_task", 1));
    assertThat(d.enabled()).containsExactly("finish_task");

    d.fire("finish_task");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /** Any interleaving works (a, c, b, d), and never more than one mutex task runs at a time. */
  @DbTest
  void pathsInterleaveInAnyOrder(TestDatabase db) {
    var d = Driver.start(db.engine(interleaved()), "interleaved");
    d.fire("initial_task");
    d.fire("task_a");

    UUID c = d.initialized("task_c");
    d.start(c);
    assertThat(d.in(TaskState.STARTED)).containsExactly("task_c");
    assertThat(d.task("task_b")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("task_b")).containsExactly(WorkItemState.CANCELED);
    d.complete(c);
    assertThat(d.enabled()).containsExactly("task_b", "task_d");
    assertThat(d.generation("task_b")).isEqualTo(2);

    d.fire("task_d");
    assertThat(d.enabled()).containsExactly("task_b");
    assertThat(d.task("finish_task")).isEqualTo(TaskState.DISABLED);
    d.fire("task_b");
    assertThat(d.enabled()).containsExactly("finish_task");
    d.fire("finish_task");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }
}

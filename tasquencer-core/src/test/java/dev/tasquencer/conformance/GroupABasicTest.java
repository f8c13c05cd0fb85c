package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;

/** Conformance group A: basic routing, life cycle and activity order. */
class GroupABasicTest {

  static WorkflowDefinition sequence() {
    return Builder.workflow("activities")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2"))
        .connectTask("t2", to -> to.condition("end"))
        .build();
  }

  /** CS-001. */
  @DbTest
  void sequenceCompletes(TestDatabase db) {
    var d = Driver.start(db.engine(sequence()), "activities");

    assertThat(d.q().tasks(d.id)).extracting("name").containsExactly("t1", "t2");
    assertThat(d.marking()).containsOnlyKeys("start", "end", "t1__to__t2");
    assertThat(d.enabled()).containsExactly("t1");
    assertThat(d.generation("t1")).isEqualTo(1);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);

    var w1 = d.initialized("t1");
    d.start(w1);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.enabled()).isEmpty();
    assertThat(d.in(TaskState.STARTED)).containsExactly("t1");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.STARTED);

    d.complete(w1);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(d.generation("t1")).isEqualTo(1);
    assertThat(d.enabled()).containsExactly("t2");
    assertThat(d.wi("t2")).hasSize(1);

    d.fire("t2");
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsExactly(java.util.Map.entry("end", 1));
  }

  /** CS-003. */
  @DbTest
  void rootCancelMidSequence(TestDatabase db) {
    var d = Driver.start(db.engine(sequence()), "activities");
    d.fire("t1");
    var w2 = d.initialized("t2");
    d.start(w2);
    d.cmd().cancelWorkflow(d.id);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(d.in(TaskState.CANCELED)).containsExactly("t2");
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.CANCELED);
  }
}

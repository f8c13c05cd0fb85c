package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/** Conformance group J: composite and dynamic composite tasks. */
class GroupJCompositeTest {

  static WorkflowBuilder sub() {
    return Builder.workflow("sub")
        .startCondition("start")
        .task("subT1", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("subT1"))
        .connectTask("subT1", to -> to.condition("end"));
  }

  static WorkflowDefinition main() {
    return Builder.workflow("main")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .compositeTask(
            "t3", Builder.compositeTask(sub()).onEnabled(ctx -> ctx.workflow().initialize()))
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /** CS-090. */
  @DbTest
  void nestedWorkflowCompletionDrivesTheParentForward(TestDatabase db) {
    var d = Driver.start(db.engine(main()), "main");
    assertThat(d.enabled()).containsExactly("t1");
    d.fire("t1");
    assertThat(d.enabled()).containsExactlyInAnyOrder("t2", "t3");
    d.fire("t2");
    var children = d.q().childWorkflows(d.id, "t3");
    assertThat(children).hasSize(1);
    assertThat(children.get(0).state()).isEqualTo(WorkflowState.INITIALIZED);
    UUID child = children.get(0).id();
    var c = new Driver(d.engine, child);
    assertThat(c.wiStates("subT1")).containsExactly(WorkItemState.INITIALIZED);
    c.fire("subT1");
    assertThat(d.q().childWorkflows(d.id, "t3")).extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3");
    assertThat(d.enabled()).containsExactly("t4");
    d.fire("t4");
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3", "t4");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().rootWorkflowId(child)).isEqualTo(d.id);
    assertThat(d.q().realizedPath(child)).containsExactly(d.id, child);
  }
}

package dev.tasquencer.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskPolicies;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@link TaskPolicies#retryFailedWorkItems}: N re-initializations, then the task fails. */
class TaskPoliciesTest {
  record Attempt(int number) {}

  /** start -> call -> end; "call" retries failed work items twice. */
  private static WorkflowDefinition definition() {
    var retry =
        TaskPolicies.retryFailedWorkItems(2).withPayload((ctx, attempt) -> new Attempt(attempt));
    var item = Builder.workItem("call");
    return Builder.workflow("retrying")
        .startCondition("start")
        .task(
            "call",
            Builder.task(item)
                .onEnabled(ctx -> ctx.workItem().initialize(new Attempt(1)))
                .onWorkItemStateChanged(retry.onWorkItemStateChanged())
                .withPolicy(retry.policy()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("call"))
        .connectTask("call", to -> to.condition("end"))
        .build();
  }

  private static Driver start(TestDatabase db) {
    Tasquencer engine = db.engine(Tasquencer.builder().register(definition()));
    return Driver.start(engine, "retrying");
  }

  private static WorkItemSnapshot live(Driver d) {
    return d.wi("call").stream().filter(w -> !w.state().isFinal()).findFirst().orElseThrow();
  }

  private static void failLive(Driver d) {
    WorkItemSnapshot w = live(d);
    d.cmd().startWorkItem(w.id(), null);
    d.cmd().failWorkItem(w.id(), null);
  }

  @DbTest
  void twoRetriesThenTheTaskFails(TestDatabase db) {
    Driver d = start(db);
    failLive(d);
    failLive(d);
    assertThat(d.wiStates("call"))
        .as("each failure was followed by a new attempt")
        .containsExactlyInAnyOrder(
            WorkItemState.FAILED, WorkItemState.FAILED, WorkItemState.INITIALIZED);
    assertThat(live(d).payloadJson()).isEqualTo("{\"number\":3}");
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);

    failLive(d);
    assertThat(d.wiStates("call"))
        .as("the third failure is not retried")
        .containsExactly(WorkItemState.FAILED, WorkItemState.FAILED, WorkItemState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
  }

  @DbTest
  void aRetriedAttemptThatCompletesCompletesTheTask(TestDatabase db) {
    Driver d = start(db);
    failLive(d);
    WorkItemSnapshot second = live(d);
    d.cmd().startWorkItem(second.id(), null);
    d.cmd().completeWorkItem(second.id(), null);
    assertThat(d.wiStates("call"))
        .containsExactlyInAnyOrder(WorkItemState.FAILED, WorkItemState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  @Test
  void aNegativeBudgetIsRefused() {
    assertThatThrownBy(() -> TaskPolicies.retryFailedWorkItems(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThat(TaskPolicies.retryFailedWorkItems(0).retries()).isZero();
  }
}

package dev.tasquencer.patterns;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Cancellation and completion patterns: WCP-19 Cancel Task, WCP-20 Cancel Case, WCP-25 Cancel
 * Region, WCP-26 Cancel Multiple Instance Task and WCP-27 Complete Multiple Instance Task.
 */
class CancellationPatternsTest {

  /**
   * start → A ⇒AND {T, X}; T → N; X → N; N (XOR-join) → end. X is the canceller: its region holds T
   * (as given) and T's input condition.
   */
  static WorkflowDefinition cancelling(String name, TaskBuilder t) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("A", autoInit())
        .task("T", t)
        .task("X", autoInit())
        .task("N", autoInit().withJoinType(JoinType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("T").task("X"))
        .connectTask("T", to -> to.task("N"))
        .connectTask("X", to -> to.task("N"))
        .connectTask("N", to -> to.condition("end"))
        .withCancellationRegion("X", r -> r.task("T").condition("A__to__T"))
        .build();
  }

  /**
   * WCP-19 Cancel Task: "an enabled or running task is withdrawn: it does not complete and produces
   * no output." X's completion cancels T, once while T runs and once while it is only enabled; T's
   * work item is canceled and T puts no token into T__to__N, so N runs once (for X).
   */
  @DbTest
  void wcp19CancelTask(TestDatabase db) {
    var engine = db.engine(cancelling("cancelTask", autoInit()));
    for (boolean running : new boolean[] {true, false}) {
      var d = Driver.start(engine, "cancelTask");
      d.fire("A");
      if (running) {
        d.start(d.initialized("T"));
      }
      d.fire("X");
      assertThat(d.task("T")).isEqualTo(TaskState.CANCELED);
      assertThat(d.wiStates("T")).containsExactly(WorkItemState.CANCELED);
      assertThat(d.marked()).containsOnly(entry("X__to__N", 1));
      d.fire("N");
      assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(d.generation("N")).isEqualTo(1);
      assertThat(d.generation("T")).as("not enabled again").isEqualTo(1);
    }
  }

  /**
   * WCP-20 Cancel Case: "a whole case, with everything running in it, is removed." cancelWorkflow
   * cancels the case: the running task is canceled, the enabled one withdrawn, their work items
   * canceled; the case accepts no further work.
   */
  @DbTest
  void wcp20CancelCase(TestDatabase db) {
    var d = Driver.start(db.engine(cancelling("cancelCase", autoInit(2))), "cancelCase");
    d.fire("A");
    List<UUID> t = d.wi("T").stream().map(WorkItemSnapshot::id).toList();
    d.start(t.get(0));
    d.complete(t.get(0));
    d.start(t.get(1));

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("T")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("X")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("T")).containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED);
    assertThat(d.wiStates("X")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.in(TaskState.ENABLED)).isEmpty();
    assertThat(d.in(TaskState.STARTED)).isEmpty();
    assertThatThrownBy(() -> d.cmd().completeWorkItem(t.get(1)))
        .isInstanceOf(InvalidStateTransitionException.class);
    assertThat(d.generation("N")).isZero();
  }

  /**
   * WCP-25 Cancel Region: "a set of tasks (and places), not necessarily a sub-process, is withdrawn
   * together when some event, usually a task's completion, occurs." G's region holds the tasks C
   * and E and the conditions c1 and A__to__C, C__to__E: when G completes, C (running) is canceled,
   * the token B left in c1 is removed so E is never enabled, while B (already completed) and H
   * (outside the region) are untouched.
   */
  @DbTest
  void wcp25CancelRegion(TestDatabase db) {
    var def =
        Builder.workflow("cancelRegion")
            .startCondition("start")
            .condition("c1")
            .task("A", autoInit())
            .task("B", autoInit())
            .task("C", autoInit())
            .task("E", autoInit())
            .task("G", autoInit())
            .task("H", autoInit())
            .task("F", autoInit().withJoinType(JoinType.XOR))
            .task("J", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("B").task("C").task("G").task("H"))
            .connectTask("B", to -> to.condition("c1"))
            .connectCondition("c1", to -> to.task("E"))
            .connectTask("C", to -> to.task("E"))
            .connectTask("E", to -> to.task("F"))
            .connectTask("G", to -> to.task("F"))
            .connectTask("F", to -> to.task("J"))
            .connectTask("H", to -> to.task("J"))
            .connectTask("J", to -> to.condition("end"))
            .withCancellationRegion(
                "G",
                r ->
                    r.task("C")
                        .task("E")
                        .condition("c1")
                        .condition("A__to__C")
                        .condition("C__to__E"))
            .build();
    var d = Driver.start(db.engine(def), "cancelRegion");
    d.fire("A");
    d.fire("B");
    d.start(d.initialized("C"));
    assertThat(d.marked()).containsEntry("c1", 1);

    d.fire("G");
    assertThat(d.task("C")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("C")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("B")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("H")).as("outside the region").isEqualTo(TaskState.ENABLED);
    assertThat(d.wiStates("H")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(d.marked()).containsOnly(entry("A__to__H", 1), entry("G__to__F", 1));
    assertThat(d.enabled()).containsExactly("H", "F");

    d.fire("F");
    d.fire("H");
    d.fire("J");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.generation("E")).as("never enabled").isZero();
  }

  /**
   * WCP-26 Cancel Multiple Instance Task: "a multiple-instance task is cancelled as a whole: its
   * unfinished instances are withdrawn and it produces no output." T has three instances (one
   * completed, one running, one waiting) when X's region cancels it: the unfinished two are
   * canceled, the completed one stays completed, T produces no token.
   */
  @DbTest
  void wcp26CancelMultipleInstanceTask(TestDatabase db) {
    var d = Driver.start(db.engine(cancelling("cancelMi", autoInit(3))), "cancelMi");
    d.fire("A");
    List<UUID> t = d.wi("T").stream().map(WorkItemSnapshot::id).toList();
    d.start(t.get(0));
    d.complete(t.get(0));
    d.start(t.get(1));
    d.fire("X");
    assertThat(d.task("T")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates("T"))
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED, WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("X__to__N", 1));
    d.fire("N");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-27 Complete Multiple Instance Task: "a multiple-instance task is forced to complete:
   * unfinished instances are withdrawn and control passes on as if the task had finished." Partial:
   * there is no force-complete command. The workaround is a policy that completes the task on an
   * explicit cancellation of one of its unfinished instances (so a single instance can no longer be
   * canceled on its own): the task completes, its other unfinished instances are withdrawn, the
   * completed one keeps its result, and the normal output token passes control on.
   */
  @DbTest
  void wcp27CompleteMultipleInstanceTask(TestDatabase db) {
    var forceable =
        autoInit(3)
            .withPolicy(
                ctx -> {
                  switch (ctx.transition().nextState()) {
                    case FAILED:
                      return PolicyResult.FAIL;
                    case CANCELED:
                      return PolicyResult.COMPLETE; // the force
                    default:
                      return ctx.task().getStats().allFinal()
                          ? PolicyResult.COMPLETE
                          : PolicyResult.CONTINUE;
                  }
                });
    var engine = db.engine(cancelling("completeMi", forceable));
    var d = Driver.start(engine, "completeMi");
    d.fire("A");
    List<UUID> t = d.wi("T").stream().map(WorkItemSnapshot::id).toList();
    d.start(t.get(0));
    d.complete(t.get(0));
    d.start(t.get(1));
    assertThat(d.task("T")).isEqualTo(TaskState.STARTED);

    d.cmd().cancelWorkItem(t.get(2)); // force completion
    assertThat(d.task("T")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.wiStates("T"))
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED, WorkItemState.CANCELED);
    assertThat(d.marked()).containsOnly(entry("A__to__X", 1), entry("T__to__N", 1));
    assertThat(d.enabled()).containsExactly("X", "N");

    var early = Driver.start(engine, "completeMi"); // forced before any instance started (D11)
    early.fire("A");
    early.cmd().cancelWorkItem(early.wi("T").get(0).id());
    assertThat(early.task("T")).isEqualTo(TaskState.COMPLETED);
    assertThat(early.wiStates("T")).containsOnly(WorkItemState.CANCELED);
    assertThat(early.marked()).containsOnly(entry("A__to__X", 1), entry("T__to__N", 1));
  }
}

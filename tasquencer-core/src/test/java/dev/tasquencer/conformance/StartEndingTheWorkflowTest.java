package dev.tasquencer.conformance;

import static dev.tasquencer.conformance.GroupKDummyTaskTest.dummy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.CompositeTaskBuilder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.function.BiFunction;

/**
 * A task's start consumes its input tokens and the enablement pass runs before the task's onStarted
 * (§6.3 I: withdrawn siblings hear it first). When that pass ends the workflow (an OR-join that was
 * waiting for the withdrawn branch fires and marks the end), the starting task is torn down with
 * its workflow: its onStarted must not run afterwards, and the call that started it commits.
 *
 * <p>Net: {@code start → S} (dummy, AND-split) {@code → c1, c2}; {@code c1 → A} and {@code c1 → B}
 * (deferred choice); {@code A → end}; {@code B → D}, {@code c2 → D}; {@code D} a dummy OR-join
 * {@code → end}. Once A consumes c1's token, B is withdrawn, nothing can mark {@code B__to__D}, so
 * D fires and the workflow completes, canceling A.
 */
class StartEndingTheWorkflowTest {

  /**
   * The net with A declared by {@code a}, given the workflow builder and the log; every other
   * element records its hooks.
   */
  static WorkflowDefinition net(
      ActivityLog log, BiFunction<WorkflowBuilder, ActivityLog, WorkflowBuilder> a) {
    WorkflowBuilder wf =
        log.workflowHooks(Builder.workflow("race"), "R")
            .startCondition("start")
            .condition("c1")
            .condition("c2")
            .dummyTask("S", dummy(log, "S"));
    wf = a.apply(wf, log);
    return wf.task("B", log.task("B", log.workItem("WB"), 1))
        .dummyTask("D", dummy(log, "D").withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("S"))
        .connectTask("S", to -> to.condition("c1").condition("c2"))
        .connectCondition("c1", to -> to.task("A").task("B"))
        .connectCondition("c2", to -> to.task("D"))
        .connectTask("A", to -> to.condition("end"))
        .connectTask("B", to -> to.task("D"))
        .connectTask("D", to -> to.condition("end"))
        .build();
  }

  private static void assertCompletedWithACanceled(Driver d, ActivityLog log) {
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("A")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("B")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("D")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).containsOnlyKeys("end");
    assertThat(log.of("A")).doesNotContain("onStarted");
    // nothing runs after the workflow's own end hook
    assertThat(log.all()).endsWith("R.onCompleted");
  }

  /**
   * An atomic A whose onStarted creates a work item: starting A's work item ends the workflow, A's
   * onStarted does not run, and the call commits with the work item canceled.
   */
  @DbTest
  void atomicTaskCanceledByItsOwnStartSkipsOnStartedAndTheCallCommits(TestDatabase db) {
    var log = new ActivityLog();
    var def =
        net(
            log,
            (wf, l) ->
                wf.task(
                    "A",
                    l.task("A", l.workItem("WA"), 1)
                        .onStarted(
                            ctx -> {
                              l.add("A.onStarted");
                              ctx.workItem().initialize();
                            })));
    var d = Driver.start(db.engine(def), "race");
    assertThat(d.enabled()).containsExactly("A", "B");
    log.clear();

    var wa = d.initialized("A");
    d.start(wa);

    assertCompletedWithACanceled(d, log);
    assertThat(d.wiStates("A")).containsExactly(WorkItemState.CANCELED);
    assertThat(log.all())
        .containsExactly(
            "WB.onCanceled",
            "B.onWorkItemStateChanged[initialized->canceled]",
            "B.onDisabled",
            "D.onEnabled",
            "D.onStarted",
            "D.onCompleted",
            "WA.onCanceled",
            "A.onWorkItemStateChanged[initialized->canceled]",
            "A.onCanceled",
            "R.onCompleted");
  }

  /**
   * A dummy A, enabled first, starts in the pass that enabled it and thereby ends the workflow
   * during initialization: its onStarted and onCompleted do not run.
   */
  @DbTest
  void dummyTaskCanceledByItsOwnStartSkipsOnStartedAndOnCompleted(TestDatabase db) {
    var log = new ActivityLog();
    var def = net(log, (wf, l) -> wf.dummyTask("A", dummy(l, "A")));
    var d = Driver.start(db.engine(def), "race");

    assertCompletedWithACanceled(d, log);
    assertThat(log.of("A")).containsExactly("onEnabled");
    assertThat(log.of("B")).isEmpty();
  }

  /**
   * A composite A, started by the start of a work item in its child workflow: the child workflow is
   * torn down with A, A's onStarted (which would create another child) does not run, the child's
   * task is not started, and the call commits.
   */
  @DbTest
  void compositeTaskCanceledByItsOwnStartSkipsOnStartedAndTheCallCommits(TestDatabase db) {
    var log = new ActivityLog();
    var child = log.oneTask("K", "Q", "QW");
    CompositeTaskBuilder composite =
        log.compositeTask("A", child, 1)
            .onStarted(
                ctx -> {
                  log.add("A.onStarted");
                  ctx.workflow().initialize();
                });
    var def = net(log, (wf, l) -> wf.compositeTask("A", composite));
    var d = Driver.start(db.engine(def), "race");
    var k = CompositeNets.child(d, "A", 0);
    log.clear();

    k.start(k.initialized("Q"));

    assertCompletedWithACanceled(d, log);
    assertThat(k.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(k.task("Q")).isEqualTo(TaskState.DISABLED);
    assertThat(k.wiStates("Q")).containsExactly(WorkItemState.CANCELED);
    assertThat(CompositeNets.children(d, "A")).hasSize(1);
    assertThat(log.all()).doesNotContain("K.onStarted", "Q.onStarted", "QW.onStarted");
  }
}

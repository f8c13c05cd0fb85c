package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.DefinitionNotFoundException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Conformance group A: basic routing, life cycle and activity order.
 *
 * <p>CS-002 (CS-001 with auditing off) needs no test of its own: this engine has no audit switch,
 * so CS-001 is the same scenario. The activity orders of {@code tasquencer-core.md} §6.3 A, B and C
 * are checked here (adjusted by D8: the workflow's onInitialized runs before any task is enabled);
 * I, J, K and H live with deferred choice (D), reset (I), cancellation (H) and auto-trigger (L).
 */
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

  /** CS-007/CS-009 net: start → t1 → t2 → t3 → end; t2 as given. */
  static WorkflowDefinition threeInSequence(TaskBuilder t2) {
    return Builder.workflow("three")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", t2)
        .task("t3", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2"))
        .connectTask("t2", to -> to.task("t3"))
        .connectTask("t3", to -> to.condition("end"))
        .build();
  }

  /** CS-008 net: start → t1 → {t2, t3, t4}, each → end. */
  static WorkflowDefinition fanOutToEnd() {
    return Builder.workflow("fanOut")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .task("t3", autoInit())
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3").task("t4"))
        .connectTask("t2", to -> to.condition("end"))
        .connectTask("t3", to -> to.condition("end"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /** CS-010/011 net: start → {t1, t2} (implicit deferred choice), both → end; hooks recorded. */
  static WorkflowDefinition recordedChoice(ActivityLog log, int t1Items) {
    return log.workflowHooks(Builder.workflow("activities"), "R")
        .startCondition("start")
        .task("t1", log.task("t1", log.workItem("t1w"), t1Items))
        .task("t2", log.task("t2", log.workItem("t2w"), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1").task("t2"))
        .connectTask("t1", to -> to.condition("end"))
        .connectTask("t2", to -> to.condition("end"))
        .build();
  }

  /** §6.3 model without the composite: R = start → P (work item PW) → Q (work item QW) → end. */
  static WorkflowDefinition recordedSequence(ActivityLog log) {
    return log.workflowHooks(Builder.workflow("R"), "R")
        .startCondition("start")
        .task("P", log.task("P", log.workItem("PW"), 1))
        .task("Q", log.task("Q", log.workItem("QW"), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("P"))
        .connectTask("P", to -> to.task("Q"))
        .connectTask("Q", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-001: a two-task sequence runs to its end. Before anything happens only t1 is enabled with
   * one initialized work item and the workflow stays initialized; starting the work item starts the
   * workflow and t1, completing it completes t1 and enables t2, and firing t2 completes the
   * workflow with one token left, in the end condition.
   */
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

  /**
   * CS-003: canceling the root workflow in the middle of a sequence keeps the completed t1
   * completed and cancels the started t2 together with its started work item.
   */
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

  /** CS-007 [LEGACY]: markings and task states after every step of a sequence. */
  @DbTest
  void legacySequenceSnapshots(TestDatabase db) {
    var d = Driver.start(db.engine(threeInSequence(autoInit())), "three");
    assertThat(d.marked()).containsExactly(entry("start", 1));
    assertThat(d.enabled()).containsExactly("t1");
    assertThat(d.in(TaskState.DISABLED)).containsExactly("t2", "t3");

    d.fire("t1");
    assertThat(d.marked()).containsExactly(entry("t1__to__t2", 1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("t2");
    assertThat(d.task("t3")).isEqualTo(TaskState.DISABLED);

    d.start(d.initialized("t2"));
    assertThat(d.marked()).isEmpty();
    assertThat(d.task("t2")).isEqualTo(TaskState.STARTED);
    assertThat(d.enabled()).isEmpty();

    d.complete(d.wi("t2").get(0).id());
    d.fire("t3");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsExactly(entry("end", 1));
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3");
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.COMPLETED);
  }

  /**
   * CS-008 [LEGACY]: when the end is marked, started tasks are canceled, enabled tasks disabled,
   * and markings elsewhere survive (t1__to__t3 keeps its token).
   */
  @DbTest
  void workflowEndCancelsStartedAndDisablesEnabledTasks(TestDatabase db) {
    var d = Driver.start(db.engine(fanOutToEnd()), "fanOut");
    d.fire("t1");
    assertThat(d.enabled()).containsExactly("t2", "t3", "t4");
    assertThat(d.marked())
        .containsOnly(entry("t1__to__t2", 1), entry("t1__to__t3", 1), entry("t1__to__t4", 1));

    d.start(d.initialized("t2"));
    assertThat(d.marked()).containsOnly(entry("t1__to__t3", 1), entry("t1__to__t4", 1));
    assertThat(d.enabled()).containsExactly("t3", "t4");

    d.fire("t4");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1), entry("t1__to__t3", 1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(d.task("t3")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("t4")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.in(TaskState.STARTED)).isEmpty();
    assertThat(d.wiStates("t2")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.wiStates("t3")).containsExactly(WorkItemState.CANCELED);
  }

  /**
   * CS-009 [LEGACY]: a policy that completes the task on its first completed work item; the task's
   * completion cancels the work items still open.
   */
  @DbTest
  void completionOnFirstCancelsLeftoverWorkItems(TestDatabase db) {
    var completeOnFirst =
        autoInit(3)
            .withPolicy(
                ctx ->
                    ctx.transition().nextState() == WorkItemState.COMPLETED
                        ? PolicyResult.COMPLETE
                        : PolicyResult.CONTINUE);
    var d = Driver.start(db.engine(threeInSequence(completeOnFirst)), "three");
    d.fire("t1");
    assertThat(d.enabled()).containsExactly("t2");
    assertThat(d.wi("t2")).hasSize(3);

    UUID first = d.wi("t2").get(0).id();
    d.start(first);
    d.complete(first);
    assertThat(d.task("t2")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.wiStates("t2"))
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.CANCELED, WorkItemState.CANCELED);

    d.fire("t3");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsExactly(entry("end", 1));
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3");
  }

  /**
   * CS-010 [LEGACY], partly portable: t2 is withdrawn (onDisabled, its work item canceled without a
   * policy call) when t1's start consumes the shared token, before t1's onStarted. The workflow's
   * onInitialized comes first (D8) and its onStarted is lazy (at t1's start).
   */
  @DbTest
  void activitiesOfDeferredChoice(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedChoice(log, 1)), "activities");
    d.fire("t1");

    assertThat(log.all())
        .containsExactly(
            "R.onInitialized",
            "t1.onEnabled",
            "t1w.onInitialized",
            "t2.onEnabled",
            "t2w.onInitialized",
            "R.onStarted",
            "t2w.onCanceled",
            "t2.onWorkItemStateChanged[initialized->canceled]",
            "t2.onDisabled",
            "t1.onStarted",
            "t1w.onStarted",
            "t1.onWorkItemStateChanged[initialized->started]",
            "t1w.onCompleted",
            "t1.onWorkItemStateChanged[started->completed]",
            "t1.policy[started->completed]=COMPLETE",
            "t1.onCompleted",
            "R.onCompleted");
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-011 / CS-013 [LEGACY]: cancelling one of two started work items does not cancel the task;
   * the policy continues, and the task completes when the other one completes.
   */
  @DbTest
  void activitiesOfCancelOneCompleteOther(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedChoice(log, 2)), "activities");
    List<UUID> items = d.wi("t1").stream().map(w -> w.id()).toList();
    d.start(items.get(0));
    d.start(items.get(1));
    log.clear();

    d.cmd().cancelWorkItem(items.get(0));
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    d.complete(items.get(1));

    assertThat(log.all())
        .containsExactly(
            "t1w.onCanceled",
            "t1.onWorkItemStateChanged[started->canceled]",
            "t1.policy[started->canceled]=CONTINUE",
            "t1w.onCompleted",
            "t1.onWorkItemStateChanged[started->completed]",
            "t1.policy[started->completed]=COMPLETE",
            "t1.onCompleted",
            "R.onCompleted");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED, WorkItemState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * §6.3 A (with D8): initialization runs the workflow's onInitialized first, then enables P. The
   * workflow stays initialized.
   */
  @DbTest
  void activityOrderOfInitialization(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedSequence(log)), "R");
    assertThat(log.all()).containsExactly("R.onInitialized", "P.onEnabled", "PW.onInitialized");
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
  }

  /**
   * §6.3 B: starting the first work item starts the workflow (onStarted), then the task, then the
   * work item; the task hears about the start last, and no policy runs for a start.
   */
  @DbTest
  void activityOrderOfFirstStart(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedSequence(log)), "R");
    log.clear();
    d.start(d.initialized("P"));
    assertThat(log.all())
        .containsExactly(
            "R.onStarted",
            "P.onStarted",
            "PW.onStarted",
            "P.onWorkItemStateChanged[initialized->started]");
  }

  /**
   * §6.3 C and E (non-composite part), and CS-004's per-element sequences: completing a work item
   * reaches the task's policy, the task's onCompleted, then the successor's onEnabled; the last
   * completion completes the workflow. No onDisabled anywhere.
   */
  @DbTest
  void activityOrderOfCompletion(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedSequence(log)), "R");
    UUID pw = d.initialized("P");
    d.start(pw);
    log.clear();

    d.complete(pw);
    assertThat(log.all())
        .containsExactly(
            "PW.onCompleted",
            "P.onWorkItemStateChanged[started->completed]",
            "P.policy[started->completed]=COMPLETE",
            "P.onCompleted",
            "Q.onEnabled",
            "QW.onInitialized");

    log.clear();
    d.fire("Q");
    assertThat(log.all())
        .containsExactly(
            "Q.onStarted",
            "QW.onStarted",
            "Q.onWorkItemStateChanged[initialized->started]",
            "QW.onCompleted",
            "Q.onWorkItemStateChanged[started->completed]",
            "Q.policy[started->completed]=COMPLETE",
            "Q.onCompleted",
            "R.onCompleted");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-004 (non-composite part): the per-element sequences of a whole successful run. */
  @DbTest
  void perElementActivitySequencesOfSuccessfulRun(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(recordedSequence(log)), "R");
    d.fire("P");
    d.fire("Q");

    assertThat(log.of("R")).containsExactly("onInitialized", "onStarted", "onCompleted");
    for (String task : List.of("P", "Q")) {
      assertThat(log.of(task))
          .containsExactly(
              "onEnabled",
              "onStarted",
              "onWorkItemStateChanged[initialized->started]",
              "onWorkItemStateChanged[started->completed]",
              "policy[started->completed]=COMPLETE",
              "onCompleted");
    }
    assertThat(log.of("PW")).containsExactly("onInitialized", "onStarted", "onCompleted");
    assertThat(log.of("QW")).containsExactly("onInitialized", "onStarted", "onCompleted");
    assertThat(log.all()).noneMatch(e -> e.endsWith(".onDisabled"));
    List<String> all = log.all();
    // D8 reverses CS-004's "primaryTask.onEnabled < root.onInitialized"
    assertThat(all.indexOf("R.onInitialized")).isLessThan(all.indexOf("P.onEnabled"));
    assertThat(all.indexOf("R.onStarted")).isLessThan(all.indexOf("P.onStarted"));
    assertThat(all.indexOf("P.onCompleted")).isLessThan(all.indexOf("Q.onEnabled"));
    assertThat(all.indexOf("Q.onCompleted")).isLessThan(all.indexOf("R.onCompleted"));
  }

  /**
   * Work item state guards: start needs initialized; complete, fail and reset need started; cancel
   * needs initialized or started. A refused command changes nothing.
   */
  @DbTest
  void workItemStateGuards(TestDatabase db) {
    var d = Driver.start(db.engine(sequence()), "activities");
    UUID w = d.initialized("t1");
    assertThatThrownBy(() -> d.complete(w)).isInstanceOf(WorkItemInvalidStateException.class);
    assertThatThrownBy(() -> d.cmd().failWorkItem(w))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(d.task("t1")).isEqualTo(TaskState.ENABLED);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);

    d.start(w);
    assertThatThrownBy(() -> d.start(w))
        .isInstanceOfSatisfying(
            WorkItemInvalidStateException.class,
            e -> {
              assertThat(e.currentState()).isEqualTo("started");
              assertThat(e.allowedFrom()).containsExactly("initialized");
            });
    d.complete(w);
    assertThatThrownBy(() -> d.complete(w)).isInstanceOf(WorkItemInvalidStateException.class);
    assertThatThrownBy(() -> d.cmd().cancelWorkItem(w))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(d.enabled()).containsExactly("t2");
  }

  /** Unknown ids and names raise typed not-found errors. */
  @DbTest
  void unknownElementsAreNotFound(TestDatabase db) {
    var d = Driver.start(db.engine(sequence()), "activities");
    UUID nobody = UUID.randomUUID();
    assertThatThrownBy(() -> d.start(nobody)).isInstanceOf(WorkItemNotFoundException.class);
    assertThatThrownBy(() -> d.cmd().cancelWorkflow(nobody))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> d.q().workflow(nobody)).isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> d.cmd().initializeRootWorkflow("nope", null))
        .isInstanceOf(DefinitionNotFoundException.class);
  }

  /**
   * Default actions are internal-only: an outside caller gets NotInternalCallException and nothing
   * changes; the same command as an internal call works.
   */
  @DbTest
  void defaultActionsRefuseExternalCalls(TestDatabase db) {
    var engine = db.engine(sequence());
    assertThatThrownBy(() -> engine.initializeRootWorkflow("activities", null))
        .isInstanceOf(NotInternalCallException.class);
    var d = Driver.start(engine, "activities");
    UUID w = d.initialized("t1");
    assertThatThrownBy(() -> engine.startWorkItem(w)).isInstanceOf(NotInternalCallException.class);
    assertThatThrownBy(() -> engine.cancelWorkflow(d.id))
        .isInstanceOf(NotInternalCallException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
  }

  /**
   * D15: when a completion marks the end condition, the workflow completes and the pass enables
   * nothing, even a task whose input that same completion marked (the original enabled it and tore
   * it down at once, 12.10).
   */
  @DbTest
  void endReachedEnablesNothingMore(TestDatabase db) {
    var log = new ActivityLog();
    var net =
        Builder.workflow("endAndMore")
            .startCondition("start")
            .task("t1", autoInit())
            .task("t2", log.task("t2", log.workItem("w2"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t1"))
            .connectTask("t1", to -> to.condition("end").task("t2"))
            .connectTask("t2", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "endAndMore");
    d.fire("t1");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("t2")).isEqualTo(TaskState.DISABLED);
    assertThat(d.generation("t2")).isZero();
    assertThat(log.all()).isEmpty();
    assertThat(d.marked()).containsOnly(entry("end", 1), entry("t1__to__t2", 1));
  }

  /**
   * D8, functionally: what the workflow's onInitialized writes is visible to the first tasks'
   * onEnabled (here it decides how many work items t1 creates).
   */
  @DbTest
  void onInitializedRunsBeforeFirstOnEnabled(TestDatabase db) {
    db.sql("create table setup_rows (workflow_id uuid not null)");
    var t1 =
        Builder.task(Builder.workItem("noop"))
            .onEnabled(
                ctx -> {
                  long n =
                      ctx.db()
                          .queryLong(
                              "select count(*) from setup_rows where workflow_id = ?",
                              ctx.parent().workflowId());
                  for (int i = 0; i < n; i++) {
                    ctx.workItem().initialize();
                  }
                });
    var net =
        Builder.workflow("setup")
            .onInitialized(
                ctx -> {
                  for (int i = 0; i < 2; i++) {
                    ctx.db().update("insert into setup_rows values (?)", ctx.workflow().id());
                  }
                })
            .startCondition("start")
            .task("t1", t1)
            .endCondition("end")
            .connectCondition("start", to -> to.task("t1"))
            .connectTask("t1", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "setup");
    assertThat(d.wi("t1")).hasSize(2);
  }
}

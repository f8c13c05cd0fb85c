package dev.tasquencer.conformance;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.AutoTriggerAlreadySetException;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Conformance group L, auto-trigger part (CS-102 to CS-112, CS-123 to CS-126; the scheduling
 * scenarios come with registerScheduled). A work item may request its own start in onInitialized
 * and its completion, failure or cancellation in onStarted. A start requested by an item created in
 * a task activity runs after that activity (or pass); a finish requested in onStarted runs right
 * after the start transition, including the task's onWorkItemStateChanged[initialized->started].
 * Every transition the engine performs on its own behalf is internal (D7); queued starts whose item
 * is no longer initialized are skipped (D6).
 */
class GroupLAutoTriggerTest {

  record StartPayload(String reason) {}

  record CompletePayload(String result) {}

  record FailPayload(String error) {}

  record CancelPayload(String reason) {}

  /** What the work item does in onStarted. */
  enum Finish {
    NONE,
    COMPLETE,
    FAIL,
    CANCEL
  }

  /**
   * The auto-trigger work item ("customWorkItem"): typed payloads on every action, an optional
   * auto-start and an optional finish, and its hooks recorded as {@code W.*}.
   */
  static WorkItemBuilder customWorkItem(ActivityLog log, boolean autoStart, Finish finish) {
    var actions =
        Builder.workItemActions()
            .start(StartPayload.class, (ctx, p) -> log.add("W.startAction(" + p.reason() + ")"))
            .complete(
                CompletePayload.class, (ctx, p) -> log.add("W.completeAction(" + p.result() + ")"))
            .fail(FailPayload.class, (ctx, p) -> log.add("W.failAction(" + p.error() + ")"))
            .cancel(CancelPayload.class, (ctx, p) -> log.add("W.cancelAction(" + p.reason() + ")"));
    return log.workItem("W")
        .withActions(actions)
        .onInitialized(
            ctx -> {
              log.add("W.onInitialized");
              if (autoStart) {
                ctx.workItem().start(new StartPayload("auto-started"));
              }
            })
        .onStarted(
            ctx -> {
              log.add("W.onStarted");
              switch (finish) {
                case COMPLETE -> ctx.workItem().complete(new CompletePayload("auto-completed"));
                case FAIL -> ctx.workItem().fail(new FailPayload("auto-failed"));
                case CANCEL -> ctx.workItem().cancel(new CancelPayload("auto-canceled"));
                default -> {}
              }
            });
  }

  /** start → t1 → end, with the workflow's and t1's hooks recorded (t1 as {@code T}). */
  static WorkflowDefinition single(ActivityLog log, TaskBuilder t1) {
    return log.workflowHooks(Builder.workflow("autoTrigger"), "R")
        .startCondition("start")
        .task("t1", t1)
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition single(ActivityLog log, int items, boolean autoStart, Finish finish) {
    return single(log, log.task("T", customWorkItem(log, autoStart, finish), items));
  }

  private static List<UUID> ids(Driver d) {
    return d.wi("t1").stream().map(WorkItemSnapshot::id).toList();
  }

  /** Auto-start only: the item and its task start during initialization. */
  @DbTest
  void autoStart(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 1, true, Finish.NONE)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.STARTED);
    assertThat(d.task("t1")).isEqualTo(TaskState.STARTED);
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(log.all()).contains("W.startAction(auto-started)");
  }

  /** CS-103 / CS-124 [LEGACY]: auto-start then auto-complete, all inside initRoot. */
  @DbTest
  void autoStartThenAutoComplete(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 1, true, Finish.COMPLETE)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(log.all())
        .contains("W.startAction(auto-started)", "W.completeAction(auto-completed)");
  }

  /** CS-104 / CS-126 [LEGACY]: auto-fail fails the item, the task and the workflow. */
  @DbTest
  void autoStartThenAutoFail(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 1, true, Finish.FAIL)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.FAILED);
    assertThat(d.task("t1")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(log.all()).contains("W.failAction(auto-failed)");
  }

  /**
   * CS-105, and CS-125 [LEGACY] adjusted: the default policy completes a task whose only item was
   * canceled, so the workflow completes (the legacy engine left it started).
   */
  @DbTest
  void autoStartThenAutoCancel(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 1, true, Finish.CANCEL)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(log.all()).contains("W.cancelAction(auto-canceled)");
  }

  /** CS-107: several auto-completed items; the task completes once, after the last. */
  @DbTest
  void severalAutoCompletedWorkItems(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 3, true, Finish.COMPLETE)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.COMPLETED).hasSize(3);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(log.of("T").stream().filter(e -> e.equals("onCompleted"))).hasSize(1);
    assertThat(log.of("T").stream().filter(e -> e.startsWith("policy"))).hasSize(3);
  }

  /**
   * CS-108: the chained triggers of one item run strictly one after the other: the complete action
   * runs only after the start has finished, the task's start notification included.
   */
  @DbTest
  void chainedTriggersRunSequentially(TestDatabase db) {
    var log = new ActivityLog();
    Driver.start(db.engine(single(log, 1, true, Finish.COMPLETE)), "autoTrigger");
    List<String> all = log.all();
    assertThat(all)
        .containsSubsequence(
            "W.startAction(auto-started)",
            "W.onStarted",
            "T.onWorkItemStateChanged[initialized->started]",
            "W.completeAction(auto-completed)",
            "W.onCompleted");
    assertThat(all.indexOf("W.completeAction(auto-completed)"))
        .isGreaterThan(all.indexOf("T.onWorkItemStateChanged[initialized->started]"));
  }

  /** CS-109: auto-start mixed with manual completion (with the typed payload). */
  @DbTest
  void autoStartWithManualCompletion(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 2, true, Finish.NONE)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.STARTED, WorkItemState.STARTED);
    List<UUID> w = ids(d);

    d.cmd().completeWorkItem(w.get(0), new CompletePayload("manually-completed-1"));
    d.cmd().completeWorkItem(w.get(1), new CompletePayload("manually-completed-2"));
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.COMPLETED, WorkItemState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(log.all())
        .contains(
            "W.completeAction(manually-completed-1)", "W.completeAction(manually-completed-2)");
  }

  /** CS-110: items created in the task's onStarted are auto-triggered too. */
  @DbTest
  void itemsCreatedInOnStartedAreAutoTriggered(TestDatabase db) {
    var log = new ActivityLog();
    var t1 =
        Builder.task(customWorkItem(log, true, Finish.COMPLETE))
            .onEnabled(ctx -> ctx.workItem().initialize())
            .onStarted(
                ctx -> {
                  ctx.workItem().initialize();
                  ctx.workItem().initialize();
                });
    var d = Driver.start(db.engine(single(log, t1)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.COMPLETED).hasSize(3);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** A task creating two more items in onWorkItemStateChanged when its first item starts. */
  static TaskBuilder growingTask(ActivityLog log, Finish finish) {
    return Builder.task(customWorkItem(log, true, finish))
        .onEnabled(ctx -> ctx.workItem().initialize())
        .onWorkItemStateChanged(
            ctx -> {
              if (ctx.workItem().nextState() == WorkItemState.STARTED
                  && ctx.workItem().getAllWorkItemIds().size() == 1) {
                ctx.workItem().initialize();
                ctx.workItem().initialize();
              }
            });
  }

  /** CS-111 kind: items created in onWorkItemStateChanged auto-complete; one task completion. */
  @DbTest
  void itemsCreatedInOnWorkItemStateChangedAutoComplete(TestDatabase db) {
    var log = new ActivityLog();
    var d =
        Driver.start(
            db.engine(
                single(
                    log, growingTask(log, Finish.COMPLETE).onCompleted(ctx -> log.add("T.done")))),
            "autoTrigger");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.COMPLETED).hasSize(3);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(log.all().stream().filter(e -> e.equals("T.done"))).hasSize(1);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-112: as above with auto-failing items and a policy completing when every item is final: all
   * three fail, the task completes.
   */
  @DbTest
  void autoFailedItemsWithCompletionPolicy(TestDatabase db) {
    var log = new ActivityLog();
    var t1 =
        growingTask(log, Finish.FAIL)
            .withPolicy(
                ctx -> {
                  var s = ctx.task().getStats();
                  return ctx.transition().nextState().isFinal()
                          && s.completed() + s.failed() + s.canceled() == s.total()
                      ? PolicyResult.COMPLETE
                      : PolicyResult.CONTINUE;
                });
    var d = Driver.start(db.engine(single(log, t1)), "autoTrigger");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.FAILED).hasSize(3);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-123 [LEGACY]: three items with payloads 1, 2, 3, auto-started and auto-completed. */
  @DbTest
  void itemsWithPayloadsAutoStartAndComplete(TestDatabase db) {
    var item =
        Builder.workItem("sleeper")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    var t1 =
        Builder.task(item)
            .onEnabled(
                ctx -> {
                  for (int i = 1; i <= 3; i++) {
                    ctx.workItem().initialize(i);
                  }
                });
    var d = Driver.start(db.engine(single(new ActivityLog(), t1)), "autoTrigger");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.wi("t1")).extracting(WorkItemSnapshot::payloadJson).containsExactly("1", "2", "3");
    assertThat(d.wiStates("t1")).containsOnly(WorkItemState.COMPLETED);
  }

  /**
   * §6.3 H adjusted: D8 puts the workflow's onInitialized first; the start requested in
   * onInitialized runs after the enabling pass; the complete requested in onStarted runs after the
   * task heard about the start.
   */
  @DbTest
  void activityOrderOfAutoStartAndAutoComplete(TestDatabase db) {
    var log = new ActivityLog();
    Driver.start(db.engine(single(log, 1, true, Finish.COMPLETE)), "autoTrigger");
    assertThat(log.all())
        .containsExactly(
            "R.onInitialized",
            "T.onEnabled",
            "W.onInitialized",
            "R.onStarted",
            "T.onStarted",
            "W.startAction(auto-started)",
            "W.onStarted",
            "T.onWorkItemStateChanged[initialized->started]",
            "W.completeAction(auto-completed)",
            "W.onCompleted",
            "T.onWorkItemStateChanged[started->completed]",
            "T.policy[started->completed]=COMPLETE",
            "T.onCompleted",
            "R.onCompleted");
  }

  /**
   * D6: the first item auto-fails, the default policy fails the task, which cancels the two others;
   * their queued starts are skipped instead of rolling the call back.
   */
  @DbTest
  void queuedStartsOfTornDownItemsAreSkipped(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 3, true, Finish.FAIL)), "autoTrigger");
    assertThat(d.wiStates("t1"))
        .containsExactly(WorkItemState.FAILED, WorkItemState.CANCELED, WorkItemState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(log.all().stream().filter(e -> e.startsWith("W.startAction"))).hasSize(1);
  }

  /**
   * D7: transitions the engine performs on its own behalf are internal. An outside caller starts an
   * item through its custom start action; the completion it requests uses the DEFAULT
   * (internal-only) complete action and still succeeds.
   */
  @DbTest
  void autoTriggersAreInternalEvenAfterExternalCall(TestDatabase db) {
    var log = new ActivityLog();
    var item =
        Builder.workItem("W")
            .withActions(Builder.workItemActions().start(Void.class, (ctx, p) -> {}))
            .onStarted(
                ctx -> {
                  log.add("W.onStarted internal=" + ctx.isInternal());
                  ctx.workItem().complete();
                })
            .onCompleted(ctx -> log.add("W.onCompleted internal=" + ctx.isInternal()));
    var engine =
        db.engine(single(log, Builder.task(item).onEnabled(c -> c.workItem().initialize())));
    var d = Driver.start(engine, "autoTrigger");

    engine.startWorkItem(d.initialized("t1"));
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(log.all())
        .containsSubsequence("W.onStarted internal=false", "W.onCompleted internal=true");
  }

  /** A second request in one activity run is an error, and the whole call rolls back. */
  @DbTest
  void secondRequestInOneActivityIsRejected(TestDatabase db) {
    var item =
        Builder.workItem("W")
            .onStarted(
                ctx -> {
                  ctx.workItem().complete();
                  ctx.workItem().fail();
                });
    var d =
        Driver.start(
            db.engine(
                single(
                    new ActivityLog(),
                    Builder.task(item).onEnabled(c -> c.workItem().initialize()))),
            "autoTrigger");
    UUID w = d.initialized("t1");
    assertThatThrownBy(() -> d.start(w)).isInstanceOf(AutoTriggerAlreadySetException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(d.task("t1")).isEqualTo(TaskState.ENABLED);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);
    assertThat(d.marked()).containsOnly(entry("start", 1));
  }

  /** An item created through the command (no activity queue) starts itself right away. */
  @DbTest
  void itemCreatedByCommandAutoStartsAtOnce(TestDatabase db) {
    var log = new ActivityLog();
    var t1 =
        Builder.task(customWorkItem(log, true, Finish.COMPLETE))
            .onEnabled(ctx -> log.add("T.onEnabled"));
    var d = Driver.start(db.engine(single(log, t1)), "autoTrigger");
    assertThat(d.wi("t1")).isEmpty();

    UUID w = d.cmd().initializeWorkItem(d.id, "t1", null);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** A manual transition with a payload its action's type rejects changes nothing. */
  @DbTest
  void invalidPayloadIsRejected(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(single(log, 1, false, Finish.NONE)), "autoTrigger");
    UUID w = d.initialized("t1");
    assertThatThrownBy(() -> d.cmd().startWorkItem(w, null))
        .isInstanceOf(PayloadValidationException.class);
    assertThatThrownBy(() -> d.cmd().startWorkItem(w, java.util.Map.of("because", "x")))
        .isInstanceOf(PayloadValidationException.class);
    assertThat(d.q().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(d.task("t1")).isEqualTo(TaskState.ENABLED);
    d.cmd().startWorkItem(w, java.util.Map.of("reason", "by hand"));
    assertThat(log.all()).contains("W.startAction(by hand)");
  }

  /**
   * The net of the two tests below: t1's first item starts by hand; t1's onStarted creates a second
   * item that starts and fails by itself, so the default policy fails t1, which tears the first
   * item down while its own start is still in progress.
   */
  static WorkflowDefinition startTornDownByItsCascade() {
    var item =
        Builder.workItem("W")
            .withActions(Builder.workItemActions().start(Void.class, (ctx, p) -> {}))
            .onInitialized(
                ctx -> {
                  if (ctx.workItem().payload(String.class) != null) {
                    ctx.workItem().start();
                  }
                })
            .onStarted(
                ctx -> {
                  if (ctx.workItem().payload(String.class) != null) {
                    ctx.workItem().fail();
                  }
                });
    var t1 =
        Builder.task(item)
            .onEnabled(ctx -> ctx.workItem().initialize())
            .onStarted(ctx -> ctx.workItem().initialize("auto-failing"));
    return single(new ActivityLog(), t1);
  }

  /** Internal caller: the cascade's outcome commits; the torn-down item ends canceled. */
  @DbTest
  void startTornDownByItsOwnCascadeInternal(TestDatabase db) {
    var d = Driver.start(db.engine(startTornDownByItsCascade()), "autoTrigger");
    d.start(d.initialized("t1"));
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED, WorkItemState.FAILED);
  }

  /**
   * The same start from an outside caller must have the same outcome: the engine's own cascade
   * (internal, D7) superseded the request, as a queued start is skipped in D6. (Throwing would roll
   * the call back and make every outside attempt replay the cascade and fail again.)
   */
  @DbTest
  void startTornDownByItsOwnCascadeExternal(TestDatabase db) {
    var engine = db.engine(startTornDownByItsCascade());
    var d = Driver.start(engine, "autoTrigger");
    engine.startWorkItem(d.initialized("t1"));
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.wiStates("t1")).containsExactly(WorkItemState.CANCELED, WorkItemState.FAILED);
  }
}

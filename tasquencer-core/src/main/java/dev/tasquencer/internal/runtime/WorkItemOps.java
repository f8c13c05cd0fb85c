package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.builder.ActionSpec;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkItemActivities;
import dev.tasquencer.builder.WorkItemDefinition;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.List;
import java.util.UUID;

/**
 * The work item life cycle: initialize, start, complete, fail, cancel, reset, and teardown. Each
 * transition runs its action (custom or default), the state change and the counters, the work
 * item's activity, then reports to its task; a transition the work item requested in its activity
 * runs after that.
 */
final class WorkItemOps {
  private static final List<String> START_ONLY = List.of("start");
  private static final List<String> FINISH = List.of("complete", "fail", "cancel");

  private final EngineCore engine;

  WorkItemOps(EngineCore engine) {
    this.engine = engine;
  }

  /** Describes a work item for messages, lazily. */
  private record Ref(WorkItemDefinition def, TaskInstance task, UUID id, boolean prefixed) {
    Ref(WorkItemDefinition def, TaskInstance task, UUID id) {
      this(def, task, id, true);
    }

    /** The same reference without the "work item" prefix, which state errors add themselves. */
    Ref unprefixed() {
      return new Ref(def, task, id, false);
    }

    @Override
    public String toString() {
      return (prefixed ? "work item '" : "'")
          + def.name()
          + "'"
          + (id == null ? "" : " " + id)
          + " of task "
          + task.describe();
    }
  }

  TaskInstance taskOf(Call call, WorkItemRow wi) {
    WorkflowInstance wf = call.workflow(wi.workflowId);
    TaskDefinition def =
        wf.def
            .task(wi.taskName)
            .orElseThrow(
                () ->
                    new StructuralIntegrityException(
                        "work item "
                            + wi.id
                            + " belongs to task '"
                            + wi.taskName
                            + "', which the definition of its workflow "
                            + wf.describe()
                            + " does not have: the definition was changed without a new version"));
    return wf.task(def);
  }

  // ------------------------------------------------------------------------------ initialize

  UUID initialize(
      Call call, TaskInstance task, int generation, Object payload, AutoTriggerQueue queue) {
    boolean internal = call.internal();
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    if (task.generation() != generation || !task.isActive()) {
      throw new ConstraintViolationException(
          "cannot initialize a work item of task "
              + task.describe()
              + " at generation "
              + generation
              + ": the task is "
              + task.state().id()
              + " at generation "
              + task.generation()
              + "; work items can be created only while their task generation is enabled or"
              + " started");
    }
    var spec = wd.actions().initializeAction();
    Ref ref = new Ref(wd, task, null);
    if (!spec.isCustom() && !internal) {
      throw new NotInternalCallException("initialize", ref.toString());
    }
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "initialize", true);
    WorkItemRow[] created = new WorkItemRow[1];
    Runnable create =
        () -> {
          if (created[0] == null) {
            WorkflowInstance wf = task.workflow;
            WorkItemRow row =
                call.session.newWorkItem(
                    Ids.next(),
                    wf.rootId(),
                    wf.id(),
                    task.def.name(),
                    generation,
                    wd.name(),
                    v.json(),
                    call.now);
            row.payloadObject(v.value());
            call.transitions()
                .workItemCreated(row, task.generation(call, generation), call.origin());
            created[0] = row;
          }
        };
    if (spec.isCustom()) {
      var ctx =
          new WorkItemContexts.InitializeActionCtx(
              call,
              task,
              generation,
              internal,
              wd.name(),
              () -> {
                create.run();
                return created[0].id;
              });
      call.runAction(spec.callback(), ctx, v.value(), () -> "initialize action of " + ref);
    }
    create.run();
    WorkItemRow wi = created[0];
    var onInitialized = wd.activities().onInitialized();
    if (onInitialized != null) {
      var ctx =
          new WorkItemContexts.ActivityCtx(
              call, task, wi, internal, v.value(), "onInitialized", START_ONLY);
      if (wi.state() == WorkItemState.INITIALIZED) {
        call.run(onInitialized, ctx, "onInitialized", wd.name());
      }
      WorkItemContexts.Request r = ctx.request();
      if (r != null) {
        if (queue != null) {
          queue.addStart(wi.id, r.payload());
        } else if (wi.state() == WorkItemState.INITIALIZED) {
          call.as(Origin.ENGINE, () -> start(call, wi, r.payload()));
        }
      }
    }
    return wi.id;
  }

  // ------------------------------------------------------------------------------ start

  void start(Call call, WorkItemRow wi, Object payload) {
    boolean internal = call.internal();
    TaskInstance task = taskOf(call, wi);
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    Ref ref = new Ref(wd, task, wi.id);
    Lifecycles.WORK_ITEM.check(ref.unprefixed(), wi.state(), WorkItemEvent.START);
    ActionSpec<?> spec = wd.actions().startAction();
    if (!spec.isCustom() && !internal) {
      throw new NotInternalCallException("start", ref.toString());
    }
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "start", false);
    call.as(Origin.ENGINE, () -> engine.tasks.ensureStarted(call, task));
    if (wi.state() != WorkItemState.INITIALIZED) {
      // The task's start cascade (its onStarted, the auto-triggers it ran) already decided the
      // task and tore this work item down: that outcome commits, for every caller alike.
      return;
    }
    TaskGenerationRow gen = task.generation(call, wi.taskGeneration);
    Runnable apply =
        () -> {
          if (wi.state() == WorkItemState.INITIALIZED) {
            call.transitions()
                .workItem(wi, gen, WorkItemEvent.START, ref.unprefixed(), call.origin(), call.now);
          }
        };
    call.history.workItemAction(task, wi, "start", v.value());
    runTransitionAction(call, task, wi, spec, v.value(), apply, internal, "start", ref);
    apply.run();
    WorkItemActivities acts = wd.activities();
    WorkItemContexts.Request request = null;
    if (acts.onStarted() != null && wi.state() == WorkItemState.STARTED) {
      var ctx =
          new WorkItemContexts.ActivityCtx(
              call, task, wi, internal, v.value(), "onStarted", FINISH);
      call.run(acts.onStarted(), ctx, "onStarted", wd.name());
      request = ctx.request();
    }
    notifyTask(call, task, wi, WorkItemState.INITIALIZED, WorkItemState.STARTED, false, false);
    if (request != null && wi.state() == WorkItemState.STARTED) {
      WorkItemContexts.Request r = request;
      call.as(
          Origin.ENGINE,
          () -> {
            switch (r.transition()) {
              case "complete" -> finish(call, wi, r.payload(), "complete");
              case "fail" -> finish(call, wi, r.payload(), "fail");
              default -> cancel(call, wi, r.payload());
            }
          });
    }
  }

  /** Tells the task (with the engine as the origin of what follows) that a work item moved. */
  private void notifyTask(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      WorkItemState prev,
      WorkItemState next,
      boolean callPolicy,
      boolean teardown) {
    call.as(
        Origin.ENGINE,
        () -> engine.tasks.workItemStateChanged(call, task, wi, prev, next, callPolicy, teardown));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runTransitionAction(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      ActionSpec spec,
      Object payload,
      Runnable apply,
      boolean internal,
      String transition,
      Ref ref) {
    if (spec.isCustom()) {
      var ctx =
          new WorkItemContexts.TransitionActionCtx(call, task, wi, internal, apply, transition);
      call.runAction(spec.callback(), ctx, payload, () -> transition + " action of " + ref);
    }
  }

  // ------------------------------------------------------------------------------ complete, fail

  void complete(Call call, WorkItemRow wi, Object payload) {
    finish(call, wi, payload, "complete");
  }

  void fail(Call call, WorkItemRow wi, Object payload) {
    finish(call, wi, payload, "fail");
  }

  private void finish(Call call, WorkItemRow wi, Object payload, String transition) {
    boolean internal = call.internal();
    TaskInstance task = taskOf(call, wi);
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    Ref ref = new Ref(wd, task, wi.id);
    boolean completing = transition.equals("complete");
    WorkItemEvent event = completing ? WorkItemEvent.COMPLETE : WorkItemEvent.FAIL;
    Lifecycles.WORK_ITEM.check(ref.unprefixed(), wi.state(), event);
    ActionSpec<?> spec = completing ? wd.actions().completeAction() : wd.actions().failAction();
    if (!spec.isCustom() && !internal) {
      throw new NotInternalCallException(transition, ref.toString());
    }
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, transition, true);
    WorkItemState target = completing ? WorkItemState.COMPLETED : WorkItemState.FAILED;
    TaskGenerationRow gen = task.generation(call, wi.taskGeneration);
    Runnable apply =
        () -> {
          if (wi.state() == WorkItemState.STARTED) {
            call.transitions().workItem(wi, gen, event, ref.unprefixed(), call.origin(), call.now);
          }
        };
    call.history.workItemAction(task, wi, transition, v.value());
    runTransitionAction(call, task, wi, spec, v.value(), apply, internal, transition, ref);
    apply.run();
    wi.setResult(v.json(), v.value());
    Jobs.cancelOfWorkItem(call, wi);
    Activity<WorkItemActivityContext> hook =
        completing ? wd.activities().onCompleted() : wd.activities().onFailed();
    runPlainHook(
        call, task, wi, internal, v.value(), target, hook, completing ? "onCompleted" : "onFailed");
    notifyTask(call, task, wi, WorkItemState.STARTED, target, true, false);
  }

  private void runPlainHook(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      boolean internal,
      Object transitionPayload,
      WorkItemState state,
      Activity<WorkItemActivityContext> hook,
      String name) {
    if (hook != null && wi.state() == state) {
      var ctx =
          new WorkItemContexts.ActivityCtx(
              call, task, wi, internal, transitionPayload, name, List.of());
      call.run(hook, ctx, name, wi.name);
    }
  }

  // ------------------------------------------------------------------------------ cancel, reset

  /** An explicit cancellation: the action runs, and the task's policy hears about it. */
  void cancel(Call call, WorkItemRow wi, Object payload) {
    boolean internal = call.internal();
    TaskInstance task = taskOf(call, wi);
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    Ref ref = new Ref(wd, task, wi.id);
    Lifecycles.WORK_ITEM.check(ref.unprefixed(), wi.state(), WorkItemEvent.CANCEL);
    ActionSpec<?> spec = wd.actions().cancelAction();
    if (!spec.isCustom() && !internal) {
      throw new NotInternalCallException("cancel", ref.toString());
    }
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "cancel", true);
    WorkItemState prev = wi.state();
    TaskGenerationRow gen = task.generation(call, wi.taskGeneration);
    Runnable apply =
        () -> {
          if (wi.state() == prev) {
            call.transitions()
                .workItem(wi, gen, WorkItemEvent.CANCEL, ref.unprefixed(), call.origin(), call.now);
          }
        };
    call.history.workItemAction(task, wi, "cancel", v.value());
    runTransitionAction(call, task, wi, spec, v.value(), apply, internal, "cancel", ref);
    apply.run();
    wi.setResult(v.json(), v.value());
    Jobs.cancelOfWorkItem(call, wi);
    runPlainHook(
        call,
        task,
        wi,
        internal,
        v.value(),
        WorkItemState.CANCELED,
        wd.activities().onCanceled(),
        "onCanceled");
    notifyTask(call, task, wi, prev, WorkItemState.CANCELED, true, false);
  }

  void reset(Call call, WorkItemRow wi, Object payload) {
    boolean internal = call.internal();
    TaskInstance task = taskOf(call, wi);
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    Ref ref = new Ref(wd, task, wi.id);
    Lifecycles.WORK_ITEM.check(ref.unprefixed(), wi.state(), WorkItemEvent.RESET);
    ActionSpec<?> spec = wd.actions().resetAction();
    if (!spec.isCustom() && !internal) {
      throw new NotInternalCallException("reset", ref.toString());
    }
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "reset", false);
    TaskGenerationRow gen = task.generation(call, wi.taskGeneration);
    Runnable apply =
        () -> {
          if (wi.state() == WorkItemState.STARTED) {
            call.transitions()
                .workItem(wi, gen, WorkItemEvent.RESET, ref.unprefixed(), call.origin(), call.now);
          }
        };
    call.history.workItemAction(task, wi, "reset", v.value());
    runTransitionAction(call, task, wi, spec, v.value(), apply, internal, "reset", ref);
    apply.run();
    Jobs.cancelOfWorkItem(call, wi);
    runPlainHook(
        call,
        task,
        wi,
        internal,
        v.value(),
        WorkItemState.INITIALIZED,
        wd.activities().onReset(),
        "onReset");
    notifyTask(call, task, wi, WorkItemState.STARTED, WorkItemState.INITIALIZED, false, false);
  }

  /**
   * Teardown: the task ended or was withdrawn, so its live work items are canceled. No action, no
   * policy; the work item's onCanceled and the task's onWorkItemStateChanged still run.
   */
  void cancelForTeardown(Call call, TaskInstance task, WorkItemRow wi) {
    WorkItemState prev = wi.state();
    if (prev.isFinal()) {
      return;
    }
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    call.transitions()
        .workItem(
            wi,
            task.generation(call, wi.taskGeneration),
            WorkItemEvent.CANCEL,
            new Ref(wd, task, wi.id).unprefixed(),
            Origin.ENGINE,
            call.now);
    Jobs.cancelOfWorkItem(call, wi);
    runPlainHook(
        call,
        task,
        wi,
        true,
        null,
        WorkItemState.CANCELED,
        wd.activities().onCanceled(),
        "onCanceled");
    notifyTask(call, task, wi, prev, WorkItemState.CANCELED, false, true);
  }
}

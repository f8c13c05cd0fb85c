package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.builder.ActionSpec;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkItemActions;
import dev.tasquencer.builder.WorkItemActivities;
import dev.tasquencer.builder.WorkItemDefinition;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The work item life cycle: initialize, then start, complete, fail, cancel and reset along one path
 * ({@link #transition}), and teardown. Each transition runs its action (custom or default), the
 * state change and the counters, the work item's activity, then reports to its task; a transition
 * the work item requested in its activity runs after that.
 */
final class WorkItemOps {
  private final EngineCore engine;

  WorkItemOps(EngineCore engine) {
    this.engine = engine;
  }

  /** Describes a work item for messages, lazily. */
  private record Ref(
      WorkItemDefinition def, TaskInstance task, @Nullable UUID id, boolean prefixed) {
    Ref(WorkItemDefinition def, TaskInstance task, @Nullable UUID id) {
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
      Call call,
      TaskInstance task,
      int generation,
      @Nullable Object payload,
      @Nullable AutoTriggerQueue queue) {
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
    engine.authorizer.admit(call, spec, "initialize", ref);
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "initialize", true);
    if (engine.authorizer.checks(call, spec)) {
      engine.authorizer.authorize(
          call,
          spec,
          new Authorizer.Target(
              "initialize",
              ref,
              task.workflow.def.name(),
              task.def.name(),
              task.workflow.id(),
              null),
          v.value());
    }
    WorkItemRow[] created = new WorkItemRow[1];
    Messages.Wait[] waits = new Messages.Wait[1];
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
            engine.allocations.offer(call, task, row, v.value());
            Deadlines.initialized(call, task, row, v.value());
            waits[0] = Messages.initialized(call, task, row, v.value());
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
              call, task, wi, internal, v.value(), Hook.ON_INITIALIZED);
      if (wi.state() == WorkItemState.INITIALIZED) {
        call.run(onInitialized, ctx, Hook.ON_INITIALIZED, wd.name());
      }
      WorkItemContexts.Request r = ctx.request();
      if (r != null) {
        if (queue != null) {
          queue.addStart(wi.id, r.payload());
        } else if (wi.state() == WorkItemState.INITIALIZED) {
          call.as(Origin.ENGINE, () -> transition(call, wi, r.event(), r.payload()));
        }
      }
    }
    Messages.Wait wait = waits[0];
    if (wait != null && wait.message().isBufferable()) {
      if (queue != null) {
        queue.addBufferedDelivery(wi.id, wait);
      } else {
        Messages.deliverBuffered(call, wi, wait);
      }
    }
    return wi.id;
  }

  // ------------------------------------------------------------------------------ transitions

  void start(Call call, WorkItemRow wi, @Nullable Object payload) {
    transition(call, wi, WorkItemEvent.START, payload);
  }

  void complete(Call call, WorkItemRow wi, @Nullable Object payload) {
    transition(call, wi, WorkItemEvent.COMPLETE, payload);
  }

  void fail(Call call, WorkItemRow wi, @Nullable Object payload) {
    transition(call, wi, WorkItemEvent.FAIL, payload);
  }

  /** An explicit cancellation: the action runs, and the task's policy hears about it. */
  void cancel(Call call, WorkItemRow wi, @Nullable Object payload) {
    transition(call, wi, WorkItemEvent.CANCEL, payload);
  }

  void reset(Call call, WorkItemRow wi, @Nullable Object payload) {
    transition(call, wi, WorkItemEvent.RESET, payload);
  }

  /**
   * The one path of a transition a command, an activity or the engine asks of a work item: its task
   * is looked up, the action is picked (an external caller may not use a default one) and its
   * payload validated, its policy evaluated, then the table checks the event (so that a refused
   * caller learns nothing of the item's state), an offered item's allocation is checked (only the
   * claimant works a claimed item; an offered one is claimed for the actor, {@link
   * Allocations#beforeWork}); a start starts the task first. Then the action runs and the state
   * changes (inside the action if it applies the transition), an ending transition records its
   * payload, the work item's jobs are canceled when it leaves started or ends, its activity runs,
   * its task hears of it, and a transition the activity requested runs last, on the engine's
   * account.
   */
  private void transition(
      Call call, WorkItemRow wi, WorkItemEvent event, @Nullable Object payload) {
    boolean internal = call.internal();
    TaskInstance task = taskOf(call, wi);
    WorkItemDefinition wd = TaskKinds.atomic(task).workItem();
    Ref ref = new Ref(wd, task, wi.id);
    ActionSpec<?> spec = action(wd, event);
    engine.authorizer.admit(call, spec, event.id(), ref);
    PayloadCodec.Validated v =
        engine.codec.validate(
            spec, payload, ref, event.id(), /* stored */ Lifecycles.WORK_ITEM.to(event).isFinal());
    if (engine.authorizer.checks(call, spec)) {
      engine.authorizer.authorize(
          call,
          spec,
          new Authorizer.Target(
              event.id(), ref, task.workflow.def.name(), task.def.name(), wi.workflowId, wi),
          v.value());
    }
    // after the policy: a caller it refuses learns nothing of the work item's state
    WorkItemState to = Lifecycles.WORK_ITEM.check(ref.unprefixed(), wi.state(), event);
    engine.allocations.beforeWork(call, task, wi, event);
    Actor actor = call.actor();
    if (!internal && event == WorkItemEvent.COMPLETE && actor != null) {
      Duties.check(call, task, wi, actor, "complete");
    }
    if (event == WorkItemEvent.START) {
      call.as(Origin.ENGINE, () -> engine.tasks.ensureStarted(call, task));
      if (wi.state() != WorkItemState.INITIALIZED) {
        // The task's start cascade (its onStarted, the auto-triggers it ran) already decided the
        // task and tore this work item down: that outcome commits, for every caller alike.
        return;
      }
    }
    WorkItemState from = wi.state();
    TaskGenerationRow gen = task.generation(call, wi.taskGeneration);
    Runnable apply =
        () -> {
          if (wi.state() == from) {
            call.transitions().workItem(wi, gen, event, ref.unprefixed(), call.origin(), call.now);
          }
        };
    call.history.workItemAction(task, wi, event.id(), v.value());
    runAction(call, task, wi, spec, v.value(), apply, event, ref);
    apply.run();
    if (event == WorkItemEvent.COMPLETE && wi.state() == WorkItemState.COMPLETED) {
      Duties.completed(call, task, wi);
    }
    if (event == WorkItemEvent.START && wi.state() == WorkItemState.STARTED) {
      Deadlines.started(call, task, wi);
    }
    if (to.isFinal()) {
      wi.setResult(v.json(), v.value());
    }
    WorkItemContexts.Request request =
        followUp(
            call, task, wd, wi, event, from, to, internal, v.value(), TaskOps.Cause.TRANSITION);
    if (request != null && wi.state() == to) {
      call.as(Origin.ENGINE, () -> transition(call, wi, request.event(), request.payload()));
    }
  }

  /** The action of a transition: custom, or the default that only applies it. */
  private static ActionSpec<?> action(WorkItemDefinition wd, WorkItemEvent event) {
    WorkItemActions actions = wd.actions();
    return switch (event) {
      case START -> actions.startAction();
      case COMPLETE -> actions.completeAction();
      case FAIL -> actions.failAction();
      case CANCEL -> actions.cancelAction();
      case RESET -> actions.resetAction();
      case INITIALIZE -> actions.initializeAction();
    };
  }

  /** The activity that announces the state {@code event} leads to, and its hook. */
  private static @Nullable Activity<? super WorkItemContexts.ActivityCtx> activity(
      WorkItemDefinition wd, WorkItemEvent event) {
    WorkItemActivities acts = wd.activities();
    return switch (event) {
      case INITIALIZE -> acts.onInitialized();
      case START -> acts.onStarted();
      case COMPLETE -> acts.onCompleted();
      case FAIL -> acts.onFailed();
      case CANCEL -> acts.onCanceled();
      case RESET -> acts.onReset();
    };
  }

  private static Hook hook(WorkItemEvent event) {
    return switch (event) {
      case INITIALIZE -> Hook.ON_INITIALIZED;
      case START -> Hook.ON_STARTED;
      case COMPLETE -> Hook.ON_COMPLETED;
      case FAIL -> Hook.ON_FAILED;
      case CANCEL -> Hook.ON_CANCELED;
      case RESET -> Hook.ON_RESET;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void runAction(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      ActionSpec spec,
      @Nullable Object payload,
      Runnable apply,
      WorkItemEvent event,
      Ref ref) {
    if (spec.isCustom()) {
      var ctx =
          new WorkItemContexts.TransitionActionCtx(call, task, wi, call.internal(), apply, event);
      call.runAction(spec.callback(), ctx, payload, () -> event.id() + " action of " + ref);
    }
  }

  /**
   * What follows a work item's state change, for a requested transition and a teardown alike: its
   * jobs are canceled when it leaves started or ends, its activity runs (while it is still in the
   * state the activity announces), and its task hears of it. Returns what the activity requested.
   */
  private WorkItemContexts.@Nullable Request followUp(
      Call call,
      TaskInstance task,
      WorkItemDefinition wd,
      WorkItemRow wi,
      WorkItemEvent event,
      WorkItemState from,
      WorkItemState to,
      boolean internal,
      @Nullable Object transitionPayload,
      TaskOps.Cause cause) {
    if (from == WorkItemState.STARTED || to.isFinal()) {
      Jobs.cancelOfWorkItem(call, wi, to.isFinal());
    }
    if (to.isFinal()) {
      Messages.ended(call, task, wi);
    }
    engine.allocations.afterTransition(call, task, wi, event, to);
    WorkItemContexts.Request request = null;
    Activity<? super WorkItemContexts.ActivityCtx> activity = activity(wd, event);
    if (activity != null && wi.state() == to) {
      Hook hook = hook(event);
      var ctx = new WorkItemContexts.ActivityCtx(call, task, wi, internal, transitionPayload, hook);
      call.run(activity, ctx, hook, wi.name);
      request = ctx.request();
    }
    call.as(
        Origin.ENGINE, () -> engine.tasks.workItemStateChanged(call, task, wi, from, to, cause));
    return request;
  }

  /**
   * A message arrived for a started work item whose wait declares {@code onMessage}: the activity
   * runs with the message's payload as its transition payload, then the transition it requested
   * (complete, fail or cancel), on the engine's account.
   */
  void receive(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      Activity<? super WorkItemContexts.ActivityCtx> onMessage,
      @Nullable Object payload) {
    var ctx =
        new WorkItemContexts.ActivityCtx(call, task, wi, call.internal(), payload, Hook.ON_MESSAGE);
    call.run(onMessage, ctx, Hook.ON_MESSAGE, wi.name);
    WorkItemContexts.Request request = ctx.request();
    if (request != null && wi.state() == WorkItemState.STARTED) {
      call.as(Origin.ENGINE, () -> transition(call, wi, request.event(), request.payload()));
    }
  }

  // ------------------------------------------------------------------------------ teardown

  /**
   * Teardown: the task ended or was withdrawn, so its live work items are canceled. No action, no
   * policy; the work item's onCanceled and the task's onWorkItemStateChanged still run.
   */
  void cancelForTeardown(Call call, TaskInstance task, WorkItemRow wi) {
    WorkItemState from = wi.state();
    if (from.isFinal()) {
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
    followUp(
        call,
        task,
        wd,
        wi,
        WorkItemEvent.CANCEL,
        from,
        WorkItemState.CANCELED,
        true,
        null,
        TaskOps.Cause.TEARDOWN);
  }
}

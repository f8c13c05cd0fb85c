package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.Transition;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.CompositeTaskEndedContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.error.InvalidRouteException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.builder.CompositeTaskActivities;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.DummyTaskDefinition;
import dev.tasquencer.builder.TaskActivities;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.TaskEvent;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The task life cycle: enable (a new generation), start (consuming input tokens), complete
 * (cancellation region, then output tokens), fail, cancel and disable, and the policy that turns a
 * work item's final state into the task's decision.
 */
final class TaskOps {
  private static final Set<WorkItemState> LIVE =
      java.util.EnumSet.of(WorkItemState.INITIALIZED, WorkItemState.STARTED);
  private static final Set<WorkflowState> LIVE_WORKFLOWS =
      java.util.EnumSet.of(WorkflowState.INITIALIZED, WorkflowState.STARTED);

  /** Why a child's transition is reported to its task. */
  enum Cause {
    /**
     * The child made a transition of its own (asked by a command, an activity or the engine): the
     * task's activity runs, and for a final state its policy decides.
     */
    TRANSITION,
    /** The task (or its workflow) ended and canceled the child: only the activity runs. */
    TEARDOWN
  }

  private final EngineCore engine;

  TaskOps(EngineCore engine) {
    this.engine = engine;
  }

  private static Contexts.TaskCtx ctx(
      Call call, TaskInstance task, @Nullable AutoTriggerQueue queue, Hook hook) {
    Contexts.WorkItemsHandle items =
        task.def instanceof AtomicTaskDefinition
            ? new Contexts.WorkItemsHandle(
                call, task, task.generation(), queue, hook, null, null, null)
            : null;
    return new Contexts.TaskCtx(call, task, items, hook);
  }

  // ------------------------------------------------------------------------------ enable

  void enable(Call call, TaskInstance task, AutoTriggerQueue queue) {
    task.newGeneration(call.transitions().enableTask(task.row, task, Origin.ENGINE, call.now));
    int gen = task.generation();
    TaskDefinition def = task.def;
    if (def instanceof AtomicTaskDefinition a) {
      runHook(
          call,
          task,
          gen,
          TaskState.ENABLED,
          a.activities().onEnabled(),
          () -> ctx(call, task, queue, Hook.ON_ENABLED),
          Hook.ON_ENABLED);
    } else if (def instanceof CompositeTaskDefinition c) {
      runHook(
          call,
          task,
          gen,
          TaskState.ENABLED,
          c.activities().onEnabled(),
          () -> compositeCtx(call, task, Hook.ON_ENABLED),
          Hook.ON_ENABLED);
    } else if (def instanceof DummyTaskDefinition d) {
      runHook(
          call,
          task,
          gen,
          TaskState.ENABLED,
          d.activities().onEnabled(),
          () -> ctx(call, task, null, Hook.ON_ENABLED),
          Hook.ON_ENABLED);
      if (task.state() == TaskState.ENABLED && task.generation() == gen) {
        start(call, task);
        if (task.state() == TaskState.STARTED && task.generation() == gen) {
          complete(call, task);
        }
      }
    }
  }

  /**
   * Runs an activity of the task's generation {@code gen} that announces {@code state}, unless the
   * cascade that led here has already moved the task on: torn down with its workflow, or enabled
   * again as a newer generation. No activity of a generation runs after that generation's teardown.
   */
  private static <C> void runHook(
      Call call,
      TaskInstance task,
      int gen,
      TaskState state,
      @Nullable Activity<C> hook,
      Supplier<C> ctx,
      Hook name) {
    if (hook != null && task.generation() == gen && task.state() == state) {
      call.run(hook, ctx.get(), name, task);
    }
  }

  // ------------------------------------------------------------------------------ start

  /** Starts the task if it is only enabled; called by the start of its first child. */
  void ensureStarted(Call call, TaskInstance task) {
    if (task.state() != TaskState.STARTED) {
      start(call, task);
    }
  }

  /**
   * Starts an enabled task: its workflow starts (and, for a child workflow, the composite task
   * above it), its input tokens are consumed and the enablement pass runs (withdrawn siblings hear
   * of it before this task's {@code onStarted}, §6.3 I); then its {@code onStarted} runs. Either
   * cascade may end this task's workflow and tear the task down with it (an OR-join that fires once
   * a branch is withdrawn, say); the start then stops there, and its {@code onStarted} never runs.
   */
  void start(Call call, TaskInstance task) {
    Lifecycles.TASK.check(task, task.state(), TaskEvent.START);
    int gen = task.generation();
    WorkflowInstance wf = task.workflow;
    engine.workflows.ensureStarted(call, wf);
    if (task.state() != TaskState.ENABLED || task.generation() != gen) {
      return; // the composite task above started and ended this workflow
    }
    call.transitions().task(task.row, TaskEvent.START, task, Origin.ENGINE);
    engine.enablement.consume(wf, task.def);
    engine.enablement.afterStart(call, wf);
    TaskDefinition def = task.def;
    if (def instanceof AtomicTaskDefinition a) {
      var hook = a.activities().onStarted();
      if (hook != null) {
        AutoTriggerQueue queue = new AutoTriggerQueue();
        runHook(
            call,
            task,
            gen,
            TaskState.STARTED,
            hook,
            () -> ctx(call, task, queue, Hook.ON_STARTED),
            Hook.ON_STARTED);
        queue.drain(call);
      }
    } else if (def instanceof CompositeTaskDefinition c) {
      runHook(
          call,
          task,
          gen,
          TaskState.STARTED,
          c.activities().onStarted(),
          () -> compositeCtx(call, task, Hook.ON_STARTED),
          Hook.ON_STARTED);
    } else if (def instanceof DummyTaskDefinition d) {
      runHook(
          call,
          task,
          gen,
          TaskState.STARTED,
          d.activities().onStarted(),
          () -> ctx(call, task, null, Hook.ON_STARTED),
          Hook.ON_STARTED);
    }
  }

  // ------------------------------------------------------------------------------ end states

  /**
   * Completes the task: its live work items are canceled, {@code onCompleted} runs, its
   * cancellation region is applied, its output tokens are produced and the workflow takes its next
   * step. A task that is only enabled is started first.
   */
  void complete(Call call, TaskInstance task) {
    if (task.state() == TaskState.ENABLED) {
      int gen = task.generation();
      start(call, task);
      if (task.state() != TaskState.STARTED || task.generation() != gen) {
        return;
      }
    }
    int gen = task.generation();
    call.transitions().task(task.row, TaskEvent.COMPLETE, task, Origin.ENGINE);
    teardownChildren(call, task);
    Jobs.cancelOfTask(call, task);
    runEndHook(
        call,
        task,
        gen,
        TaskState.COMPLETED,
        Hook.ON_COMPLETED,
        TaskActivities::onCompleted,
        CompositeTaskActivities::onCompleted);
    if (task.def instanceof DummyTaskDefinition d) {
      runHook(
          call,
          task,
          gen,
          TaskState.COMPLETED,
          d.activities().onCompleted(),
          () -> ctx(call, task, null, Hook.ON_COMPLETED),
          Hook.ON_COMPLETED);
    }
    applyCancellationRegion(call, task);
    produce(call, task);
    engine.enablement.afterCompletion(call, task.workflow);
  }

  /** Fails the task and its workflow. A task that is only enabled is started first. */
  void fail(Call call, TaskInstance task) {
    if (task.state() == TaskState.ENABLED) {
      int gen = task.generation();
      start(call, task);
      if (task.state() != TaskState.STARTED || task.generation() != gen) {
        return;
      }
    }
    end(
        call,
        task,
        TaskEvent.FAIL,
        TaskState.FAILED,
        Hook.ON_FAILED,
        TaskActivities::onFailed,
        CompositeTaskActivities::onFailed);
    engine.workflows.fail(call, task.workflow);
  }

  /** Withdraws an enabled task whose join no longer holds, or whose workflow ended. */
  void disable(Call call, TaskInstance task) {
    end(
        call,
        task,
        TaskEvent.DISABLE,
        TaskState.DISABLED,
        Hook.ON_DISABLED,
        TaskActivities::onDisabled,
        CompositeTaskActivities::onDisabled);
  }

  /** Cancels an enabled or started task (cancellation region, workflow teardown). */
  void cancel(Call call, TaskInstance task) {
    end(
        call,
        task,
        TaskEvent.CANCEL,
        TaskState.CANCELED,
        Hook.ON_CANCELED,
        TaskActivities::onCanceled,
        CompositeTaskActivities::onCanceled);
  }

  /**
   * Fails, withdraws or cancels the task: its live children are torn down (no policy), its jobs
   * canceled, then its hook for that state runs (dummy tasks have none).
   */
  private void end(
      Call call,
      TaskInstance task,
      TaskEvent event,
      TaskState target,
      Hook name,
      Function<TaskActivities, Activity<TaskEndedContext>> atomicHook,
      Function<CompositeTaskActivities, Activity<CompositeTaskEndedContext>> compositeHook) {
    int gen = task.generation();
    call.transitions().task(task.row, event, task, Origin.ENGINE);
    teardownChildren(call, task);
    Jobs.cancelOfTask(call, task);
    runEndHook(call, task, gen, target, name, atomicHook, compositeHook);
  }

  /** The end hook of an atomic or composite task (after its children's teardown hooks). */
  private static void runEndHook(
      Call call,
      TaskInstance task,
      int gen,
      TaskState state,
      Hook name,
      Function<TaskActivities, Activity<TaskEndedContext>> atomicHook,
      Function<CompositeTaskActivities, Activity<CompositeTaskEndedContext>> compositeHook) {
    if (task.def instanceof AtomicTaskDefinition a) {
      runHook(
          call,
          task,
          gen,
          state,
          atomicHook.apply(a.activities()),
          () -> ctx(call, task, null, name),
          name);
    } else if (task.def instanceof CompositeTaskDefinition c) {
      runHook(
          call,
          task,
          gen,
          state,
          compositeHook.apply(c.activities()),
          () -> compositeCtx(call, task, name),
          name);
    }
  }

  private static CompositeContexts.CompositeCtx compositeCtx(
      Call call, TaskInstance task, Hook hook) {
    return new CompositeContexts.CompositeCtx(
        call,
        task,
        new CompositeContexts.ChildWorkflowsHandle(
            call, task, task.generation(), true, hook, null, null, null),
        hook);
  }

  /**
   * Cancels the live children of the task's current generation (no policy): its work items, or its
   * child workflows (with everything inside them).
   */
  private void teardownChildren(Call call, TaskInstance task) {
    TaskGenerationRow gen = task.current;
    if (gen == null || gen.live() == 0) {
      return;
    }
    if (task.def instanceof AtomicTaskDefinition) {
      List<WorkItemRow> live =
          call.session.workItems(task.workflow.id(), task.def.name(), gen.generation, LIVE);
      for (WorkItemRow wi : live) {
        engine.workItems.cancelForTeardown(call, task, wi);
      }
    } else if (task.def instanceof CompositeTaskDefinition) {
      List<WorkflowRow> live =
          call.session.childWorkflows(
              task.workflow.id(), task.def.name(), gen.generation, LIVE_WORKFLOWS);
      for (WorkflowRow child : live) {
        engine.workflows.cancelForTeardown(call, call.workflow(child.id));
      }
    }
  }

  // ------------------------------------------------------------------------------ children

  /**
   * A work item of the task changed state. The task's {@code onWorkItemStateChanged} runs (with its
   * own auto-trigger queue, drained before the policy); for a final state reached by a caller or an
   * activity the policy decides. Events of an older generation only count in that generation's
   * counters.
   */
  void workItemStateChanged(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      WorkItemState prev,
      WorkItemState next,
      Cause cause) {
    boolean teardown = cause == Cause.TEARDOWN;
    int gen = wi.taskGeneration;
    if (gen != task.generation() || (!teardown && !task.isActive())) {
      return;
    }
    AtomicTaskDefinition def = (AtomicTaskDefinition) task.def;
    var hook = def.activities().onWorkItemStateChanged();
    if (hook != null) {
      AutoTriggerQueue queue = teardown ? null : new AutoTriggerQueue();
      var items =
          new Contexts.WorkItemsHandle(
              call, task, gen, queue, Hook.ON_WORK_ITEM_STATE_CHANGED, wi, prev, next);
      call.run(
          hook,
          new Contexts.TaskCtx(call, task, items, Hook.ON_WORK_ITEM_STATE_CHANGED),
          Hook.ON_WORK_ITEM_STATE_CHANGED,
          task);
      if (queue != null) {
        queue.drain(call);
      }
    }
    if (teardown || !next.isFinal()) {
      return;
    }
    if (task.generation() != gen || !task.isActive()) {
      return; // decided meanwhile (by a nested transition)
    }
    PolicyResult result = decide(call, task, def, wi, prev, next);
    if (result == PolicyResult.COMPLETE) {
      complete(call, task);
    } else if (result == PolicyResult.FAIL) {
      fail(call, task);
    }
  }

  /**
   * A child workflow of a composite task changed state: the generation's counters move, the task's
   * {@code onWorkflowStateChanged} runs, and for a final state reached by the child itself or an
   * explicit cancellation the policy decides. Teardown cancellations only run the activity.
   */
  void workflowStateChanged(
      Call call,
      TaskInstance task,
      WorkflowInstance child,
      WorkflowState prev,
      WorkflowState next,
      Cause cause) {
    boolean teardown = cause == Cause.TEARDOWN;
    int gen = child.row.parentGeneration(); // counters moved with the child's state
    if (gen != task.generation() || (!teardown && !task.isActive())) {
      return;
    }
    CompositeTaskDefinition def = (CompositeTaskDefinition) task.def;
    var hook = def.activities().onWorkflowStateChanged();
    if (hook != null) {
      var children =
          new CompositeContexts.ChildWorkflowsHandle(
              call, task, gen, !teardown, Hook.ON_WORKFLOW_STATE_CHANGED, child, prev, next);
      call.run(
          hook,
          new CompositeContexts.CompositeCtx(call, task, children, Hook.ON_WORKFLOW_STATE_CHANGED),
          Hook.ON_WORKFLOW_STATE_CHANGED,
          task);
    }
    if (teardown || !next.isFinal()) {
      return;
    }
    if (task.generation() != gen || !task.isActive()) {
      return; // decided meanwhile
    }
    PolicyResult result;
    if (def.hasDefaultPolicy()) {
      var stats = task.generation(call, gen).stats();
      if (next == WorkflowState.FAILED) {
        result = PolicyResult.FAIL;
      } else {
        result =
            stats.total() > 0 && stats.allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
      }
    } else {
      var ctx =
          new CompositeContexts.PolicyCtx(call, task, gen, child, new Transition<>(prev, next));
      try {
        result = def.policy().decide(ctx);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new UserCodeException("policy of task " + task.describe(), e);
      }
      if (result == null) {
        result = PolicyResult.CONTINUE;
      }
    }
    if (result == PolicyResult.COMPLETE) {
      complete(call, task);
    } else if (result == PolicyResult.FAIL) {
      fail(call, task);
    }
  }

  private PolicyResult decide(
      Call call,
      TaskInstance task,
      AtomicTaskDefinition def,
      WorkItemRow wi,
      WorkItemState prev,
      WorkItemState next) {
    int gen = wi.taskGeneration;
    if (def.hasDefaultPolicy()) {
      if (next == WorkItemState.FAILED) {
        return PolicyResult.FAIL;
      }
      return task.generation(call, gen).live() == 0 ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
    }
    var ctx = new Contexts.PolicyCtx(call, task, gen, wi, new Transition<>(prev, next));
    try {
      PolicyResult r = def.policy().decide(ctx);
      return r == null ? PolicyResult.CONTINUE : r;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException("policy of task " + task.describe(), e);
    }
  }

  // ------------------------------------------------------------------------------ completion

  /** Region tasks first (canceled if enabled or started), then region conditions (emptied). */
  private void applyCancellationRegion(Call call, TaskInstance task) {
    TaskDefinition def = task.def;
    if (!def.hasCancellationRegion()) {
      return;
    }
    WorkflowInstance wf = task.workflow;
    for (TaskDefinition t : def.regionTasks()) {
      TaskInstance member = wf.task(t);
      if (member.isActive()) {
        cancel(call, member);
      }
    }
    for (ConditionDefinition c : def.regionConditions()) {
      wf.clear(c);
    }
  }

  /** Produces the output tokens of a completed task, per its split. */
  private void produce(Call call, TaskInstance task) {
    TaskDefinition def = task.def;
    WorkflowInstance wf = task.workflow;
    switch (def.splitType()) {
      case AND -> {
        for (ConditionDefinition c : def.outputs()) {
          wf.addToken(c);
        }
      }
      case XOR -> {
        Route r;
        try {
          r =
              Objects.requireNonNull(def.xorRouter(), "build() requires an XOR split's router")
                  .route(new Contexts.RouterCtx(call, task));
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new UserCodeException("router of task " + task.describe(), e);
        }
        ConditionDefinition out;
        if (r == null) {
          out = defaultOutput(task, "returned no route");
        } else {
          out = resolve(task, r);
        }
        call.history.routed(task, List.of(out));
        wf.addToken(out);
      }
      case OR -> {
        Collection<Route> routes;
        try {
          routes =
              Objects.requireNonNull(def.orRouter(), "build() requires an OR split's router")
                  .route(new Contexts.RouterCtx(call, task));
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new UserCodeException("router of task " + task.describe(), e);
        }
        Set<ConditionDefinition> outs = new LinkedHashSet<>();
        if (routes == null || routes.isEmpty()) {
          outs.add(defaultOutput(task, "returned no routes"));
        } else {
          for (Route r : routes) {
            if (r == null) {
              throw new InvalidRouteException(
                  "the router of task " + task.describe() + " returned a null route");
            }
            outs.add(resolve(task, r));
          }
        }
        call.history.routed(task, outs);
        for (ConditionDefinition c : outs) {
          wf.addToken(c);
        }
      }
    }
  }

  private static ConditionDefinition defaultOutput(TaskInstance task, String what) {
    ConditionDefinition d = task.def.defaultOutput();
    if (d == null) {
      throw new InvalidRouteException(
          "the router of task "
              + task.describe()
              + " "
              + what
              + " and the split declares no default flow; return "
              + choices(task.def)
              + ", or declare .defaultTask(...)/.defaultCondition(...)");
    }
    return d;
  }

  private static ConditionDefinition resolve(TaskInstance task, Route r) {
    TaskDefinition def = task.def;
    String name =
        r.kind() == Route.Kind.TASK
            ? ConditionDefinition.implicitName(def.name(), r.target())
            : r.target();
    for (ConditionDefinition c : def.outputs()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new InvalidRouteException(
        "the router of task "
            + task.describe()
            + " chose "
            + r
            + ", which is not one of its outgoing flows; choose from "
            + choices(def));
  }

  private static String choices(TaskDefinition def) {
    List<String> out = new ArrayList<>();
    for (ConditionDefinition c : def.outputs()) {
      // an implicit condition leads to the one task that consumes it
      out.add(
          c.isImplicit()
              ? "toTask(\"" + c.consumers().get(0).name() + "\")"
              : "toCondition(\"" + c.name() + "\")");
    }
    return out.toString();
  }
}

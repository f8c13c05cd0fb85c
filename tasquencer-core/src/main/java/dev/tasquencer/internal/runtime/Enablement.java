package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.runtime.orjoin.OrJoinAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marking and enabling: when a task's join holds, which tokens its start consumes, and the pass
 * that keeps enablement in step with the marking after every step of a workflow (D15): enabled
 * tasks whose join no longer holds are withdrawn, then tasks whose join holds are enabled, in
 * declaration order; the auto-starts they request run after the pass.
 */
final class Enablement {
  private final EngineCore engine;
  private final Map<WorkflowDefinition, OrJoinAnalyzer> orJoins = new ConcurrentHashMap<>();

  Enablement(EngineCore engine) {
    this.engine = engine;
  }

  boolean joinHolds(WorkflowInstance wf, TaskDefinition t) {
    List<ConditionDefinition> inputs = t.inputs();
    switch (t.joinType()) {
      case AND -> {
        for (ConditionDefinition c : inputs) {
          if (wf.marking(c) == 0) {
            return false;
          }
        }
        return !inputs.isEmpty();
      }
      case XOR -> {
        for (ConditionDefinition c : inputs) {
          if (wf.marking(c) > 0) {
            return true;
          }
        }
        return false;
      }
      default -> {
        return orJoinHolds(wf, t);
      }
    }
  }

  /** The OR-join decision on the instance's current marking and started tasks. */
  private boolean orJoinHolds(WorkflowInstance wf, TaskDefinition t) {
    boolean anyMarked = false;
    for (ConditionDefinition c : t.inputs()) {
      anyMarked |= wf.marking(c) > 0;
    }
    if (!anyMarked) {
      return false;
    }
    int[] marking = new int[wf.conditions.length];
    for (int i = 0; i < marking.length; i++) {
      marking[i] = wf.conditions[i].marking();
    }
    boolean[] started = new boolean[wf.tasks.length];
    for (int i = 0; i < started.length; i++) {
      started[i] = wf.tasks[i].state() == TaskState.STARTED;
    }
    return orJoins.computeIfAbsent(wf.def, OrJoinAnalyzer::new).enabled(t, marking, started);
  }

  /**
   * The tokens a task's start consumes (D1): AND one from each input, XOR one from the first marked
   * input in declaration order, OR one from each marked input.
   */
  void consume(WorkflowInstance wf, TaskDefinition t) {
    switch (t.joinType()) {
      case AND -> t.inputs().forEach(wf::removeToken);
      case XOR -> {
        for (ConditionDefinition c : t.inputs()) {
          if (wf.marking(c) > 0) {
            wf.removeToken(c);
            return;
          }
        }
      }
      case OR -> {
        for (ConditionDefinition c : t.inputs()) {
          if (wf.marking(c) > 0) {
            wf.removeToken(c);
          }
        }
      }
    }
  }

  void afterInitialization(Call call, WorkflowInstance wf) {
    pass(call, wf);
  }

  void afterStart(Call call, WorkflowInstance wf) {
    if (!wf.isFinal()) {
      pass(call, wf);
    }
  }

  /** After a completion step: the workflow completes if its end is marked, else a pass runs. */
  void afterCompletion(Call call, WorkflowInstance wf) {
    if (wf.isFinal()) {
      return;
    }
    if (wf.endReached()) {
      engine.workflows.complete(call, wf);
      return;
    }
    pass(call, wf);
  }

  private static boolean canBeEnabled(TaskState s) {
    return s != TaskState.ENABLED && s != TaskState.STARTED;
  }

  void pass(Call call, WorkflowInstance wf) {
    TaskInstance[] tasks = wf.tasks;
    for (TaskInstance t : tasks) {
      if (wf.isFinal()) {
        return;
      }
      if (t.state() == TaskState.ENABLED && !joinHolds(wf, t.def)) {
        engine.tasks.disable(call, t);
      }
    }
    AutoTriggerQueue queue = new AutoTriggerQueue();
    for (TaskInstance t : tasks) {
      if (wf.isFinal()) {
        break;
      }
      if (canBeEnabled(t.state()) && joinHolds(wf, t.def)) {
        engine.tasks.enable(call, t, queue);
      }
    }
    queue.drain(call);
    if (wf.def.terminatesImplicitly()) {
      terminateIfIdle(call, wf);
    }
  }

  /**
   * Implicit termination: an active workflow in which no task is enabled or started has nothing
   * left to do, now or later, so it completes (a workflow that never started starts first).
   */
  private void terminateIfIdle(Call call, WorkflowInstance wf) {
    if (wf.isFinal()) {
      return;
    }
    for (TaskInstance t : wf.tasks) {
      if (t.isActive()) {
        return;
      }
    }
    engine.workflows.ensureStarted(call, wf);
    if (!wf.isFinal()) {
      engine.workflows.complete(call, wf);
    }
  }
}

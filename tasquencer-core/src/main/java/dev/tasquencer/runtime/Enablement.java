package dev.tasquencer.runtime;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import java.util.List;

/**
 * Marking and enabling: when a task's join holds, which tokens its start consumes, and the pass
 * that keeps enablement in step with the marking after every step of a workflow (D15): enabled
 * tasks whose join no longer holds are withdrawn, then tasks whose join holds are enabled, in
 * declaration order; the auto-starts they request run after the pass.
 */
final class Enablement {
  private final EngineCore engine;

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
      default -> throw new UnsupportedOperationException("OR-join of task " + t.name());
    }
  }

  /**
   * The tokens a task's start consumes (D1): AND one from each input, XOR one from the first
   * marked input in declaration order, OR one from each marked input.
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
  }
}

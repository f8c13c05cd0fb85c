package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.TaskRow;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One task of a workflow instance inside a call: its row and its generations' counters. */
final class TaskInstance {
  final WorkflowInstance workflow;
  final TaskDefinition def;
  final TaskRow row;

  /** Counters of the current generation (null before the first enablement). */
  @Nullable TaskGenerationRow current;

  private @Nullable Map<Integer, TaskGenerationRow> older;

  TaskInstance(
      WorkflowInstance workflow, TaskDefinition def, TaskRow row, @Nullable TaskGenerationRow gen) {
    this.workflow = workflow;
    this.def = def;
    this.row = row;
    this.current = gen;
  }

  TaskState state() {
    return row.state();
  }

  int generation() {
    return row.generation();
  }

  boolean isActive() {
    return row.state().isActive();
  }

  String describe() {
    return "'" + def.name() + "' of workflow " + workflow.describe();
  }

  /** Makes {@code next} the current generation; the one it replaces stays known to the call. */
  void newGeneration(TaskGenerationRow next) {
    if (current != null) {
      if (older == null) {
        older = new HashMap<>();
      }
      older.put(current.generation, current);
    }
    current = next;
  }

  /** Counters of a generation; older generations are loaded once and kept for the call. */
  TaskGenerationRow generation(Call call, int generation) {
    if (current != null && current.generation == generation) {
      return current;
    }
    if (older == null) {
      older = new HashMap<>();
    }
    return older.computeIfAbsent(
        generation,
        g ->
            call.session
                .loadGeneration(workflow.id(), def.name(), g)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no counters for generation " + g + " of task " + describe())));
  }

  @Override
  public String toString() {
    return describe();
  }
}

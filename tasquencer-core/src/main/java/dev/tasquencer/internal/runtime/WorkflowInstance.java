package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.ConditionRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.UUID;

/** One workflow instance inside a call: its definition, its row, its tasks and its marking. */
final class WorkflowInstance {
  final WorkflowDefinition def;
  final WorkflowRow row;
  final TaskInstance[] tasks;
  final ConditionRow[] conditions;

  /** The initialize payload object given in this call, to spare a JSON round trip. */
  Object payloadObject;

  /** Where changes of the marking are recorded (history at level FULL). */
  private final CallHistory history;

  WorkflowInstance(
      WorkflowDefinition def, WorkflowRow row, ConditionRow[] conditions, CallHistory history) {
    this.def = def;
    this.row = row;
    this.tasks = new TaskInstance[def.tasks().size()];
    this.conditions = conditions;
    this.history = history;
  }

  UUID id() {
    return row.id;
  }

  UUID rootId() {
    return row.rootId;
  }

  WorkflowState state() {
    return row.state();
  }

  boolean isFinal() {
    return row.state().isFinal();
  }

  TaskInstance task(TaskDefinition t) {
    return tasks[t.index()];
  }

  /** The task of this name, or a not-found error listing the workflow's tasks. */
  TaskInstance taskNamed(String name) {
    return task(
        def.task(name)
            .orElseThrow(
                () ->
                    new dev.tasquencer.api.error.TaskNotFoundException(
                        def.name(),
                        name,
                        "The workflow's tasks are "
                            + def.tasks().stream().map(TaskDefinition::name).toList())));
  }

  int marking(ConditionDefinition c) {
    return conditions[c.index()].marking();
  }

  void addToken(ConditionDefinition c) {
    mark(c, conditions[c.index()].marking() + 1, "produce");
  }

  void removeToken(ConditionDefinition c) {
    mark(c, Math.max(0, conditions[c.index()].marking() - 1), "consume");
  }

  void clear(ConditionDefinition c) {
    mark(c, 0, "clear");
  }

  private void mark(ConditionDefinition c, int to, String event) {
    ConditionRow r = conditions[c.index()];
    int from = r.marking();
    if (from != to) {
      r.setMarking(to);
      history.marking(this, c, from, to, event);
    }
  }

  boolean endReached() {
    return marking(def.endCondition()) > 0;
  }

  /** For messages: {@code billing 0190...}. */
  String describe() {
    return "'" + def.name() + "' " + row.id;
  }

  @Override
  public String toString() {
    return describe();
  }
}

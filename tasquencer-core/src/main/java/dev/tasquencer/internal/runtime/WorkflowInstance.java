package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.lifecycle.ConditionEvent;
import dev.tasquencer.internal.store.ConditionRow;
import dev.tasquencer.internal.store.TransitionApplier;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One workflow instance inside a call: its definition, its row, its tasks and its marking. */
final class WorkflowInstance {
  final WorkflowDefinition def;
  final WorkflowRow row;
  final TaskInstance[] tasks;
  final ConditionRow[] conditions;

  /** The initialize payload object given in this call, to spare a JSON round trip. */
  @Nullable Object payloadObject;

  /** Changes and reports the markings; every change of a marking is the engine's. */
  private final TransitionApplier transitions;

  WorkflowInstance(
      WorkflowDefinition def,
      WorkflowRow row,
      ConditionRow[] conditions,
      TransitionApplier transitions) {
    this.def = def;
    this.row = row;
    this.transitions = transitions;
    this.tasks = new TaskInstance[def.tasks().size()];
    this.conditions = conditions;
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
    ConditionRow r = conditions[c.index()];
    transitions.marking(r, r.marking() + 1, ConditionEvent.PRODUCE, Origin.ENGINE);
  }

  void removeToken(ConditionDefinition c) {
    ConditionRow r = conditions[c.index()];
    transitions.marking(r, Math.max(0, r.marking() - 1), ConditionEvent.CONSUME, Origin.ENGINE);
  }

  void clear(ConditionDefinition c) {
    transitions.marking(conditions[c.index()], 0, ConditionEvent.CLEAR, Origin.ENGINE);
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

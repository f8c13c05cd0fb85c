package dev.tasquencer.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The outgoing flows of one condition: the tasks that consume its tokens. Immutable. */
public final class ConditionFlowBuilder {
  final List<String> tasks;

  private ConditionFlowBuilder(List<String> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  static ConditionFlowBuilder empty() {
    return new ConditionFlowBuilder(List.of());
  }

  /** A flow from the condition to this task. */
  public ConditionFlowBuilder task(String name) {
    List<String> t = new ArrayList<>(tasks);
    t.add(Objects.requireNonNull(name, "task name"));
    return new ConditionFlowBuilder(t);
  }
}

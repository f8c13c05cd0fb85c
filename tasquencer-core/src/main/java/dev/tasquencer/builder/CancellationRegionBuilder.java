package dev.tasquencer.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The members of a task's cancellation region: when the owner completes, the listed tasks are
 * canceled and the listed conditions emptied. Immutable.
 */
public final class CancellationRegionBuilder {
  final List<String> tasks;
  final List<String> conditions;

  private CancellationRegionBuilder(List<String> tasks, List<String> conditions) {
    this.tasks = List.copyOf(tasks);
    this.conditions = List.copyOf(conditions);
  }

  static CancellationRegionBuilder empty() {
    return new CancellationRegionBuilder(List.of(), List.of());
  }

  public CancellationRegionBuilder task(String name) {
    List<String> t = new ArrayList<>(tasks);
    t.add(Objects.requireNonNull(name, "task name"));
    return new CancellationRegionBuilder(t, conditions);
  }

  /** A condition (explicit, or implicit such as {@code "A__to__B"}) to empty. */
  public CancellationRegionBuilder condition(String name) {
    List<String> c = new ArrayList<>(conditions);
    c.add(Objects.requireNonNull(name, "condition name"));
    return new CancellationRegionBuilder(tasks, c);
  }
}

package dev.tasquencer.builder;

import java.util.ArrayList;
import java.util.List;

/** The work item type of an atomic task. */
public final class WorkItemDefinition {
  private final String name;
  private final String description;
  private final WorkItemActivities activities;
  private final WorkItemActions actions;
  private final AtomicTaskDefinition task;

  WorkItemDefinition(WorkItemBuilder b, AtomicTaskDefinition task) {
    this.name = b.name;
    this.description = b.description;
    this.activities = b.activities;
    this.actions = b.actions;
    this.task = task;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public WorkItemActivities activities() {
    return activities;
  }

  public WorkItemActions actions() {
    return actions;
  }

  public AtomicTaskDefinition task() {
    return task;
  }

  /** The task's path plus the work item name. */
  public List<String> path() {
    List<String> p = new ArrayList<>(task.path());
    p.add(name);
    return List.copyOf(p);
  }
}

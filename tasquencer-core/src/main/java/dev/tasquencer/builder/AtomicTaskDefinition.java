package dev.tasquencer.builder;

import dev.tasquencer.api.TaskPolicy;

/** A task driven by work items of one type. */
public final class AtomicTaskDefinition extends TaskDefinition {
  private final WorkItemDefinition workItem;
  private final TaskPolicy policy;
  private final TaskActivities activities;

  AtomicTaskDefinition(String name, int index, TaskBuilder b) {
    super(name, index, b.joinType, b.splitType, b.description);
    this.policy = b.policy == null ? TaskPolicy.DEFAULT : b.policy;
    this.activities = b.activities;
    this.workItem = new WorkItemDefinition(b.workItem, this);
  }

  public WorkItemDefinition workItem() {
    return workItem;
  }

  public TaskPolicy policy() {
    return policy;
  }

  /** Whether the policy is the documented default. */
  public boolean hasDefaultPolicy() {
    return policy == TaskPolicy.DEFAULT;
  }

  public TaskActivities activities() {
    return activities;
  }

  @Override
  public String kind() {
    return "task";
  }
}

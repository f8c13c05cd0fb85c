package dev.tasquencer.builder;

import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.TaskPolicy;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A task driven by work items of one type. */
public final class AtomicTaskDefinition extends TaskDefinition {
  private final WorkItemDefinition workItem;
  private final TaskPolicy policy;
  private final TaskActivities activities;
  private final Set<String> separatedFrom;
  private final @Nullable RetryPolicy retry;
  private boolean recordsPerformers;

  AtomicTaskDefinition(String name, int index, TaskBuilder b) {
    super(name, index, b.joinType, b.splitType, b.description);
    this.policy = b.policy == null ? TaskPolicy.DEFAULT : b.policy;
    this.activities = b.activities;
    this.separatedFrom = b.separatedFrom;
    this.retry = b.retry;
    this.workItem = new WorkItemDefinition(b.workItem, this);
  }

  public WorkItemDefinition workItem() {
    return workItem;
  }

  public TaskPolicy policy() {
    return policy;
  }

  /**
   * The retry policy of the jobs the task and its work items register without their own ({@link
   * TaskBuilder#withRetry}); null when there is none.
   */
  public @Nullable RetryPolicy retry() {
    return retry;
  }

  /** Whether the policy is the documented default. */
  public boolean hasDefaultPolicy() {
    return policy == TaskPolicy.DEFAULT;
  }

  public TaskActivities activities() {
    return activities;
  }

  /**
   * The tasks of this workflow whose performers may not claim or complete this task's work items in
   * the same case ({@link TaskBuilder#separatedFrom}); empty when there is no such rule.
   */
  public Set<String> separatedFrom() {
    return separatedFrom;
  }

  /**
   * Whether the actors who complete this task's work items are recorded, because a task of this
   * workflow is separated from this one.
   */
  public boolean recordsPerformers() {
    return recordsPerformers;
  }

  @Override
  void freeze(WorkflowDefinition workflow) {
    super.freeze(workflow);
    for (TaskDefinition t : workflow.tasks()) {
      if (t instanceof AtomicTaskDefinition a && a.separatedFrom.contains(name())) {
        recordsPerformers = true;
      }
    }
  }

  @Override
  public String kind() {
    return "task";
  }
}

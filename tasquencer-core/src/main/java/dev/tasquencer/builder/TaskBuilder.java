package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.context.WorkItemStateChangedContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares an atomic task: a task driven by its work items. Immutable; every method returns a new
 * builder.
 */
public final class TaskBuilder implements TaskDeclaration {
  final WorkItemBuilder workItem;
  final JoinType joinType;
  final SplitType splitType;
  final @Nullable TaskPolicy policy;
  final TaskActivities activities;
  final String description;

  TaskBuilder(
      WorkItemBuilder workItem,
      JoinType joinType,
      SplitType splitType,
      @Nullable TaskPolicy policy,
      TaskActivities activities,
      String description) {
    this.workItem = workItem;
    this.joinType = joinType;
    this.splitType = splitType;
    this.policy = policy;
    this.activities = activities;
    this.description = description;
  }

  static TaskBuilder of(WorkItemBuilder workItem) {
    Objects.requireNonNull(workItem, "work item builder");
    return new TaskBuilder(workItem, JoinType.AND, SplitType.AND, null, TaskActivities.NONE, "");
  }

  private TaskBuilder with(TaskActivities a) {
    return new TaskBuilder(workItem, joinType, splitType, policy, a, description);
  }

  /** Runs when the task is enabled (a new generation); the usual place to create work items. */
  public TaskBuilder onEnabled(Activity<TaskEnabledContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            activity,
            a.onDisabled(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onWorkItemStateChanged()));
  }

  /** Runs when the task is withdrawn: its join no longer holds, or its workflow ended. */
  public TaskBuilder onDisabled(Activity<TaskEndedContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            activity,
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onWorkItemStateChanged()));
  }

  /** Runs when the first work item starts (the input tokens are consumed then). */
  public TaskBuilder onStarted(Activity<TaskEnabledContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            a.onDisabled(),
            activity,
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onWorkItemStateChanged()));
  }

  public TaskBuilder onCompleted(Activity<TaskEndedContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            a.onDisabled(),
            a.onStarted(),
            activity,
            a.onFailed(),
            a.onCanceled(),
            a.onWorkItemStateChanged()));
  }

  public TaskBuilder onFailed(Activity<TaskEndedContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            a.onDisabled(),
            a.onStarted(),
            a.onCompleted(),
            activity,
            a.onCanceled(),
            a.onWorkItemStateChanged()));
  }

  public TaskBuilder onCanceled(Activity<TaskEndedContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            a.onDisabled(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            activity,
            a.onWorkItemStateChanged()));
  }

  /** Runs on every work item transition except creation; before the policy. */
  public TaskBuilder onWorkItemStateChanged(Activity<WorkItemStateChangedContext> activity) {
    var a = activities;
    return with(
        new TaskActivities(
            a.onEnabled(),
            a.onDisabled(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            activity));
  }

  /** Replaces the default policy (see {@link TaskPolicy#DEFAULT}). */
  public TaskBuilder withPolicy(TaskPolicy policy) {
    return new TaskBuilder(
        workItem, joinType, splitType, Objects.requireNonNull(policy), activities, description);
  }

  public TaskBuilder withJoinType(JoinType joinType) {
    return new TaskBuilder(
        workItem, Objects.requireNonNull(joinType), splitType, policy, activities, description);
  }

  public TaskBuilder withSplitType(SplitType splitType) {
    return new TaskBuilder(
        workItem, joinType, Objects.requireNonNull(splitType), policy, activities, description);
  }

  public TaskBuilder withDescription(String description) {
    return new TaskBuilder(
        workItem, joinType, splitType, policy, activities, Objects.requireNonNull(description));
  }

  @Override
  public JoinType joinType() {
    return joinType;
  }

  @Override
  public SplitType splitType() {
    return splitType;
  }

  public WorkItemBuilder workItem() {
    return workItem;
  }
}

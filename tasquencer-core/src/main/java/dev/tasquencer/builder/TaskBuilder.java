package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.context.WorkItemStateChangedContext;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
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
  final Set<String> separatedFrom;
  final @Nullable RetryPolicy retry;

  /**
   * What a builder holds besides its work item: copied, changed and frozen to make the next one.
   */
  private static final class Parts {
    JoinType joinType = JoinType.AND;
    SplitType splitType = SplitType.AND;
    @Nullable TaskPolicy policy;
    TaskActivities activities = TaskActivities.NONE;
    String description = "";
    Set<String> separatedFrom = Set.of();
    @Nullable RetryPolicy retry;

    Parts() {}

    Parts(TaskBuilder b) {
      joinType = b.joinType;
      splitType = b.splitType;
      policy = b.policy;
      activities = b.activities;
      description = b.description;
      separatedFrom = b.separatedFrom;
      retry = b.retry;
    }
  }

  private TaskBuilder(WorkItemBuilder workItem, Parts p) {
    this.workItem = workItem;
    this.joinType = p.joinType;
    this.splitType = p.splitType;
    this.policy = p.policy;
    this.activities = p.activities;
    this.description = p.description;
    this.separatedFrom = p.separatedFrom;
    this.retry = p.retry;
  }

  static TaskBuilder of(WorkItemBuilder workItem) {
    Objects.requireNonNull(workItem, "work item builder");
    return new TaskBuilder(workItem, new Parts());
  }

  /** A copy of this builder with {@code change} applied. */
  private TaskBuilder with(Consumer<Parts> change) {
    Parts p = new Parts(this);
    change.accept(p);
    return new TaskBuilder(workItem, p);
  }

  private TaskBuilder with(TaskActivities a) {
    return with(p -> p.activities = a);
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
    return with(p -> p.policy = Objects.requireNonNull(policy));
  }

  public TaskBuilder withJoinType(JoinType joinType) {
    return with(p -> p.joinType = Objects.requireNonNull(joinType));
  }

  public TaskBuilder withSplitType(SplitType splitType) {
    return with(p -> p.splitType = Objects.requireNonNull(splitType));
  }

  public TaskBuilder withDescription(String description) {
    return with(p -> p.description = Objects.requireNonNull(description));
  }

  /**
   * Separation of duties (four eyes): an actor who completed a work item of any of these tasks in
   * this case (the root workflow's whole tree) may not claim, be delegated or complete a work item
   * of this task. The tasks are named in this task's workflow and must be atomic tasks of it; this
   * task may name itself (each of its work items by a different actor). Checked inside the call,
   * under the root's lock, for external calls with an actor; a refusal raises {@link
   * dev.tasquencer.api.error.SeparationOfDutiesException} and changes nothing. See
   * docs/work-allocation.md.
   */
  public TaskBuilder separatedFrom(String... tasks) {
    Set<String> names = new LinkedHashSet<>(separatedFrom);
    for (String t : tasks) {
      names.add(Objects.requireNonNull(t, "task name"));
    }
    return with(p -> p.separatedFrom = Collections.unmodifiableSet(names));
  }

  /**
   * The retry policy of the jobs this task and its work items register without one of their own
   * ({@link dev.tasquencer.api.Job#withRetry} wins): for automated steps that run through jobs,
   * declared once on the task instead of on every {@code Job}. Built-in jobs (deadlines, scheduled
   * commands) keep theirs. See docs/jobs.md, "Retry policies".
   */
  public TaskBuilder withRetry(RetryPolicy retry) {
    return with(p -> p.retry = Objects.requireNonNull(retry, "retry policy"));
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

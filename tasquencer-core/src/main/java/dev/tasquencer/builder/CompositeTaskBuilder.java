package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.CompositeTaskPolicy;
import dev.tasquencer.api.context.CompositeTaskEnabledContext;
import dev.tasquencer.api.context.CompositeTaskEndedContext;
import dev.tasquencer.api.context.WorkflowStateChangedContext;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares a composite task: a task driven by child workflows of one type (or, built with {@link
 * Builder#dynamicCompositeTask}, of several types). The task starts when its first child starts and
 * ends as its policy decides; completing it cancels the children that are still running. Immutable.
 */
public final class CompositeTaskBuilder implements TaskDeclaration {
  final List<WorkflowBuilder> children;
  final boolean dynamic;
  final boolean recursive;
  final JoinType joinType;
  final SplitType splitType;
  final @Nullable CompositeTaskPolicy policy;
  final CompositeTaskActivities activities;
  final String description;

  CompositeTaskBuilder(
      List<WorkflowBuilder> children,
      boolean dynamic,
      boolean recursive,
      JoinType joinType,
      SplitType splitType,
      @Nullable CompositeTaskPolicy policy,
      CompositeTaskActivities activities,
      String description) {
    this.children = List.copyOf(children);
    this.dynamic = dynamic;
    this.recursive = recursive;
    this.joinType = joinType;
    this.splitType = splitType;
    this.policy = policy;
    this.activities = activities;
    this.description = description;
  }

  static CompositeTaskBuilder of(List<WorkflowBuilder> children, boolean dynamic) {
    children.forEach(c -> Objects.requireNonNull(c, "child workflow builder"));
    return new CompositeTaskBuilder(
        children,
        dynamic,
        false,
        JoinType.AND,
        SplitType.AND,
        null,
        CompositeTaskActivities.NONE,
        "");
  }

  static CompositeTaskBuilder recursion() {
    return new CompositeTaskBuilder(
        List.of(),
        false,
        true,
        JoinType.AND,
        SplitType.AND,
        null,
        CompositeTaskActivities.NONE,
        "");
  }

  private CompositeTaskBuilder with(CompositeTaskActivities a) {
    return new CompositeTaskBuilder(
        children, dynamic, recursive, joinType, splitType, policy, a, description);
  }

  /** Runs when the task is enabled; the usual place to initialize child workflows. */
  public CompositeTaskBuilder onEnabled(Activity<CompositeTaskEnabledContext> activity) {
    return with(activities.withOnEnabled(activity));
  }

  public CompositeTaskBuilder onDisabled(Activity<CompositeTaskEndedContext> activity) {
    return with(activities.withOnDisabled(activity));
  }

  /** Runs when the first child workflow starts. */
  public CompositeTaskBuilder onStarted(Activity<CompositeTaskEnabledContext> activity) {
    return with(activities.withOnStarted(activity));
  }

  public CompositeTaskBuilder onCompleted(Activity<CompositeTaskEndedContext> activity) {
    return with(activities.withOnCompleted(activity));
  }

  public CompositeTaskBuilder onFailed(Activity<CompositeTaskEndedContext> activity) {
    return with(activities.withOnFailed(activity));
  }

  public CompositeTaskBuilder onCanceled(Activity<CompositeTaskEndedContext> activity) {
    return with(activities.withOnCanceled(activity));
  }

  /** Runs when a child workflow starts or reaches a final state (not on creation). */
  public CompositeTaskBuilder onWorkflowStateChanged(
      Activity<WorkflowStateChangedContext> activity) {
    return with(activities.withOnWorkflowStateChanged(activity));
  }

  /** Replaces the default policy (see {@link CompositeTaskPolicy#DEFAULT}). */
  public CompositeTaskBuilder withPolicy(CompositeTaskPolicy policy) {
    return new CompositeTaskBuilder(
        children,
        dynamic,
        recursive,
        joinType,
        splitType,
        Objects.requireNonNull(policy),
        activities,
        description);
  }

  public CompositeTaskBuilder withJoinType(JoinType joinType) {
    return new CompositeTaskBuilder(
        children,
        dynamic,
        recursive,
        Objects.requireNonNull(joinType),
        splitType,
        policy,
        activities,
        description);
  }

  public CompositeTaskBuilder withSplitType(SplitType splitType) {
    return new CompositeTaskBuilder(
        children,
        dynamic,
        recursive,
        joinType,
        Objects.requireNonNull(splitType),
        policy,
        activities,
        description);
  }

  public CompositeTaskBuilder withDescription(String description) {
    return new CompositeTaskBuilder(
        children,
        dynamic,
        recursive,
        joinType,
        splitType,
        policy,
        activities,
        Objects.requireNonNull(description));
  }

  @Override
  public JoinType joinType() {
    return joinType;
  }

  @Override
  public SplitType splitType() {
    return splitType;
  }
}

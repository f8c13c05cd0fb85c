package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.TaskActivityContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares a dummy task: a routing-only task without work items. When its join holds it is enabled,
 * started and completed at once, in the same step. Immutable.
 */
public final class DummyTaskBuilder implements TaskDeclaration {
  final JoinType joinType;
  final SplitType splitType;
  final DummyTaskActivities activities;
  final String description;

  /** The hooks of a dummy task; the only ones that can ever run. */
  public record DummyTaskActivities(
      @Nullable Activity<TaskActivityContext> onEnabled,
      @Nullable Activity<TaskActivityContext> onStarted,
      @Nullable Activity<TaskActivityContext> onCompleted) {}

  DummyTaskBuilder(
      JoinType joinType, SplitType splitType, DummyTaskActivities activities, String description) {
    this.joinType = joinType;
    this.splitType = splitType;
    this.activities = activities;
    this.description = description;
  }

  static DummyTaskBuilder create() {
    return new DummyTaskBuilder(
        JoinType.AND, SplitType.AND, new DummyTaskActivities(null, null, null), "");
  }

  public DummyTaskBuilder onEnabled(Activity<TaskActivityContext> activity) {
    return new DummyTaskBuilder(
        joinType,
        splitType,
        new DummyTaskActivities(activity, activities.onStarted(), activities.onCompleted()),
        description);
  }

  public DummyTaskBuilder onStarted(Activity<TaskActivityContext> activity) {
    return new DummyTaskBuilder(
        joinType,
        splitType,
        new DummyTaskActivities(activities.onEnabled(), activity, activities.onCompleted()),
        description);
  }

  public DummyTaskBuilder onCompleted(Activity<TaskActivityContext> activity) {
    return new DummyTaskBuilder(
        joinType,
        splitType,
        new DummyTaskActivities(activities.onEnabled(), activities.onStarted(), activity),
        description);
  }

  public DummyTaskBuilder withJoinType(JoinType joinType) {
    return new DummyTaskBuilder(
        Objects.requireNonNull(joinType), splitType, activities, description);
  }

  public DummyTaskBuilder withSplitType(SplitType splitType) {
    return new DummyTaskBuilder(
        joinType, Objects.requireNonNull(splitType), activities, description);
  }

  public DummyTaskBuilder withDescription(String description) {
    return new DummyTaskBuilder(
        joinType, splitType, activities, Objects.requireNonNull(description));
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

package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInitializedContext;
import dev.tasquencer.api.context.WorkItemStartedContext;
import java.util.Objects;

/**
 * Declares a work item type: its activities and actions. Immutable; every method returns a new
 * builder, so one work item builder can be shared by several tasks.
 */
public final class WorkItemBuilder {
  final String name;
  final WorkItemActivities activities;
  final WorkItemActions actions;
  final String description;

  WorkItemBuilder(
      String name, WorkItemActivities activities, WorkItemActions actions, String description) {
    this.name = name;
    this.activities = activities;
    this.actions = actions;
    this.description = description;
  }

  static WorkItemBuilder named(String name) {
    Objects.requireNonNull(name, "work item name");
    return new WorkItemBuilder(name, WorkItemActivities.NONE, WorkItemActions.DEFAULTS, "");
  }

  private WorkItemBuilder with(WorkItemActivities a) {
    return new WorkItemBuilder(name, a, actions, description);
  }

  /** Runs after the work item is created; may request {@code ctx.workItem().start()}. */
  public WorkItemBuilder onInitialized(Activity<WorkItemInitializedContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            activity, a.onStarted(), a.onCompleted(), a.onFailed(), a.onCanceled(), a.onReset()));
  }

  /** Runs after the work item started; may request complete, fail or cancel. */
  public WorkItemBuilder onStarted(Activity<WorkItemStartedContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            activity,
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onReset()));
  }

  public WorkItemBuilder onCompleted(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(), a.onStarted(), activity, a.onFailed(), a.onCanceled(), a.onReset()));
  }

  public WorkItemBuilder onFailed(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            activity,
            a.onCanceled(),
            a.onReset()));
  }

  /** Runs for explicit cancellations and for teardown (its task ended or was withdrawn). */
  public WorkItemBuilder onCanceled(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            activity,
            a.onReset()));
  }

  /** Runs after a reset moved the work item from started back to initialized. */
  public WorkItemBuilder onReset(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            activity));
  }

  /** Replaces the work item's actions (see {@link Builder#workItemActions()}). */
  public WorkItemBuilder withActions(WorkItemActions actions) {
    return new WorkItemBuilder(name, activities, Objects.requireNonNull(actions), description);
  }

  public WorkItemBuilder withDescription(String description) {
    return new WorkItemBuilder(name, activities, actions, Objects.requireNonNull(description));
  }

  public String name() {
    return name;
  }
}

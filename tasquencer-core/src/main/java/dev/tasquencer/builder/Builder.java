package dev.tasquencer.builder;

/**
 * Entry point of the workflow DSL.
 *
 * <pre>{@code
 * var billing = Builder.workflow("billing")
 *     .startCondition("start")
 *     .task("generateInvoices", generateInvoices)
 *     .task("sendSummary", sendSummary)
 *     .endCondition("end")
 *     .connectCondition("start", to -> to.task("generateInvoices"))
 *     .connectTask("generateInvoices", to -> to.task("sendSummary"))
 *     .connectTask("sendSummary", to -> to.condition("end"))
 *     .build();
 * }</pre>
 */
public final class Builder {
  private Builder() {}

  /** A new workflow net. */
  public static WorkflowBuilder workflow(String name) {
    return WorkflowBuilder.named(name);
  }

  /** An atomic task whose work items are of the given type. */
  public static TaskBuilder task(WorkItemBuilder workItem) {
    return TaskBuilder.of(workItem);
  }

  /** A task driven by child workflows of one type. */
  public static CompositeTaskBuilder compositeTask(WorkflowBuilder child) {
    return CompositeTaskBuilder.of(java.util.List.of(child), false);
  }

  /**
   * A task driven by child workflows of several types, chosen at run time by name ({@code
   * ctx.workflow().initialize("WorkflowA", payload)}).
   */
  public static CompositeTaskBuilder dynamicCompositeTask(WorkflowBuilder... children) {
    return CompositeTaskBuilder.of(java.util.List.of(children), true);
  }

  /**
   * A composite task whose child workflow is the workflow it is declared in: recursion. Each child
   * is a new instance of the same net, one level deeper; route around the task (a XOR split on the
   * case data) so that the recursion ends.
   */
  public static CompositeTaskBuilder recursiveCompositeTask() {
    return CompositeTaskBuilder.recursion();
  }

  /** A routing-only task without work items. */
  public static DummyTaskBuilder dummyTask() {
    return DummyTaskBuilder.create();
  }

  /**
   * A timer task: when enabled it creates one work item and registers a job that completes it after
   * {@code after} on the engine clock. Put it in a deferred choice with the work it guards (both
   * fed by one condition): whichever starts first takes the token and the other is withdrawn, the
   * timer's job with it. Needs a running {@code JobWorker}.
   */
  public static TaskBuilder timerTask(java.time.Duration after) {
    java.util.Objects.requireNonNull(after, "after");
    return task(workItem("timer"))
        .onEnabled(
            ctx -> {
              java.util.UUID timer = ctx.workItem().initialize();
              ctx.registerScheduled(after, dev.tasquencer.api.Job.completeWorkItem(timer, null));
            });
  }

  /** A work item type. */
  public static WorkItemBuilder workItem(String name) {
    return WorkItemBuilder.named(name);
  }

  /**
   * The actions of a work item type: an action given a callback is custom and open to outside
   * callers; an action given only a payload type, or not set, stays internal-only.
   */
  public static WorkItemActions workItemActions() {
    return WorkItemActions.DEFAULTS;
  }

  /**
   * The actions of a workflow type: an action given a callback is custom and open to outside
   * callers; an action given only a payload type, or not set, stays internal-only.
   */
  public static WorkflowActions workflowActions() {
    return WorkflowActions.DEFAULTS;
  }
}

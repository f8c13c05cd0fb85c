package dev.tasquencer.testing;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;

/** Building blocks for test nets, named as in the conformance scenarios. */
public final class Nets {
  private Nets() {}

  /** A work item type without activities or custom actions. */
  public static final WorkItemBuilder NOOP = Builder.workItem("noop");

  /** A task whose onEnabled initializes one work item ("autoInit"). */
  public static TaskBuilder autoInit() {
    return autoInit(1);
  }

  /** A task whose onEnabled initializes {@code n} work items ("autoInit×n"). */
  public static TaskBuilder autoInit(int n) {
    return Builder.task(NOOP)
        .onEnabled(
            ctx -> {
              for (int i = 0; i < n; i++) {
                ctx.workItem().initialize();
              }
            });
  }

  /** {@code start -> t -> end}, t an {@link #autoInit()} task: the smallest complete workflow. */
  public static WorkflowDefinition singleTask(String workflowName) {
    return Builder.workflow(workflowName)
        .startCondition("start")
        .task("t", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  /**
   * {@code start -> task -> end}, where {@code task} initializes {@code n} work items of {@code
   * item} when it is enabled.
   */
  public static WorkflowDefinition fanOut(
      String workflowName, String task, int n, WorkItemBuilder item) {
    return Builder.workflow(workflowName)
        .startCondition("start")
        .task(
            task,
            Builder.task(item)
                .onEnabled(
                    ctx -> {
                      for (int i = 0; i < n; i++) {
                        ctx.workItem().initialize();
                      }
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"))
        .build();
  }

  /** A task without onEnabled initialization ("noInit"). */
  public static TaskBuilder noInit() {
    return Builder.task(NOOP);
  }

  /** {@code start -> task -> end}: a workflow of one task, ready for more settings or build(). */
  public static WorkflowBuilder oneTask(String workflow, String task, TaskBuilder t) {
    return Builder.workflow(workflow)
        .startCondition("start")
        .task(task, t)
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }
}

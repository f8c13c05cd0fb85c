package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static dev.tasquencer.testing.Nets.noInit;

import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.Driver;
import java.util.List;
import java.util.UUID;

/** Child workflow nets of the composite scenarios, and helpers to drive child workflows. */
final class CompositeNets {
  private CompositeNets() {}

  /** The ids of a composite task's child workflows (latest generation), oldest first. */
  static List<UUID> children(Driver d, String composite) {
    return d.q().childWorkflows(d.id, composite).stream().map(WorkflowSnapshot::id).toList();
  }

  /** A driver for one child workflow of a composite task. */
  static Driver child(Driver d, String composite, int index) {
    return new Driver(d.engine, children(d, composite).get(index));
  }

  /** The ids of a task's work items (latest generation), oldest first. */
  static List<UUID> ids(Driver d, String task) {
    return d.wi(task).stream().map(WorkItemSnapshot::id).toList();
  }

  /** Completes every live work item of the task (starting it first when needed). */
  static void finish(Driver d, String task) {
    for (WorkItemSnapshot w : d.wi(task)) {
      if (w.state() == WorkItemState.INITIALIZED) {
        d.start(w.id());
      }
      d.complete(w.id());
    }
  }

  static void startAndFail(Driver d, UUID workItem) {
    d.start(workItem);
    d.cmd().failWorkItem(workItem);
  }

  /** {@code start → task (autoInit) → end}. */
  static WorkflowBuilder oneTask(String workflow, String task) {
    return Builder.workflow(workflow)
        .startCondition("start")
        .task(task, autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }

  /**
   * {@code start → task → end}, the composite task over {@code child} creating one child workflow
   * in its onEnabled.
   */
  static WorkflowBuilder oneComposite(String workflow, String task, WorkflowBuilder child) {
    return Builder.workflow(workflow)
        .startCondition("start")
        .compositeTask(
            task, Builder.compositeTask(child).onEnabled(ctx -> ctx.workflow().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }

  /** CS-051's WorkflowA: {@code start → taskA1 (autoInit) → end}. */
  static WorkflowBuilder workflowA() {
    return oneTask("WorkflowA", "taskA1");
  }

  /** CS-051's WorkflowB: {@code start → taskB1 (noInit) → end}. */
  static WorkflowBuilder workflowB() {
    return Builder.workflow("WorkflowB")
        .startCondition("start")
        .task("taskB1", noInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("taskB1"))
        .connectTask("taskB1", to -> to.condition("end"));
  }

  /** CS-063's ChildWorkflow: {@code start → task1 (autoInit) → end}. */
  static WorkflowBuilder childWorkflow() {
    return oneTask("ChildWorkflow", "task1");
  }

  /**
   * CS-063's parent: {@code start → compositeTask → end}, the composite over ChildWorkflow creating
   * {@code children} children in its onEnabled.
   */
  static WorkflowDefinition parentOf(String name, int children) {
    return Builder.workflow(name)
        .startCondition("start")
        .compositeTask(
            "compositeTask",
            Builder.compositeTask(childWorkflow())
                .onEnabled(
                    ctx -> {
                      for (int i = 0; i < children; i++) {
                        ctx.workflow().initialize();
                      }
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("compositeTask"))
        .connectTask("compositeTask", to -> to.condition("end"))
        .build();
  }
}

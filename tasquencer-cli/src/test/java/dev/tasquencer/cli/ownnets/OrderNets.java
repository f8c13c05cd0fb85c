package dev.tasquencer.cli.ownnets;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;

/**
 * Definitions a user might keep in their own code, for {@code graph --class}: good factories and
 * every kind of method the command must refuse with a clear message.
 */
public final class OrderNets {
  private OrderNets() {}

  /** {@code order}: take the order, then ship it in a child workflow {@code shipping}. */
  public static WorkflowDefinition order() {
    return Builder.workflow("order")
        .startCondition("start")
        .task("takeOrder", Builder.task(Builder.workItem("takeOrder")))
        .compositeTask("ship", Builder.compositeTask(shipping()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("takeOrder"))
        .connectTask("takeOrder", to -> to.task("ship"))
        .connectTask("ship", to -> to.condition("end"))
        .build();
  }

  private static WorkflowBuilder shipping() {
    return oneTask("shipping", "pack");
  }

  /** A second factory, so that the class has more than one. */
  public static WorkflowDefinition refund() {
    return oneTask("refund", "payBack").build();
  }

  /** {@code start -> task -> end}. */
  public static WorkflowBuilder oneTask(String workflow, String task) {
    return oneTask(workflow, task, Builder.workItem(task));
  }

  /** {@code start -> task -> end}, the task's work items built by {@code item}. */
  public static WorkflowBuilder oneTask(String workflow, String task, WorkItemBuilder item) {
    return Builder.workflow(workflow)
        .startCondition("start")
        .task(task, Builder.task(item))
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }

  /** Its net is invalid: build() throws. */
  public static WorkflowDefinition broken() {
    return Builder.workflow("broken")
        .startCondition("start")
        .task("a", Builder.task(Builder.workItem("a")))
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("ghost"))
        .build();
  }

  public WorkflowDefinition notStatic() {
    return order();
  }

  public static String wrongType() {
    return "order";
  }

  public static WorkflowDefinition withRegion(String region) {
    return order();
  }

  static WorkflowDefinition hidden() {
    return order();
  }

  public static WorkflowDefinition nothing() {
    return null;
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.DummyTaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a task's kind allows it to own, checked the same way for commands, internal calls and the
 * contexts of activities and routers: asking a task for children of the wrong kind is a structural
 * error; naming a child workflow type the task does not have is a not-found error.
 */
final class TaskKinds {
  private TaskKinds() {}

  /** The task's definition if it is an atomic task (the only kind with work items). */
  static AtomicTaskDefinition atomic(TaskInstance task) {
    if (task.def instanceof AtomicTaskDefinition a) {
      return a;
    }
    throw wrongKind(
        task,
        " and has no work items",
        "it owns child workflows: create them with initializeWorkflow(workflowId, \""
            + task.def.name()
            + "\", type, payload) or ctx.workflow().initialize(...) in its activities");
  }

  /** The task's definition if it is a composite task (the only kind with child workflows). */
  static CompositeTaskDefinition composite(TaskInstance task) {
    if (task.def instanceof CompositeTaskDefinition c) {
      return c;
    }
    throw wrongKind(
        task,
        ", not a composite task, and has no child workflows",
        "it owns work items: create them with initializeWorkItem(workflowId, \""
            + task.def.name()
            + "\", payload) or ctx.workItem().initialize(...) in its activities");
  }

  /**
   * "task 'x' of workflow ... is an atomic task{@code lacks}; {@code fix}", where the fix is for
   * the other kind that owns children; a dummy task only routes.
   */
  private static StructuralIntegrityException wrongKind(
      TaskInstance task, String lacks, String fix) {
    String kind =
        task.def instanceof AtomicTaskDefinition
            ? "an atomic task"
            : "a " + task.def.kind() + " task";
    return new StructuralIntegrityException(
        "task "
            + task.describe()
            + " is "
            + kind
            + lacks
            + "; "
            + (task.def instanceof DummyTaskDefinition ? "it only routes" : fix));
  }

  /**
   * The child workflow type {@code name} of a composite task; with no name, its only type. No name
   * for a task of several types is structural; an unknown name is not found.
   */
  static WorkflowDefinition childType(TaskInstance task, @Nullable String name) {
    CompositeTaskDefinition c = composite(task);
    List<String> types = c.childNames();
    if (name == null) {
      if (types.size() != 1) {
        throw new StructuralIntegrityException(
            "task "
                + task.describe()
                + " has several child workflow types "
                + types
                + "; name the one to create: initializeWorkflow(workflowId, \""
                + c.name()
                + "\", type, payload) or ctx.workflow().initialize(type, payload)");
      }
      name = types.get(0);
    }
    String type = name;
    return c.child(type)
        .orElseThrow(
            () ->
                new ChildWorkflowTypeNotFoundException(
                    task.workflow.def.name(), c.name(), type, types));
  }
}

package dev.tasquencer.internal.runtime;

import static java.util.Map.entry;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.TaskInvalidStateException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state machines of workflows, tasks and work items as explicit transition tables. Every
 * transition the engine performs is checked here first; an illegal one raises the typed error of
 * its element, naming the element, its current state and the states the transition is allowed from.
 */
final class Lifecycles {
  private Lifecycles() {}

  /** The named transitions of a workflow and the states each is allowed from. */
  public static final Map<String, Set<WorkflowState>> WORKFLOW =
      Map.ofEntries(
          entry("start", EnumSet.of(WorkflowState.INITIALIZED)),
          entry("complete", EnumSet.of(WorkflowState.STARTED)),
          entry("fail", EnumSet.of(WorkflowState.STARTED)),
          entry("cancel", EnumSet.of(WorkflowState.INITIALIZED, WorkflowState.STARTED)));

  /** The named transitions of a task and the states each is allowed from. */
  public static final Map<String, Set<TaskState>> TASK =
      Map.ofEntries(
          entry(
              "enable",
              EnumSet.of(
                  TaskState.DISABLED, TaskState.COMPLETED, TaskState.FAILED, TaskState.CANCELED)),
          entry("disable", EnumSet.of(TaskState.ENABLED)),
          entry("start", EnumSet.of(TaskState.ENABLED)),
          entry("complete", EnumSet.of(TaskState.STARTED)),
          entry("fail", EnumSet.of(TaskState.STARTED)),
          entry("cancel", EnumSet.of(TaskState.ENABLED, TaskState.STARTED)));

  /** The named transitions of a work item and the states each is allowed from. */
  public static final Map<String, Set<WorkItemState>> WORK_ITEM =
      Map.ofEntries(
          entry("start", EnumSet.of(WorkItemState.INITIALIZED)),
          entry("complete", EnumSet.of(WorkItemState.STARTED)),
          entry("fail", EnumSet.of(WorkItemState.STARTED)),
          entry("reset", EnumSet.of(WorkItemState.STARTED)),
          entry("cancel", EnumSet.of(WorkItemState.INITIALIZED, WorkItemState.STARTED)));

  /** The state each named transition leads to. */
  public static final Map<String, WorkItemState> WORK_ITEM_TARGET =
      Map.of(
          "start", WorkItemState.STARTED,
          "complete", WorkItemState.COMPLETED,
          "fail", WorkItemState.FAILED,
          "reset", WorkItemState.INITIALIZED,
          "cancel", WorkItemState.CANCELED);

  public static boolean workflowAllows(WorkflowState s, String transition) {
    return WORKFLOW.get(transition).contains(s);
  }

  public static boolean taskAllows(TaskState s, String transition) {
    return TASK.get(transition).contains(s);
  }

  public static boolean workItemAllows(WorkItemState s, String transition) {
    return WORK_ITEM.get(transition).contains(s);
  }

  public static void checkWorkflow(Object element, WorkflowState s, String transition) {
    Set<WorkflowState> from = WORKFLOW.get(transition);
    if (!from.contains(s)) {
      throw new WorkflowInvalidStateException(String.valueOf(element), s, transition, sorted(from));
    }
  }

  public static void checkTask(Object element, TaskState s, String transition) {
    Set<TaskState> from = TASK.get(transition);
    if (!from.contains(s)) {
      throw new TaskInvalidStateException(String.valueOf(element), s, transition, sorted(from));
    }
  }

  public static void checkWorkItem(Object element, WorkItemState s, String transition) {
    Set<WorkItemState> from = WORK_ITEM.get(transition);
    if (!from.contains(s)) {
      throw new WorkItemInvalidStateException(String.valueOf(element), s, transition, sorted(from));
    }
  }

  private static <E extends Enum<E>> List<E> sorted(Set<E> set) {
    return set.stream().sorted().toList();
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.error.SeparationOfDutiesException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.internal.store.PerformerTable;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.Set;

/**
 * Separation of duties (docs/work-allocation.md): the actors who complete work items of watched
 * tasks are recorded per case, and a claim, delegation or completion of a work item of a task
 * separated from them is refused for those actors. Both happen inside the call, under the lock of
 * the case's root that every call takes first, so two calls of one case cannot both pass the check.
 */
final class Duties {
  private Duties() {}

  /**
   * Refuses {@code actor} for {@code action} on a work item of {@code task} when the actor
   * completed a work item of a task it is separated from in this case. One indexed read, only for
   * tasks with such a rule.
   */
  static void check(Call call, TaskInstance task, WorkItemRow wi, Actor actor, String action) {
    Set<String> separated = TaskKinds.atomic(task).separatedFrom();
    if (separated.isEmpty()) {
      return;
    }
    for (String performed :
        PerformerTable.tasksPerformedBy(
            call.session.connection(), wi.rootId, task.workflow.def.name(), actor)) {
      if (separated.contains(performed)) {
        throw new SeparationOfDutiesException(
            actor,
            action,
            "work item '" + wi.name + "' " + wi.id + " of task " + task.describe(),
            performed);
      }
    }
  }

  /** Records the call's actor as a performer of {@code task}, when a rule watches the task. */
  static void completed(Call call, TaskInstance task, WorkItemRow wi) {
    AtomicTaskDefinition def = TaskKinds.atomic(task);
    Actor actor = call.actor();
    if (actor == null || !def.recordsPerformers()) {
      return;
    }
    PerformerTable.record(
        call.session.connection(),
        wi.rootId,
        task.workflow.def.name(),
        def.name(),
        actor,
        call.now);
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.internal.lifecycle.AppliedTransition;
import dev.tasquencer.internal.lifecycle.TransitionObserver;
import dev.tasquencer.internal.store.WorkflowRow;
import dev.tasquencer.internal.telemetry.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The meters of one call's transitions: workflow instances reaching a state, tasks and work items
 * ending, with their durations. Collected while the call runs, from rows the call already has (it
 * reads nothing more from the database), and recorded only once the call has committed.
 */
final class CallMetrics implements TransitionObserver {
  private final Call call;
  private final Metrics metrics;
  private final List<Runnable> pending = new ArrayList<>();

  CallMetrics(Call call, Metrics metrics) {
    this.call = call;
    this.metrics = metrics;
  }

  @Override
  public void applied(AppliedTransition t) {
    Optional<WorkflowRow> workflow = call.session.loadedWorkflow(t.workflowId());
    if (workflow.isEmpty()) {
      return; // not in hand: not measured rather than read
    }
    String name = workflow.get().name;
    switch (t.kind()) {
      case WORKFLOW -> {
        String version = workflow.get().definitionVersion;
        String state = ((WorkflowState) t.to()).id();
        pending.add(() -> metrics.workflow(name, version, state));
      }
      case TASK -> {
        TaskState from = (TaskState) t.from();
        TaskState to = (TaskState) t.to();
        if (from != null && from.isActive() && !to.isActive() && t.task() != null) {
          String task = t.task();
          call.enabledAt(t.workflowId(), task, t.generation())
              .ifPresent(
                  at -> pending.add(() -> metrics.taskEnded(name, task, to.id(), since(at))));
        }
      }
      case WORK_ITEM -> {
        WorkItemState to = (WorkItemState) t.to();
        if (to.isFinal() && t.workItemId() != null && t.task() != null) {
          String task = t.task();
          call.session
              .loadedWorkItem(t.workItemId())
              .ifPresent(
                  w ->
                      pending.add(
                          () -> metrics.workItemEnded(name, task, to.id(), since(w.createdAt))));
        }
      }
      default -> {}
    }
  }

  private Duration since(Instant at) {
    Duration d = Duration.between(at, call.now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Records what the call did; call it once the call has committed. */
  void publish() {
    pending.forEach(Runnable::run);
  }
}

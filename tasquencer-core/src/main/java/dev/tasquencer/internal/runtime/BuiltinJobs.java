package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.internal.store.WorkItemRow;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The built-in job handlers ({@code tasquencer.*}): engine commands run later, inside the job's
 * transaction. A work item that already left the state the command needs is left alone (the race
 * was decided by someone else), so a timer that lost its race does nothing.
 */
final class BuiltinJobs {
  private BuiltinJobs() {}

  /**
   * Runs a built-in handler; returns when the job is to run again (a recurring job: the retention
   * policy), or null when it is done.
   */
  static @Nullable Instant run(Call call, String handler, @Nullable String json) {
    if (handler.equals(Job.RETENTION)) {
      return Retention.run(call, json);
    }
    runOnce(call, handler, json);
    return null;
  }

  /** The payload of a built-in job, which the engine registers with one. */
  private static <T> T payload(Call call, @Nullable String json, Class<T> type) {
    T p = call.engine.codec.read(json, null, type);
    return Objects.requireNonNull(p, "the engine registers every built-in job with a payload");
  }

  private static void runOnce(Call call, String handler, @Nullable String json) {
    WorkflowCommands cmd = call.commands();
    switch (handler) {
      case Job.INITIALIZE_WORK_ITEM -> {
        var p = payload(call, json, Job.InitializeWorkItem.class);
        cmd.initializeWorkItem(p.workflowId(), p.task(), p.payload());
      }
      case Job.INITIALIZE_WORKFLOW -> {
        var p = payload(call, json, Job.InitializeWorkflow.class);
        cmd.initializeWorkflow(p.parentWorkflowId(), p.task(), p.childWorkflow(), p.payload());
      }
      case Job.START_WORK_ITEM -> {
        var p = payload(call, json, Job.WorkItemCommand.class);
        if (state(call, p) == WorkItemState.INITIALIZED) {
          cmd.startWorkItem(p.workItemId(), p.payload());
        }
      }
      case Job.COMPLETE_WORK_ITEM, Job.FAIL_WORK_ITEM -> {
        var p = payload(call, json, Job.WorkItemCommand.class);
        if (state(call, p) == WorkItemState.INITIALIZED) {
          cmd.startWorkItem(p.workItemId(), null);
        }
        if (state(call, p) == WorkItemState.STARTED) {
          if (handler.equals(Job.COMPLETE_WORK_ITEM)) {
            cmd.completeWorkItem(p.workItemId(), p.payload());
          } else {
            cmd.failWorkItem(p.workItemId(), p.payload());
          }
        }
      }
      case Job.CANCEL_WORK_ITEM -> {
        var p = payload(call, json, Job.WorkItemCommand.class);
        WorkItemState s = state(call, p);
        if (s == WorkItemState.INITIALIZED || s == WorkItemState.STARTED) {
          cmd.cancelWorkItem(p.workItemId(), p.payload());
        }
      }
      case Job.CANCEL_WORKFLOW -> {
        var p = payload(call, json, Job.WorkflowCommand.class);
        var wf = call.session.workflow(p.workflowId());
        if (wf.isPresent() && !wf.get().state().isFinal()) {
          cmd.cancelWorkflow(p.workflowId(), p.payload());
        }
      }
      case Job.DEADLINE, Job.START_DEADLINE -> Deadlines.fire(call, json);
      default ->
          throw new ConfigurationException("no built-in job handler named '" + handler + "'");
    }
  }

  private static WorkItemState state(Call call, Job.WorkItemCommand p) {
    call.session.lockRootOfWorkItem(p.workItemId());
    WorkItemRow wi =
        call.session
            .workItem(p.workItemId())
            .orElseThrow(() -> new WorkItemNotFoundException(p.workItemId()));
    return wi.state();
  }
}

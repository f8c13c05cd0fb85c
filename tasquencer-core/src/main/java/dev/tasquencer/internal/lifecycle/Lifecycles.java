package dev.tasquencer.internal.lifecycle;

import dev.tasquencer.api.JobState;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.error.AllocationInvalidStateException;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.error.TaskInvalidStateException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;

/**
 * The state machines of workflows, tasks, work items, allocations and jobs, one {@link
 * TransitionTable} each. Every state change of an element is an entry of its table; {@code
 * docs/guide.md} shows these tables, and a test keeps the two equal.
 */
public final class Lifecycles {
  private Lifecycles() {}

  public static final TransitionTable<WorkflowState, WorkflowEvent> WORKFLOW =
      TransitionTable.builder(
              ElementKind.WORKFLOW,
              WorkflowState.class,
              WorkflowEvent.class,
              WorkflowInvalidStateException::new)
          .creates(
              WorkflowEvent.INITIALIZE,
              WorkflowState.INITIALIZED,
              "its tasks (disabled) and conditions are created, the start condition holds a token;"
                  + " onInitialized runs, then the first enablement pass")
          .on(
              WorkflowState.INITIALIZED,
              WorkflowEvent.START,
              WorkflowState.STARTED,
              "its first task starts (a child workflow's composite task starts first);"
                  + " onStarted runs")
          .on(
              WorkflowState.STARTED,
              WorkflowEvent.COMPLETE,
              WorkflowState.COMPLETED,
              "its end condition is marked: enabled tasks are disabled, started ones canceled, its"
                  + " jobs canceled; onCompleted runs; a child workflow's composite task decides")
          .on(
              WorkflowState.STARTED,
              WorkflowEvent.FAIL,
              WorkflowState.FAILED,
              "one of its tasks failed: its tasks are torn down, its jobs canceled; onFailed runs;"
                  + " a child workflow's composite task decides")
          .on(
              WorkflowState.INITIALIZED,
              WorkflowEvent.CANCEL,
              WorkflowState.CANCELED,
              "a command (its cancel action runs) or the end of its composite task (teardown, no"
                  + " action): its tasks are torn down, its jobs canceled; onCanceled runs; a child"
                  + " workflow's composite task decides, unless it was torn down")
          .on(
              WorkflowState.STARTED,
              WorkflowEvent.CANCEL,
              WorkflowState.CANCELED,
              "as from initialized")
          .build();

  public static final TransitionTable<TaskState, TaskEvent> TASK =
      TransitionTable.builder(
              ElementKind.TASK, TaskState.class, TaskEvent.class, TaskInvalidStateException::new)
          .on(
              TaskState.DISABLED,
              TaskEvent.ENABLE,
              TaskState.ENABLED,
              "its join holds: a new generation with fresh counters; onEnabled runs (a dummy task"
                  + " then starts and completes)")
          .on(
              TaskState.ENABLED,
              TaskEvent.DISABLE,
              TaskState.DISABLED,
              "its join no longer holds, or its workflow ends: live children canceled (no policy),"
                  + " its jobs canceled; onDisabled runs")
          .on(
              TaskState.ENABLED,
              TaskEvent.START,
              TaskState.STARTED,
              "its first child starts (or its policy decides first): its workflow starts, its input"
                  + " tokens are consumed, the enablement pass runs; onStarted runs")
          .on(
              TaskState.ENABLED,
              TaskEvent.CANCEL,
              TaskState.CANCELED,
              "a cancellation region, or the end of its workflow: live children canceled (no"
                  + " policy), its jobs canceled; onCanceled runs")
          .on(
              TaskState.STARTED,
              TaskEvent.COMPLETE,
              TaskState.COMPLETED,
              "its policy decides (a dummy task completes at once): live children canceled, its"
                  + " jobs canceled; onCompleted runs; cancellation region, output tokens (routers"
                  + " run), then the next step")
          .on(
              TaskState.STARTED,
              TaskEvent.FAIL,
              TaskState.FAILED,
              "its policy decides: live children canceled, its jobs canceled; onFailed runs; its"
                  + " workflow fails")
          .on(TaskState.STARTED, TaskEvent.CANCEL, TaskState.CANCELED, "as from enabled")
          .on(
              TaskState.COMPLETED,
              TaskEvent.ENABLE,
              TaskState.ENABLED,
              "its join holds again (a loop): a new generation")
          .on(TaskState.FAILED, TaskEvent.ENABLE, TaskState.ENABLED, "as from completed")
          .on(TaskState.CANCELED, TaskEvent.ENABLE, TaskState.ENABLED, "as from completed")
          .build();

  public static final TransitionTable<WorkItemState, WorkItemEvent> WORK_ITEM =
      TransitionTable.builder(
              ElementKind.WORK_ITEM,
              WorkItemState.class,
              WorkItemEvent.class,
              WorkItemInvalidStateException::new)
          .creates(
              WorkItemEvent.INITIALIZE,
              WorkItemState.INITIALIZED,
              "its initialize action or a task activity creates it in an enabled or started task"
                  + " generation; onInitialized runs and may request start")
          .on(
              WorkItemState.INITIALIZED,
              WorkItemEvent.START,
              WorkItemState.STARTED,
              "its start action; its task starts first if only enabled; onStarted runs and may"
                  + " request complete, fail or cancel")
          .on(
              WorkItemState.STARTED,
              WorkItemEvent.COMPLETE,
              WorkItemState.COMPLETED,
              "its complete action; its jobs canceled; onCompleted runs; its task's policy decides")
          .on(
              WorkItemState.STARTED,
              WorkItemEvent.FAIL,
              WorkItemState.FAILED,
              "its fail action; its jobs canceled; onFailed runs; its task's policy decides")
          .on(
              WorkItemState.STARTED,
              WorkItemEvent.RESET,
              WorkItemState.INITIALIZED,
              "its reset action; its jobs canceled but for its deadlines counted from initialize,"
                  + " claim or payload; onReset runs; its task hears of it (no policy)")
          .on(
              WorkItemState.INITIALIZED,
              WorkItemEvent.CANCEL,
              WorkItemState.CANCELED,
              "its cancel action, or the end of its task (teardown: no action, no policy); its jobs"
                  + " canceled; onCanceled runs; its task's policy decides unless torn down")
          .on(
              WorkItemState.STARTED,
              WorkItemEvent.CANCEL,
              WorkItemState.CANCELED,
              "as from initialized")
          .build();

  public static final TransitionTable<AllocationState, AllocationEvent> ALLOCATION =
      TransitionTable.builder(
              ElementKind.ALLOCATION,
              AllocationState.class,
              AllocationEvent.class,
              AllocationInvalidStateException::new)
          .creates(
              AllocationEvent.OFFER,
              AllocationState.OFFERED,
              "its work item is initialized and its definition declares an offer: the offer is"
                  + " computed and stored with it")
          .on(
              AllocationState.OFFERED,
              AllocationEvent.CLAIM,
              AllocationState.CLAIMED,
              "an actor it is offered to claims it (or starts, completes or fails it); the work item"
                  + " does not start")
          .on(
              AllocationState.CLAIMED,
              AllocationEvent.RELEASE,
              AllocationState.OFFERED,
              "its claimant or a supervisor releases it, or a reset when its offer says so")
          .on(
              AllocationState.OFFERED,
              AllocationEvent.DELEGATE,
              AllocationState.CLAIMED,
              "a supervisor assigns it to an actor it is offered to")
          .on(
              AllocationState.CLAIMED,
              AllocationEvent.DELEGATE,
              AllocationState.CLAIMED,
              "its claimant or a supervisor hands it to another actor it is offered to")
          .on(
              AllocationState.OFFERED,
              AllocationEvent.ESCALATE,
              AllocationState.OFFERED,
              "a deadline passed: it is offered to the escalation's targets instead")
          .on(
              AllocationState.CLAIMED,
              AllocationEvent.ESCALATE,
              AllocationState.CLAIMED,
              "as from offered; the claim stays (an escalation releasing the claim releases it"
                  + " first)")
          .on(
              AllocationState.OFFERED,
              AllocationEvent.CLOSE,
              AllocationState.DONE,
              "its work item completed, failed or was canceled (teardown included)")
          .on(
              AllocationState.CLAIMED,
              AllocationEvent.CLOSE,
              AllocationState.DONE,
              "as from offered")
          .build();

  public static final TransitionTable<JobState, JobEvent> JOB =
      TransitionTable.builder(
              ElementKind.JOB,
              JobState.class,
              JobEvent.class,
              (element, current, event, allowed) ->
                  new InvalidStateTransitionException("job", element, current, event, allowed))
          .creates(
              JobEvent.REGISTER,
              JobState.PENDING,
              "a context registers it; written with the call's other changes")
          .on(
              JobState.PENDING,
              JobEvent.CLAIM,
              JobState.RUNNING,
              "a worker claims it once due: locked by that worker until its lease ends, one more"
                  + " attempt")
          .on(
              JobState.RUNNING,
              JobEvent.RECLAIM,
              JobState.RUNNING,
              "its lease expired (its worker died): another worker claims it, one more attempt")
          .on(
              JobState.RUNNING,
              JobEvent.SUCCEED,
              JobState.DONE,
              "its handler returned; committed with the handler's writes")
          .on(
              JobState.RUNNING,
              JobEvent.RETRY,
              JobState.PENDING,
              "its handler failed and attempts remain: due again after the backoff")
          .on(
              JobState.RUNNING,
              JobEvent.DIE,
              JobState.DEAD,
              "its handler failed on the last attempt: kept with its last error")
          .on(
              JobState.PENDING,
              JobEvent.CANCEL,
              JobState.CANCELED,
              "its owner (workflow, task generation or work item) ended")
          .on(
              JobState.RUNNING,
              JobEvent.DISCARD,
              JobState.CANCELED,
              "the worker holding it finds its owner ended and does not run it")
          .on(
              JobState.DEAD,
              JobEvent.REQUEUE,
              JobState.PENDING,
              "run again on request, with fresh attempts, due now")
          .on(JobState.CANCELED, JobEvent.REQUEUE, JobState.PENDING, "as from dead")
          .build();
}

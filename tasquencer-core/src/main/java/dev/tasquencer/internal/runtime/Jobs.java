package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.internal.store.RetryPolicyCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Job registration and teardown. A registered job is a row written with the call's other writes;
 * its owner row is flagged, so that only owners that ever registered a job pay for cancellation
 * when they finish. An owner that ends resolves its open incidents ({@link
 * IncidentOps#ownerEnded}).
 */
final class Jobs {
  private Jobs() {}

  /** Who owns a job registered from a context, and how to flag it. */
  record Owner(
      JobOwnerKind kind,
      UUID id,
      @Nullable String task,
      @Nullable Integer generation,
      UUID rootId,
      Runnable flag,
      @Nullable RetryPolicy retry) {}

  static Owner ofWorkflow(WorkflowInstance wf) {
    return new Owner(
        JobOwnerKind.WORKFLOW, wf.id(), null, null, wf.rootId(), wf.row::markHasJobs, null);
  }

  static Owner ofTask(TaskInstance task, int generation) {
    return new Owner(
        JobOwnerKind.TASK,
        task.workflow.id(),
        task.def.name(),
        generation,
        task.workflow.rootId(),
        task.row::markHasJobs,
        retryOf(task));
  }

  /** The retry policy a task declares for the jobs of its own and its work items', or null. */
  private static @Nullable RetryPolicy retryOf(TaskInstance task) {
    return task.def instanceof AtomicTaskDefinition atomic ? atomic.retry() : null;
  }

  /** The task generation as owner, for an activity {@code hook} that may register jobs. */
  static Owner ofTaskActivity(Hook hook, TaskInstance task, int generation) {
    if (!hook.mayRegisterJobs()) {
      throw notHere(hook + " of task " + task.describe());
    }
    return ofTask(task, generation);
  }

  /** A work item as owner of the engine's own jobs (deadlines): no declared retry policy. */
  static Owner ofWorkItem(dev.tasquencer.internal.store.WorkItemRow wi) {
    return new Owner(JobOwnerKind.WORK_ITEM, wi.id, null, null, wi.rootId, wi::markHasJobs, null);
  }

  /** A work item of {@code task} as owner of the jobs its activities and actions register. */
  static Owner ofWorkItem(TaskInstance task, dev.tasquencer.internal.store.WorkItemRow wi) {
    return new Owner(
        JobOwnerKind.WORK_ITEM, wi.id, null, null, wi.rootId, wi::markHasJobs, retryOf(task));
  }

  static UUID schedule(Call call, Owner owner, Duration after, Job job, String where) {
    Objects.requireNonNull(after, "delay");
    if (after.isNegative()) {
      throw new ConstraintViolationException(
          "registerScheduled in " + where + " got a negative delay " + after);
    }
    return schedule(call, owner, call.now.plus(after), job, where);
  }

  static UUID schedule(Call call, Owner owner, Instant at, Job job, String where) {
    Objects.requireNonNull(at, "time");
    Objects.requireNonNull(job, "job");
    String json =
        call.engine.codec.write(job.payload(), "job " + job.handler(), "registerScheduled");
    UUID id = Ids.next();
    // the job's own policy, else the one its task declares
    RetryPolicy retry = job.retry() != null ? job.retry() : owner.retry();
    int maxAttempts =
        job.retry() == null && retry != null ? retry.maxAttempts() : job.maxAttempts();
    call.session.newJob(
        id,
        owner.rootId(),
        owner.kind(),
        owner.id(),
        owner.task(),
        owner.generation(),
        job.handler(),
        json,
        at,
        maxAttempts,
        retry == null ? null : RetryPolicyCodec.encode(retry),
        call.now);
    owner.flag().run();
    return id;
  }

  static ConstraintViolationException notHere(String what) {
    return new ConstraintViolationException(
        "registerScheduled is not available in "
            + what
            + ": jobs are owned by the element whose context registers them, and an element that"
            + " is ending cannot own new jobs. Register them in onEnabled/onStarted/"
            + "onWorkItemStateChanged (task), onInitialized/onStarted (workflow, work item) or the"
            + " initialize/start actions");
  }

  static void cancelOfWorkflow(Call call, WorkflowInstance wf) {
    if (wf.row.hasJobs()) {
      call.session.cancelJobs(JobOwnerKind.WORKFLOW, wf.id(), null, null, true, call.now);
      IncidentOps.ownerEnded(call, wf.rootId(), JobOwnerKind.WORKFLOW, wf.id(), null);
    }
  }

  static void cancelOfTask(Call call, TaskInstance task) {
    if (task.row.hasJobs()) {
      call.session.cancelJobs(
          JobOwnerKind.TASK, task.workflow.id(), task.def.name(), null, true, call.now);
      IncidentOps.ownerEnded(
          call, task.workflow.rootId(), JobOwnerKind.TASK, task.workflow.id(), task.def.name());
    }
  }

  /**
   * Cancels the pending jobs of a work item; when it is reset (not ended), its deadlines counted
   * from initialize, claim or the payload keep running (docs/deadlines.md).
   */
  static void cancelOfWorkItem(
      Call call, dev.tasquencer.internal.store.WorkItemRow wi, boolean ended) {
    if (wi.hasJobs()) {
      call.session.cancelJobs(
          JobOwnerKind.WORK_ITEM, wi.id, null, ended ? null : Job.DEADLINE, true, call.now);
      if (ended) {
        IncidentOps.ownerEnded(call, wi.rootId, JobOwnerKind.WORK_ITEM, wi.id, null);
      }
    }
  }
}

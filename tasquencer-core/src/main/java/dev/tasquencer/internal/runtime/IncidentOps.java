package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentActivity;
import dev.tasquencer.api.incident.IncidentResolution;
import dev.tasquencer.api.incident.IncidentState;
import dev.tasquencer.internal.store.IncidentStore;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.SqlFailures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Incidents inside engine calls (docs/incidents.md): opened when a job is parked as dead, resolved
 * when a retried job succeeds or when the owner ends by other means, each in the transaction that
 * caused it, under the root's lock.
 */
final class IncidentOps {
  private IncidentOps() {}

  private static <T> T sql(SqlFailures.SqlWork<T> work) {
    return SqlFailures.run("incident statement failed", work);
  }

  /**
   * A job was parked as dead in this call: opens an incident on its owner, counts it on the root,
   * records it and runs the workflow's onIncident. A job whose retry (by an operator) died again
   * keeps its open incident, which takes the new error; a job without owner, or whose owner ended,
   * opens none.
   */
  static void open(Call call, JobSnapshot job, String errorType, String errorMessage) {
    JobOwnerKind kind = job.ownerKind();
    UUID rootId = job.rootId();
    UUID ownerId = job.ownerId();
    if (kind == null || rootId == null || ownerId == null) {
      return;
    }
    if (!call.session.lockRoot(rootId).isPresent()
        || !sql(() -> JobStore.ownerActive(call.session.connection(), job))) {
      return;
    }
    var open = sql(() -> IncidentStore.openOfJob(call.session.connection(), rootId, job.id()));
    if (open.isPresent()) {
      Incident i = open.get();
      sql(
          () -> {
            IncidentStore.failedAgain(
                call.session.connection(), i, errorType, errorMessage, job.attempts());
            return true;
          });
      call.history.incident(
          workflowOf(call, i),
          i,
          "fail",
          IncidentState.OPEN.id(),
          IncidentState.OPEN.id(),
          Map.of("error", errorType, "attempts", Integer.toString(job.attempts())));
      return;
    }
    UUID workflowId =
        kind == JobOwnerKind.WORK_ITEM
            ? call.session
                .workItem(ownerId)
                .map(wi -> wi.workflowId)
                .orElseThrow(() -> new IllegalStateException("live owner " + ownerId + " gone"))
            : ownerId;
    WorkflowInstance wf = call.workflow(workflowId);
    Incident incident =
        new Incident(
            Ids.next(),
            rootId,
            workflowId,
            wf.def.name(),
            kind,
            ownerId,
            job.ownerTask(),
            job.ownerGeneration(),
            job.id(),
            job.handler(),
            errorType,
            errorMessage,
            job.attempts(),
            job.payloadJson(),
            call.now,
            IncidentState.OPEN,
            null,
            null,
            null);
    sql(
        () -> {
          IncidentStore.insert(call.session.connection(), incident);
          return true;
        });
    call.history.incident(
        wf,
        incident,
        "open",
        null,
        IncidentState.OPEN.id(),
        Map.of("error", errorType, "attempts", Integer.toString(job.attempts())));
    IncidentActivity activity = wf.def.activities().onIncident();
    if (activity != null) {
      call.run(
          ctx -> activity.run(ctx, incident),
          new Contexts.WorkflowCtx(call, wf, true, Hook.ON_INCIDENT),
          Hook.ON_INCIDENT,
          wf);
    }
  }

  /**
   * A job succeeded in this call: its open incident, if an operator retried it, resolves. Only a
   * job that failed before ({@code last_error} set) can have one, so others cost nothing.
   */
  static void jobSucceeded(Call call, JobSnapshot job) {
    UUID rootId = job.rootId();
    if (job.lastError() == null || rootId == null) {
      return;
    }
    call.session.lockRoot(rootId);
    var open = sql(() -> IncidentStore.openOfJob(call.session.connection(), rootId, job.id()));
    if (open.isPresent()) {
      resolve(call, open.get(), IncidentResolution.RETRIED, null);
    }
  }

  /**
   * An owner that registered jobs ended (its jobs are being canceled): its open incidents resolve
   * as {@link IncidentResolution#OWNER_ENDED}. The root's counter is read first, so a tree without
   * open incidents pays one small read.
   */
  static void ownerEnded(
      Call call, UUID rootId, JobOwnerKind kind, UUID ownerId, @Nullable String task) {
    if (sql(() -> IncidentStore.openOfRoot(call.session.connection(), rootId)) == 0) {
      return;
    }
    List<Incident> open =
        sql(
            () ->
                IncidentStore.openOfOwner(call.session.connection(), rootId, kind, ownerId, task));
    for (Incident i : open) {
      // a job runs while its incident is open only after an operator's retry: the owner ending
      // now is that retried job reporting its outcome (an external handler completing its work
      // item), so the retry is what resolved it
      boolean retriedJobRunning =
          sql(() -> JobStore.find(call.session.connection(), i.jobId()))
              .map(job -> job.state() == JobState.RUNNING)
              .orElse(false);
      resolve(
          call,
          i,
          retriedJobRunning ? IncidentResolution.RETRIED : IncidentResolution.OWNER_ENDED,
          null);
    }
  }

  /** Resolves an open incident and records it; false when it was no longer open. */
  static boolean resolve(
      Call call, Incident i, IncidentResolution how, dev.tasquencer.api.@Nullable Actor by) {
    String actor = by == null ? null : by.toString();
    boolean done =
        sql(() -> IncidentStore.resolve(call.session.connection(), i, how, actor, call.now));
    if (done) {
      call.history.incident(
          workflowOf(call, i),
          i,
          "resolve",
          IncidentState.OPEN.id(),
          IncidentState.RESOLVED.id(),
          Map.of("resolution", how.id()));
    }
    return done;
  }

  static WorkflowInstance workflowOf(Call call, Incident i) {
    WorkflowInstance loaded = call.loaded(i.workflowId());
    return loaded != null ? loaded : call.workflow(i.workflowId());
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.error.IncidentInvalidStateException;
import dev.tasquencer.api.error.IncidentNotFoundException;
import dev.tasquencer.api.error.IncidentOwnerException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentList;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.IncidentResolution;
import dev.tasquencer.api.incident.IncidentState;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.api.incident.Resolution;
import dev.tasquencer.internal.store.IncidentStore;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code engine.incidents()}: lists incidents, and retries or resolves one in an external call of
 * its own, on behalf of the actor given with {@link #as}, under the lock of the incident's root.
 */
final class EngineIncidents implements Incidents {
  private final EngineCore core;
  private final @Nullable Actor actor;
  private final @Nullable String key;

  EngineIncidents(EngineCore core, @Nullable Actor actor) {
    this(core, actor, null);
  }

  private EngineIncidents(EngineCore core, @Nullable Actor actor, @Nullable String key) {
    this.core = core;
    this.actor = actor;
    this.key = key;
  }

  @Override
  public Incidents as(Actor actor) {
    Args.notNull("incidents().as", "actor", actor);
    return new EngineIncidents(core, actor, key);
  }

  @Override
  public Incidents idempotent(String key) {
    return new EngineIncidents(core, actor, Idempotency.checkKey("incidents().idempotent", key));
  }

  @Override
  public IncidentList list(IncidentFilter filter, IncidentPage page) {
    Args.notNull("incidents().list", "filter", filter);
    Args.notNull("incidents().list", "page", page);
    if (page.size() < 1 || page.size() > IncidentPage.MAX_SIZE) {
      throw new InvalidArgumentException(
          "incidents().list: the page size must be 1 to "
              + IncidentPage.MAX_SIZE
              + ", was "
              + page.size()
              + "; read more incidents page by page with IncidentList.next()");
    }
    List<Incident> rows =
        core.execute(
            CallRequest.QUERY,
            call ->
                sql(
                    () ->
                        IncidentStore.list(
                            call.session.connection(), filter, page.afterId(), page.size() + 1)));
    boolean more = rows.size() > page.size();
    List<Incident> shown = more ? rows.subList(0, page.size()) : rows;
    IncidentPage next =
        more ? new IncidentPage(shown.get(shown.size() - 1).id(), page.size()) : null;
    return new IncidentList(shown, more, next);
  }

  @Override
  public void retry(UUID incidentId) {
    Args.notNull("incidents().retry", "incidentId", incidentId);
    core.command(
        request("incidents.retry", incidentId, incidentId),
        call -> {
          Incident i = lockOpen(call, incidentId, "retry");
          JobSnapshot job =
              sql(() -> JobStore.find(call.session.connection(), i.jobId()))
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "the job "
                                  + i.jobId()
                                  + " of open incident "
                                  + incidentId
                                  + " is gone"));
          if (job.state() != JobState.DEAD) {
            throw new IncidentInvalidStateException(
                "cannot retry incident "
                    + incidentId
                    + ": its job "
                    + job.id()
                    + " is "
                    + job.state().id()
                    + ", not dead; it was retried already. Wait for it to succeed (which resolves"
                    + " the incident) or to die again, then retry");
          }
          sql(() -> JobStore.retry(call.session.connection(), job.id(), call.now));
          call.history.incident(
              IncidentOps.workflowOf(call, i),
              i,
              "retry",
              IncidentState.OPEN.id(),
              IncidentState.OPEN.id(),
              Map.of());
          return null;
        });
  }

  @Override
  public void resolve(UUID incidentId, Resolution how) {
    Args.notNull("incidents().resolve", "incidentId", incidentId);
    Args.notNull("incidents().resolve", "how", how);
    core.command(
        request("incidents.resolve", incidentId, incidentId, how),
        call -> {
          Incident i = lockOpen(call, incidentId, "resolve");
          boolean item = i.ownerKind() == JobOwnerKind.WORK_ITEM;
          if (how.action() != Resolution.Action.CANCEL && !item) {
            throw new IncidentOwnerException(
                "cannot "
                    + how.action().name().toLowerCase(java.util.Locale.ROOT)
                    + " the owner of incident "
                    + incidentId
                    + ": it is "
                    + owner(i)
                    + ", not a work item, and only work items complete or fail. Retry its job"
                    + " with incidents().retry(id), or cancel the workflow with"
                    + " Resolution.cancel(payload)");
          }
          IncidentResolution resolution =
              switch (how.action()) {
                case COMPLETE -> IncidentResolution.COMPLETED;
                case FAIL -> IncidentResolution.FAILED;
                case CANCEL -> IncidentResolution.CANCELED;
              };
          // resolved first, so that the owner's end does not resolve it as "owner ended"
          IncidentOps.resolve(call, i, resolution, actor);
          // the operator acts on the owner as an internal call (default actions allowed), on
          // the actor's behalf: access to incidents() is the application's to guard
          call.as(Origin.INTERNAL, () -> act(call, i, how));
          return null;
        });
  }

  /** Completes, fails or cancels the incident's owner in this call. */
  private void act(Call call, Incident i, Resolution how) {
    boolean item = i.ownerKind() == JobOwnerKind.WORK_ITEM;
    WorkflowCommands commands = Commands.inCall(core, call);
    if (how.action() != Resolution.Action.CANCEL
        && call.session.workItem(i.ownerId()).map(WorkItemRow::state).orElse(null)
            == WorkItemState.INITIALIZED) {
      commands.startWorkItem(i.ownerId(), null); // complete and fail need a started item
    }
    switch (how.action()) {
      case COMPLETE -> commands.completeWorkItem(i.ownerId(), how.payload());
      case FAIL -> commands.failWorkItem(i.ownerId(), how.payload());
      case CANCEL -> {
        if (item) {
          commands.cancelWorkItem(i.ownerId(), how.payload());
        } else {
          commands.cancelWorkflow(i.workflowId(), how.payload());
        }
      }
    }
  }

  /** The request of an operator call with {@code args}, with this view's idempotency key if any. */
  private CallRequest request(String command, UUID incidentId, Object... args) {
    CallRequest r =
        CallRequest.command(command, Origin.EXTERNAL, actor).addressing("incident " + incidentId);
    return key == null ? r : r.idempotent(core.idempotency.key(key, command, actor, args));
  }

  /** Locks the incident's root and returns the incident, which must be open. */
  private static Incident lockOpen(Call call, UUID incidentId, String what) {
    Incident seen =
        sql(() -> IncidentStore.find(call.session.connection(), incidentId))
            .orElseThrow(() -> new IncidentNotFoundException(incidentId));
    call.session.lockRoot(seen.rootId());
    Suspensions.refuseExternal(call, seen.rootId());
    Incident i =
        sql(() -> IncidentStore.find(call.session.connection(), incidentId))
            .orElseThrow(() -> new IncidentNotFoundException(incidentId));
    if (i.state() != IncidentState.OPEN) {
      IncidentResolution how = i.resolution();
      throw new IncidentInvalidStateException(
          "cannot "
              + what
              + " incident "
              + incidentId
              + ": it is resolved already ("
              + (how == null ? "?" : how.id())
              + (i.resolvedBy() == null ? "" : " by " + i.resolvedBy())
              + " at "
              + i.resolvedAt()
              + "). List the open ones with incidents().list(IncidentFilter.OPEN, page)");
    }
    return i;
  }

  private static String owner(Incident i) {
    return switch (i.ownerKind()) {
      case WORKFLOW -> "workflow " + i.workflowId();
      case TASK ->
          "task '"
              + i.ownerTask()
              + "' (generation "
              + i.ownerGeneration()
              + ") of workflow "
              + i.workflowId();
      case WORK_ITEM -> "work item " + i.ownerId();
    };
  }

  private static <T> T sql(SqlFailures.SqlWork<T> work) {
    return SqlFailures.run("incident statement failed", work);
  }
}

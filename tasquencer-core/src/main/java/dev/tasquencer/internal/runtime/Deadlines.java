package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.builder.WorkItemDefinition;
import dev.tasquencer.internal.store.AllocationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deadlines of work items (docs/deadlines.md): scheduled as built-in jobs owned by the item, by the
 * call that initializes, claims or starts it; fired by a job worker in the job's transaction. A
 * deadline whose item ended, or whose claim or start it counted from no longer holds, does nothing.
 */
final class Deadlines {
  private Deadlines() {}

  /**
   * A claim's deadline is void when the allocation's claim is not the one it counted from; two
   * claims of one item are separate calls, far more than this apart (the stored claim time may be
   * rounded to the database's precision).
   */
  private static final Duration SAME_CLAIM = Duration.ofMillis(1);

  /**
   * The payload of a deadline's job.
   *
   * @param workItemId the work item
   * @param deadline the deadline's name in the work item's definition
   * @param claimant for a deadline counted from a claim: the claimant then; null otherwise
   * @param claimedAt for a deadline counted from a claim: when it was claimed; null otherwise
   */
  record Fire(
      UUID workItemId, String deadline, @Nullable String claimant, @Nullable Instant claimedAt) {}

  private static WorkItemDefinition definition(TaskInstance task) {
    return TaskKinds.atomic(task).workItem();
  }

  /** A work item was just created: its deadlines counted from initialize or the payload. */
  static void initialized(Call call, TaskInstance task, WorkItemRow wi, @Nullable Object payload) {
    for (Deadline d : definition(task).deadlines()) {
      if (d.anchor() == Deadline.Anchor.INITIALIZED) {
        schedule(call, wi, d, call.now.plus(d.after()), Job.DEADLINE, null);
      } else if (d.anchor() == Deadline.Anchor.PAYLOAD && payload != null) {
        Instant at = instant(call, task, wi, d, payload);
        if (at != null) {
          schedule(call, wi, d, at, Job.DEADLINE, null);
        }
      }
    }
  }

  /** A work item was claimed or delegated: its deadlines counted from a claim. */
  static void claimed(Call call, TaskInstance task, WorkItemRow wi, AllocationRow a) {
    for (Deadline d : definition(task).deadlines()) {
      if (d.anchor() == Deadline.Anchor.CLAIMED) {
        schedule(call, wi, d, call.now.plus(d.after()), Job.DEADLINE, a);
      }
    }
  }

  /** A work item started: its deadlines counted from the start. */
  static void started(Call call, TaskInstance task, WorkItemRow wi) {
    for (Deadline d : definition(task).deadlines()) {
      if (d.anchor() == Deadline.Anchor.STARTED) {
        schedule(call, wi, d, call.now.plus(d.after()), Job.START_DEADLINE, null);
      }
    }
  }

  private static @Nullable Instant instant(
      Call call, TaskInstance task, WorkItemRow wi, Deadline d, Object payload) {
    Class<?> type = Objects.requireNonNull(d.payloadType(), "an absolute deadline has a type");
    Object typed = call.engine.codec.as(payload, type);
    if (typed == null) {
      return null;
    }
    try {
      return d.instantFor(typed);
    } catch (RuntimeException e) {
      throw new UserCodeException(
          "the time of deadline '"
              + d.name()
              + "' of work item "
              + wi.id
              + " of task "
              + task.describe(),
          e);
    }
  }

  private static void schedule(
      Call call,
      WorkItemRow wi,
      Deadline d,
      Instant at,
      String handler,
      @Nullable AllocationRow claim) {
    Actor claimant = claim == null ? null : claim.claimant();
    Fire fire =
        new Fire(
            wi.id,
            d.name(),
            claimant == null ? null : claimant.toString(),
            claim == null ? null : claim.claimedAt());
    Jobs.schedule(
        call, Jobs.ofWorkItem(wi), at, Job.of(handler, fire), "deadline '" + d.name() + "'");
  }

  // ------------------------------------------------------------------------------ firing

  /** Runs a deadline's job: does what the deadline says, if it still applies. */
  static void fire(Call call, @Nullable String json) {
    Fire p =
        Objects.requireNonNull(
            call.engine.codec.read(json, null, Fire.class), "a deadline's job has a payload");
    if (call.session.lockRootOfWorkItem(p.workItemId()).isEmpty()) {
      return; // purged with its tree
    }
    WorkItemRow wi = call.session.workItem(p.workItemId()).orElse(null);
    if (wi == null || wi.state().isFinal()) {
      return;
    }
    TaskInstance task = call.engine.workItems.taskOf(call, wi);
    WorkItemDefinition wd = definition(task);
    Deadline d = wd.deadline(p.deadline());
    if (d == null) {
      throw new ConfigurationException(
          "work item '"
              + wd.name()
              + "' "
              + wi.id
              + " of task "
              + task.describe()
              + " has no deadline named '"
              + p.deadline()
              + "' in its definition, but a job of"
              + " one is due; register the definition version the instance was started with");
    }
    if (!holds(call, task, wi, d, p)) {
      return;
    }
    switch (d.action()) {
      case ESCALATE ->
          call.engine.allocations.escalate(
              call, task, wi, Objects.requireNonNull(d.escalation(), "an escalating deadline"));
      case NOTIFY -> notify(call, task, wi, d);
      case FAIL -> {
        if (wi.state() == WorkItemState.INITIALIZED) {
          call.commands().startWorkItem(wi.id, null);
        }
        if (wi.state() == WorkItemState.STARTED) {
          call.commands().failWorkItem(wi.id, null);
        }
      }
      case CANCEL -> call.commands().cancelWorkItem(wi.id, null);
    }
  }

  /** Whether the claim or start the deadline counted from still holds. */
  private static boolean holds(Call call, TaskInstance task, WorkItemRow wi, Deadline d, Fire p) {
    switch (d.anchor()) {
      case CLAIMED -> {
        AllocationRow a = call.engine.allocations.of(call, task, wi).orElse(null);
        Instant claimedAt = a == null ? null : a.claimedAt();
        Instant then = p.claimedAt();
        return a != null
            && a.state() == AllocationState.CLAIMED
            && String.valueOf(a.claimant()).equals(p.claimant())
            && claimedAt != null
            && then != null
            && Duration.between(claimedAt, then).abs().compareTo(SAME_CLAIM) < 0;
      }
      case STARTED -> {
        return wi.state() == WorkItemState.STARTED;
      }
      default -> {
        return true;
      }
    }
  }

  /** Writes the outbox message of a notifying deadline, in this call. */
  private static void notify(Call call, TaskInstance task, WorkItemRow wi, Deadline d) {
    ObjectNode o = call.engine.codec.mapper().createObjectNode();
    o.put("deadline", d.name());
    o.put("anchor", d.anchor().name().toLowerCase(java.util.Locale.ROOT));
    o.put("workflow", task.workflow.def.name());
    o.put("workflowId", wi.workflowId.toString());
    o.put("task", task.def.name());
    o.put("workItem", wi.name);
    o.put("workItemId", wi.id.toString());
    o.put("state", wi.state().name().toLowerCase(java.util.Locale.ROOT));
    call.engine
        .allocations
        .of(call, task, wi)
        .ifPresent(
            a -> {
              o.put("allocation", a.state().id());
              Actor claimant = a.claimant();
              if (claimant != null && a.state() == AllocationState.CLAIMED) {
                o.put("claimant", claimant.toString());
              }
            });
    o.put("firedAt", call.now.toString());
    String kind = Objects.requireNonNull(d.notifyKind(), "a notifying deadline has a kind");
    call.session.newOutboxMessage(Ids.next(), wi.rootId, wi.id, kind, o.toString(), call.now);
  }
}

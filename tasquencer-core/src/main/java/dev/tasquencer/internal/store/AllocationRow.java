package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.queue.QueueData;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code tq_allocation}, with its offer's targets ({@code tq_offer_target}): the
 * allocation of an offered work item. Its state and claimant change only through {@link
 * TransitionApplier}.
 */
public final class AllocationRow extends Row {
  public final UUID rootId;
  public final UUID workItemId;
  public final UUID workflowId;
  public final String workflowName;
  public final String workflowVersion;
  public final String taskName;
  public final int taskGeneration;

  /** Business attributes of the queue data, by name (they do not change). */
  public final Map<String, String> attributes;

  public final Instant createdAt;
  private Offer offer;
  private AllocationState state;
  private @Nullable Actor claimant;
  private @Nullable Instant claimedAt;
  private Instant updatedAt;
  private int priority;
  private @Nullable Instant dueAt;

  AllocationRow(
      Session session,
      boolean persisted,
      UUID rootId,
      UUID workItemId,
      UUID workflowId,
      String workflowName,
      String workflowVersion,
      String taskName,
      int taskGeneration,
      Offer offer,
      QueueData queue,
      AllocationState state,
      @Nullable Actor claimant,
      @Nullable Instant claimedAt,
      Instant createdAt,
      Instant updatedAt) {
    super(session, persisted);
    this.rootId = rootId;
    this.workItemId = workItemId;
    this.workflowId = workflowId;
    this.workflowName = workflowName;
    this.workflowVersion = workflowVersion;
    this.taskName = taskName;
    this.taskGeneration = taskGeneration;
    this.offer = offer;
    this.attributes = queue.attributes();
    this.priority = queue.priority();
    this.dueAt = queue.dueAt();
    this.state = state;
    this.claimant = claimant;
    this.claimedAt = claimedAt;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  /** To whom it is offered: the offer it was created with, or the last escalation's. */
  public Offer offer() {
    return offer;
  }

  public AllocationState state() {
    return state;
  }

  /** Who holds the claim (the last claimant, once done); null when nobody claimed it. */
  public @Nullable Actor claimant() {
    return claimant;
  }

  public @Nullable Instant claimedAt() {
    return claimedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The queue data: priority, due date and attributes. */
  public QueueData queue() {
    return new QueueData(priority, dueAt, attributes);
  }

  /**
   * Changes the priority and due date (not a state: no transition); written by the call's flush.
   */
  public void requeue(int priority, @Nullable Instant dueAt, Instant now) {
    this.priority = priority;
    this.dueAt = dueAt;
    this.updatedAt = now;
    touch();
  }

  /** Only {@link TransitionApplier} changes the state and the claimant. */
  void setState(
      AllocationState state, @Nullable Actor claimant, @Nullable Instant claimedAt, Instant now) {
    this.state = state;
    this.claimant = claimant;
    this.claimedAt = claimedAt;
    this.updatedAt = now;
    touch();
  }

  /** Only {@link TransitionApplier} re-offers it (an escalation). */
  void setOffer(Offer offer, Instant now) {
    this.offer = offer;
    this.updatedAt = now;
    touch();
  }

  /** The allocation as the public API shows it. */
  public Allocation snapshot() {
    return new Allocation(
        workItemId,
        rootId,
        workflowId,
        taskName,
        state,
        offer,
        claimant,
        claimedAt,
        createdAt,
        updatedAt);
  }
}

package dev.tasquencer.internal.store;

import dev.tasquencer.api.WorkflowState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code tq_workflow}. */
public final class WorkflowRow extends OwnerRow {
  public final UUID id;
  public final UUID rootId;
  public final @Nullable UUID parentWorkflowId;
  public final @Nullable String parentTaskName;
  public final @Nullable Integer parentTaskGeneration;
  public final String definitionName;
  public final String definitionVersion;
  public final String name;
  public final Instant createdAt;
  private WorkflowState state;
  private @Nullable String payload;
  private Instant updatedAt;
  private final boolean createdInCall;
  private long historySeq;
  private boolean historyAppended;
  private boolean suspended;
  private @Nullable String businessKey;
  private boolean businessKeyUnique;
  private Instant lastCallAt;

  WorkflowRow(
      Session session,
      boolean persisted,
      UUID id,
      UUID rootId,
      @Nullable UUID parentWorkflowId,
      @Nullable String parentTaskName,
      @Nullable Integer parentTaskGeneration,
      String definitionName,
      String definitionVersion,
      String name,
      WorkflowState state,
      @Nullable String payload,
      Instant createdAt,
      Instant updatedAt) {
    super(session, persisted);
    this.createdInCall = !persisted;
    this.id = id;
    this.rootId = rootId;
    this.parentWorkflowId = parentWorkflowId;
    this.parentTaskName = parentTaskName;
    this.parentTaskGeneration = parentTaskGeneration;
    this.definitionName = definitionName;
    this.definitionVersion = definitionVersion;
    this.name = name;
    this.state = state;
    this.payload = payload;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.lastCallAt = updatedAt;
  }

  public WorkflowState state() {
    return state;
  }

  public @Nullable String payload() {
    return payload;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public boolean isRoot() {
    return parentWorkflowId == null;
  }

  /** The id of a child's parent workflow (a child has all three parent columns, a root none). */
  public UUID parentId() {
    return Objects.requireNonNull(parentWorkflowId, "a root workflow has no parent");
  }

  /** The name of a child's composite task in its parent. */
  public String parentTask() {
    return Objects.requireNonNull(parentTaskName, "a root workflow has no parent task");
  }

  /** The generation of a child's composite task that created it. */
  public int parentGeneration() {
    return Objects.requireNonNull(parentTaskGeneration, "a root workflow has no parent task");
  }

  /** Whether the current call created this workflow (no other call can see it yet). */
  public boolean createdInCall() {
    return createdInCall;
  }

  /**
   * The number of the last event of this root's history (0 when there is none); only roots use it.
   * Includes the events this call has appended.
   */
  public long historySeq() {
    return historySeq;
  }

  /** Numbers the next event of this root's history. The caller must hold the root's lock. */
  long nextHistorySeq() {
    historySeq++;
    historyAppended = true;
    touch();
    return historySeq;
  }

  void loadedHistorySeq(long stored) {
    this.historySeq = stored;
  }

  /**
   * The stored sequence as read by the statement that locked this root: what counts from now on,
   * even if this row object was read before the lock (unless this call already appended events).
   */
  void lockedHistorySeq(long stored) {
    if (!historyAppended) {
      this.historySeq = stored;
    }
  }

  /**
   * Whether this root's tree is suspended (docs/suspend.md), as read by the statement that loaded
   * or locked this row; always false on a child. Suspend and resume write it with their own
   * statement ({@code WorkflowSuspension}), not with a flush.
   */
  public boolean suspended() {
    return suspended;
  }

  void lockedSuspended(boolean stored) {
    this.suspended = stored;
  }

  /** Only {@link TransitionApplier} changes the state. */
  void setState(WorkflowState state, Instant now) {
    this.state = state;
    this.updatedAt = now;
    touch();
  }

  /** The business key given when this root was initialized; null for none and for children. */
  public @Nullable String businessKey() {
    return businessKey;
  }

  /** Whether the definition declared the business key unique (docs/search.md). */
  public boolean businessKeyUnique() {
    return businessKeyUnique;
  }

  /**
   * When the last committed call that locked this root's tree ran (its engine time); a new row's
   * creation time.
   */
  public Instant lastCallAt() {
    return lastCallAt;
  }

  /** Sets the business key of a root created in this call, before it is written. */
  public void businessKey(String key, boolean unique) {
    if (!createdInCall || !isRoot()) {
      throw new IllegalStateException("only a new root workflow takes a business key");
    }
    this.businessKey = key;
    this.businessKeyUnique = unique;
  }

  void loadedSearchColumns(@Nullable String businessKey, boolean unique, Instant lastCallAt) {
    this.businessKey = businessKey;
    this.businessKeyUnique = unique;
    this.lastCallAt = lastCallAt;
  }

  /** Records that a call on this root's tree commits at {@code now} (written at flush). */
  void called(Instant now) {
    if (!now.equals(lastCallAt)) {
      this.lastCallAt = now;
      touch();
    }
  }
}

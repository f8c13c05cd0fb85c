package dev.tasquencer.internal.store;

import dev.tasquencer.api.WorkItemState;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code tq_work_item}. */
public final class WorkItemRow extends OwnerRow {
  public final UUID id;
  public final UUID rootId;
  public final UUID workflowId;
  public final String taskName;
  public final int taskGeneration;
  public final String name;
  public final @Nullable String payload;
  public final Instant createdAt;
  private WorkItemState state;
  private Instant updatedAt;

  /** The payload object given to initialize, kept to spare a JSON round trip in the same call. */
  private @Nullable Object payloadObject;

  /** JSON of the payload given to the complete, fail or cancel call that ended the work item. */
  private @Nullable String resultPayload;

  /** That payload's object, kept as {@link #payloadObject} is. */
  private @Nullable Object resultObject;

  WorkItemRow(
      Session session,
      boolean persisted,
      UUID id,
      UUID rootId,
      UUID workflowId,
      String taskName,
      int taskGeneration,
      String name,
      WorkItemState state,
      @Nullable String payload,
      Instant createdAt,
      Instant updatedAt) {
    super(session, persisted);
    this.id = id;
    this.rootId = rootId;
    this.workflowId = workflowId;
    this.taskName = taskName;
    this.taskGeneration = taskGeneration;
    this.name = name;
    this.state = state;
    this.payload = payload;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public WorkItemState state() {
    return state;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** Only {@link TransitionApplier} changes the state. */
  void setState(WorkItemState state, Instant now) {
    this.state = state;
    this.updatedAt = now;
    touch();
  }

  public @Nullable String resultPayload() {
    return resultPayload;
  }

  public @Nullable Object resultObject() {
    return resultObject;
  }

  /** The value read from the database (no change to write). */
  void loadedResult(@Nullable String json) {
    this.resultPayload = json;
  }

  /** Records the payload of the call that ended the work item: its JSON and its object. */
  public void setResult(@Nullable String json, @Nullable Object value) {
    this.resultPayload = json;
    this.resultObject = value;
    touch();
  }

  public void resultObject(@Nullable Object o) {
    this.resultObject = o;
  }

  public @Nullable Object payloadObject() {
    return payloadObject;
  }

  public void payloadObject(@Nullable Object o) {
    this.payloadObject = o;
  }
}

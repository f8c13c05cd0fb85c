package dev.tasquencer.internal.store;

import dev.tasquencer.api.WorkflowState;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code tq_workflow}. */
public final class WorkflowRow extends OwnerRow {
  public final UUID id;
  public final UUID rootId;
  public final UUID parentWorkflowId;
  public final String parentTaskName;
  public final Integer parentTaskGeneration;
  public final String definitionName;
  public final String definitionVersion;
  public final String name;
  public final Instant createdAt;
  private WorkflowState state;
  private String payload;
  private Instant updatedAt;

  WorkflowRow(
      Session session,
      boolean persisted,
      UUID id,
      UUID rootId,
      UUID parentWorkflowId,
      String parentTaskName,
      Integer parentTaskGeneration,
      String definitionName,
      String definitionVersion,
      String name,
      WorkflowState state,
      String payload,
      Instant createdAt,
      Instant updatedAt) {
    super(session, persisted);
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
  }

  public WorkflowState state() {
    return state;
  }

  public String payload() {
    return payload;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public boolean isRoot() {
    return parentWorkflowId == null;
  }

  /** Only {@link TransitionApplier} changes the state. */
  void setState(WorkflowState state, Instant now) {
    this.state = state;
    this.updatedAt = now;
    touch();
  }
}

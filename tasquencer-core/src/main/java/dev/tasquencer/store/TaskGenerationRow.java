package dev.tasquencer.store;

import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code tq_task_generation}: the counters of one enablement of a task. Children's state
 * changes move one unit between counters, so statistics cost O(1).
 */
public final class TaskGenerationRow extends Row {
  public final UUID workflowId;
  public final UUID rootId;
  public final String taskName;
  public final int generation;
  public final Instant enabledAt;
  private long total;
  private long initialized;
  private long started;
  private long completed;
  private long failed;
  private long canceled;

  TaskGenerationRow(
      Session session,
      boolean persisted,
      UUID workflowId,
      UUID rootId,
      String taskName,
      int generation,
      Instant enabledAt,
      TaskStats stats) {
    super(session, persisted);
    this.workflowId = workflowId;
    this.rootId = rootId;
    this.taskName = taskName;
    this.generation = generation;
    this.enabledAt = enabledAt;
    this.total = stats.total();
    this.initialized = stats.initialized();
    this.started = stats.started();
    this.completed = stats.completed();
    this.failed = stats.failed();
    this.canceled = stats.canceled();
  }

  public TaskStats stats() {
    return new TaskStats(total, initialized, started, completed, failed, canceled);
  }

  public long live() {
    return initialized + started;
  }

  /** A child was created in state {@code initialized}. */
  public void childCreated() {
    total++;
    initialized++;
    touch();
  }

  /** A child moved from one state to another. Workflow states map by name. */
  public void childMoved(Enum<?> from, Enum<?> to) {
    add(from.name(), -1);
    add(to.name(), +1);
    touch();
  }

  private void add(String state, int delta) {
    switch (state) {
      case "INITIALIZED" -> initialized += delta;
      case "STARTED" -> started += delta;
      case "COMPLETED" -> completed += delta;
      case "FAILED" -> failed += delta;
      case "CANCELED" -> canceled += delta;
      default -> throw new IllegalArgumentException("not a child state: " + state);
    }
  }

  /** For tests of the counting rule: the counter of one work item state. */
  long count(WorkItemState s) {
    return switch (s) {
      case INITIALIZED -> initialized;
      case STARTED -> started;
      case COMPLETED -> completed;
      case FAILED -> failed;
      case CANCELED -> canceled;
    };
  }
}

package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The counters of one enablement (generation) of a task. Children's state changes move one unit
 * between counters, so statistics cost O(1).
 *
 * <p>The current generation is stored in its task's {@code tq_task} row (it is <em>hosted</em>
 * there: a change rewrites the task row, which the same call usually rewrites anyway). When the
 * task is enabled again, the generation it leaves behind is <em>archived</em>: from then on it is a
 * row of {@code tq_task_generation}.
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

  /** The task row that stores this generation while it is the current one; null once archived. */
  private @Nullable TaskRow host;

  TaskGenerationRow(
      Session session,
      boolean persisted,
      @Nullable TaskRow host,
      UUID workflowId,
      UUID rootId,
      String taskName,
      int generation,
      Instant enabledAt,
      TaskStats stats) {
    super(session, persisted, host == null);
    this.host = host;
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

  private void changed() {
    if (host != null) {
      host.generationChanged();
    } else {
      touch();
    }
  }

  /** Moves a superseded generation from its task row to a row of its own. */
  void archive() {
    host = null;
    touch();
  }

  public TaskStats stats() {
    return new TaskStats(total, initialized, started, completed, failed, canceled);
  }

  public long live() {
    return initialized + started;
  }

  /** A child was created in state {@code initialized} (see {@link TransitionApplier}). */
  void childCreated() {
    total++;
    initialized++;
    changed();
  }

  /**
   * A child moved from one state to another (see {@link TransitionApplier}). Workflow states map by
   * name.
   */
  void childMoved(Enum<?> from, Enum<?> to) {
    add(from.name(), -1);
    add(to.name(), +1);
    changed();
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

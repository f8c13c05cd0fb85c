package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskState;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code tq_task}: the current state and generation of one task of a workflow, with the
 * counters of that generation (see {@link TaskGenerationRow}).
 */
public final class TaskRow extends OwnerRow {
  public final UUID workflowId;
  public final UUID rootId;
  public final String name;
  private TaskState state;
  private int generation;
  private @Nullable TaskGenerationRow current;

  TaskRow(
      Session session,
      boolean persisted,
      UUID workflowId,
      UUID rootId,
      String name,
      TaskState state,
      int generation) {
    super(session, persisted);
    this.workflowId = workflowId;
    this.rootId = rootId;
    this.name = name;
    this.state = state;
    this.generation = generation;
  }

  public TaskState state() {
    return state;
  }

  public int generation() {
    return generation;
  }

  /** Only {@link TransitionApplier} changes the state. */
  void setState(TaskState state) {
    this.state = state;
    touch();
  }

  /** The counters of the current generation; null before the first enablement. */
  @Nullable TaskGenerationRow currentGeneration() {
    return current;
  }

  void host(TaskGenerationRow generation) {
    this.current = generation;
  }

  void generationChanged() {
    touch();
  }

  /** Only {@link TransitionApplier} enables a task (as a new generation). */
  void setEnabled(TaskState state, int generation) {
    this.state = state;
    this.generation = generation;
    touch();
  }
}

package dev.tasquencer.internal.store;

import java.util.UUID;

/**
 * A row of {@code tq_condition}: the marking (token count) of one condition of a workflow. A
 * condition that has never held a token has no row (its marking is 0), so a new workflow writes
 * rows only for the conditions that are marked when its call ends.
 */
public final class ConditionRow extends Row {
  public final UUID workflowId;
  public final UUID rootId;
  public final String name;
  private int marking;

  ConditionRow(
      Session session, boolean persisted, UUID workflowId, UUID rootId, String name, int marking) {
    super(session, persisted, marking > 0);
    this.workflowId = workflowId;
    this.rootId = rootId;
    this.name = name;
    this.marking = marking;
  }

  public int marking() {
    return marking;
  }

  /** Only {@link TransitionApplier} changes the marking. */
  void setMarking(int marking) {
    if (marking < 0) {
      throw new IllegalStateException("negative marking for condition " + name);
    }
    if (marking != this.marking) {
      this.marking = marking;
      touch();
    }
  }
}

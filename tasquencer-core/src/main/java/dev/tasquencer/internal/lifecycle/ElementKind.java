package dev.tasquencer.internal.lifecycle;

/** The kinds of element whose transitions the engine reports to {@link TransitionObserver}s. */
public enum ElementKind {
  WORKFLOW,
  TASK,
  WORK_ITEM,
  /** A change of a condition's marking (produce, consume, clear). */
  CONDITION,
  JOB;

  /** The lower-case name used in storage and JSON ({@code "work_item"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

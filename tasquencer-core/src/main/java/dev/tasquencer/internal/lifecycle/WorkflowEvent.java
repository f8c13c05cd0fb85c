package dev.tasquencer.internal.lifecycle;

/** What happens to a workflow instance; see {@link Lifecycles#WORKFLOW}. */
public enum WorkflowEvent {
  /** The instance is created (no state before). */
  INITIALIZE,
  START,
  COMPLETE,
  FAIL,
  CANCEL;

  /** The name used in messages ({@code "cancel"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

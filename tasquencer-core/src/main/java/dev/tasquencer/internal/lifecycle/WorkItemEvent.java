package dev.tasquencer.internal.lifecycle;

/** What happens to a work item; see {@link Lifecycles#WORK_ITEM}. */
public enum WorkItemEvent {
  /** The work item is created (no state before). */
  INITIALIZE,
  START,
  COMPLETE,
  FAIL,
  RESET,
  CANCEL;

  /** The name used in messages ({@code "reset"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

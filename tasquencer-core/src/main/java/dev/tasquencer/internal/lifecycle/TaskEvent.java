package dev.tasquencer.internal.lifecycle;

/** What happens to a task of a workflow instance; see {@link Lifecycles#TASK}. */
public enum TaskEvent {
  ENABLE,
  DISABLE,
  START,
  COMPLETE,
  FAIL,
  CANCEL;

  /** The name used in messages ({@code "enable"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package dev.tasquencer.api;

/**
 * The states of a task instance. A task is enabled when its join holds, started when its first
 * child starts (its input tokens are consumed then) and ends completed, failed or canceled; any of
 * those, and disabled, may be enabled again as a new generation.
 */
public enum TaskState {
  DISABLED,
  ENABLED,
  STARTED,
  COMPLETED,
  FAILED,
  CANCELED;

  /** Enabled or started: the task's current generation may still have live children. */
  public boolean isActive() {
    return this == ENABLED || this == STARTED;
  }

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name used in storage and JSON ({@code "enabled"}). */
  public String id() {
    return id;
  }
}

package dev.tasquencer.api;

/** The states of a durable job. */
public enum JobState {
  /** Waiting for its time (or for a worker). */
  PENDING,
  /** Claimed by a worker, under a lease. */
  RUNNING,
  /** Ran successfully. */
  DONE,
  /** Failed more often than its maximum attempts; kept with its last error. */
  DEAD,
  /** Its owner finished first. */
  CANCELED;

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  public String id() {
    return id;
  }
}

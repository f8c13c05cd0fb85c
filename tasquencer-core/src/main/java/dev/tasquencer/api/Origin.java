package dev.tasquencer.api;

/**
 * Who caused a state change: what history records for every event, and what the engine uses to
 * decide which rules apply (internal calls skip the checks that guard external ones).
 */
public enum Origin {
  /** A command of the application, through the engine facade. */
  EXTERNAL,
  /** A command issued by an activity or action from inside another command. */
  INTERNAL,
  /** A job run by a worker: a timer, a deadline or a handler's transactional step. */
  JOB,
  /** The engine on its own behalf: enabling, auto-triggering, teardown of a region or a tree. */
  ENGINE;

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name used in storage and JSON ({@code "external"}). */
  public String id() {
    return id;
  }
}

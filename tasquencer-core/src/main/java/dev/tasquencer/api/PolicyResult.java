package dev.tasquencer.api;

/** What a task policy decides after one of the task's children reached a final state. */
public enum PolicyResult {
  /** Absorb the transition; the task stays as it is. */
  CONTINUE,
  /** Complete the task (starting it first if it was only enabled). */
  COMPLETE,
  /** Fail the task and, with it, its workflow. */
  FAIL
}

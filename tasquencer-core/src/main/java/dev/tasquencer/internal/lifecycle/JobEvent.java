package dev.tasquencer.internal.lifecycle;

/** What happens to a durable job; see {@link Lifecycles#JOB}. */
public enum JobEvent {
  /** A context registers the job (no state before). */
  REGISTER,
  /** A worker claims a due job. */
  CLAIM,
  /** A worker claims a running job whose lease expired (its worker died). */
  RECLAIM,
  /** The handler returned and its transaction committed. */
  SUCCEED,
  /** The handler failed and attempts remain: pending again, after a backoff. */
  RETRY,
  /** The handler failed on its last attempt: kept with its last error. */
  DIE,
  /** Its owner ended while the job waited. */
  CANCEL,
  /** The worker holding it finds that its owner has ended, and does not run it. */
  DISCARD,
  /** An operator makes a dead or canceled job pending again, with fresh attempts. */
  REQUEUE;

  /** The name used in messages ({@code "claim"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

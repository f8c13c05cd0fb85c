package dev.tasquencer.internal.lifecycle;

/** What happens to a work item's allocation; see {@link Lifecycles#ALLOCATION}. */
public enum AllocationEvent {
  /** The work item is offered when it is initialized (no allocation before). */
  OFFER,
  CLAIM,
  RELEASE,
  DELEGATE,
  /** A deadline re-offers it to other targets (docs/deadlines.md); a claim stays. */
  ESCALATE,
  /** The work item ended: its allocation is done. */
  CLOSE;

  /** The name used in messages and history ({@code "claim"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package dev.tasquencer.api.deadline;

import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.error.InvalidArgumentException;
import java.util.Objects;

/**
 * What an escalating deadline does to the work item's allocation: it is offered to the targets of
 * {@code offer} instead of its current ones (users, groups, scopes, agents; the supervisor scope
 * too when {@code offer} names one, otherwise the current one stays). A claim stays with its
 * claimant unless {@link #releasingClaim()} is asked for, so an item is escalated whether or not
 * somebody claimed it; the claimant may go on working it, and the new targets may claim it once it
 * is released.
 *
 * <p>It may also raise the item's queue priority ({@link #raisingPriority}), so that the new
 * targets find it near the top of their queues (docs/work-queues.md).
 *
 * @param offer the new targets
 * @param releasesClaim whether a claim is released first, so that the new targets can claim at once
 * @param priorityRaise how much the item's queue priority rises (0: it stays)
 */
public record Escalation(Offer offer, boolean releasesClaim, int priorityRaise) {
  public Escalation {
    Objects.requireNonNull(offer, "offer");
    if (priorityRaise < 0) {
      throw new InvalidArgumentException(
          "an escalation raises the priority by "
              + priorityRaise
              + "; give 0 or more (an escalation does not lower it)");
    }
  }

  /** Re-offers the item to the targets of {@code offer}; a claim stays. */
  public static Escalation to(Offer offer) {
    return new Escalation(offer, false, 0);
  }

  /** This escalation, releasing a claim first (on the engine's account, recorded as a release). */
  public Escalation releasingClaim() {
    return new Escalation(offer, true, priorityRaise);
  }

  /**
   * This escalation, raising the item's queue priority by {@code by} as well (capped at {@code
   * Integer.MAX_VALUE}); written in the firing transaction, like the new targets.
   */
  public Escalation raisingPriority(int by) {
    return new Escalation(offer, releasesClaim, by);
  }
}

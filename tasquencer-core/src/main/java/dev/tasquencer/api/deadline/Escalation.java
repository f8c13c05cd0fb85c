package dev.tasquencer.api.deadline;

import dev.tasquencer.api.allocation.Offer;
import java.util.Objects;

/**
 * What an escalating deadline does to the work item's allocation: it is offered to the targets of
 * {@code offer} instead of its current ones (users, groups, scopes, agents; the supervisor scope
 * too when {@code offer} names one, otherwise the current one stays). A claim stays with its
 * claimant unless {@link #releasingClaim()} is asked for, so an item is escalated whether or not
 * somebody claimed it; the claimant may go on working it, and the new targets may claim it once it
 * is released.
 *
 * @param offer the new targets
 * @param releasesClaim whether a claim is released first, so that the new targets can claim at once
 */
public record Escalation(Offer offer, boolean releasesClaim) {
  public Escalation {
    Objects.requireNonNull(offer, "offer");
  }

  /** Re-offers the item to the targets of {@code offer}; a claim stays. */
  public static Escalation to(Offer offer) {
    return new Escalation(offer, false);
  }

  /** This escalation, releasing a claim first (on the engine's account, recorded as a release). */
  public Escalation releasingClaim() {
    return new Escalation(offer, true);
  }
}

package dev.tasquencer.api.error;

import dev.tasquencer.api.Actor;
import java.util.UUID;

/**
 * A claim of a work item that another actor (or the same one) has claimed already. Nothing changed.
 */
public class WorkItemAlreadyClaimedException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  private final UUID workItemId;
  private final Actor claimant;

  public WorkItemAlreadyClaimedException(String element, UUID workItemId, Actor claimant) {
    super(
        element
            + " is already claimed by "
            + claimant
            + ": only one actor may claim it. Pick another work item, or ask "
            + claimant
            + " (or a supervisor) to release or delegate it");
    this.workItemId = workItemId;
    this.claimant = claimant;
  }

  public UUID workItemId() {
    return workItemId;
  }

  /** Who holds the claim. */
  public Actor claimant() {
    return claimant;
  }

  @Override
  public String code() {
    return "ALREADY_CLAIMED";
  }
}

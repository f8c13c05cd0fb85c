package dev.tasquencer.api.error;

import dev.tasquencer.api.Actor;
import org.jspecify.annotations.Nullable;

/**
 * A start, complete, fail, release or delegation of a claimed work item by an actor who is neither
 * its claimant nor a holder of its offer's override scope. Nothing changed (the refusal is recorded
 * as a failed attempt, like every refused call).
 */
public class NotClaimantException extends NotAuthorizedException {
  private static final long serialVersionUID = 1L;

  private final Actor claimant;

  /**
   * @param actor who asked, or null when the call named no actor
   * @param action what was asked ({@code complete}, {@code release})
   * @param element the work item, in words
   * @param claimant who holds the claim
   * @param supervisorScope the offer's override scope, or null when it has none
   */
  public NotClaimantException(
      @Nullable Actor actor,
      String action,
      String element,
      Actor claimant,
      @Nullable String supervisorScope) {
    super(
        (actor == null ? "a call without an actor" : actor.toString())
            + " may not "
            + action
            + " "
            + element
            + ": it is claimed by "
            + claimant
            + ", and only the claimant"
            + (supervisorScope == null ? "" : " or a holder of " + supervisorScope)
            + " may. Make the call as "
            + claimant
            + (supervisorScope == null ? "" : " or as a supervisor")
            + ", or have the claim released or delegated first",
        actor,
        action,
        element,
        "claimant only",
        "claimed by " + claimant);
    this.claimant = claimant;
  }

  /** Who holds the claim. */
  public Actor claimant() {
    return claimant;
  }

  @Override
  public String code() {
    return "NOT_CLAIMANT";
  }
}

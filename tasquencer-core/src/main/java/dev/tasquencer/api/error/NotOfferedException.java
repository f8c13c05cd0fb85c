package dev.tasquencer.api.error;

import dev.tasquencer.api.Actor;
import org.jspecify.annotations.Nullable;

/**
 * A claim (or a start, complete or fail that would claim) of a work item by an actor it is not
 * offered to, or a delegation to such an actor. Nothing changed (the refusal is recorded as a
 * failed attempt).
 */
public class NotOfferedException extends NotAuthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * @param actor who would claim the item (the delegate, for a delegation), or null when the call
   *     named no actor
   * @param action what was asked ({@code claim}, {@code start}, {@code delegate})
   * @param element the work item, in words
   * @param offer to whom it is offered, in words
   */
  public NotOfferedException(@Nullable Actor actor, String action, String element, String offer) {
    super(
        (actor == null
                ? action + " of " + element + " was called without an actor"
                : "cannot "
                    + action
                    + " "
                    + element
                    + " for "
                    + actor
                    + ": it is not offered to "
                    + actor)
            + "; it is offered to "
            + offer
            + ". Make the call as an actor it is offered to (engine.as(actor)), give "
            + (actor == null ? "the actor" : actor.toString())
            + " a membership or role that matches the offer (engine.identity()), or have a"
            + " supervisor delegate it",
        actor,
        action,
        element,
        "offered to " + offer,
        actor == null ? "no actor" : "not offered to " + actor);
  }

  @Override
  public String code() {
    return "NOT_OFFERED";
  }
}

package dev.tasquencer.api.error;

import dev.tasquencer.api.Actor;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An external call was refused by the policy of the action it asked for: it named no actor, or its
 * actor does not satisfy the policy. The call changed nothing (it is recorded as a failed attempt).
 * The message says which action of which element, which actor, which rule failed and how to fix it.
 */
public class NotAuthorizedException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Actor actor;
  private final String action;
  private final String element;
  private final String policy;
  private final String reason;

  /**
   * @param actor on whose behalf the call was made, or null when it named none
   * @param action the action refused ({@code complete})
   * @param element what it addresses, in words ({@code work item 'review' of task 'review' ...})
   * @param policy the action's policy as it reads in code
   * @param reason which rule failed and why
   */
  public NotAuthorizedException(
      @Nullable Actor actor, String action, String element, String policy, String reason) {
    super(message(actor, action, element, policy, reason));
    this.actor = actor;
    this.action = action;
    this.element = element;
    this.policy = policy;
    this.reason = reason;
  }

  /** For subclasses that say in their own words what was refused and how to fix it. */
  protected NotAuthorizedException(
      String message,
      @Nullable Actor actor,
      String action,
      String element,
      String policy,
      String reason) {
    super(message);
    this.actor = actor;
    this.action = action;
    this.element = element;
    this.policy = policy;
    this.reason = reason;
  }

  private static String message(
      @Nullable Actor actor, String action, String element, String policy, String reason) {
    if (actor == null) {
      return action
          + " of "
          + element
          + " was called without an actor, and its policy "
          + policy
          + " decides by the actor. Make the call through engine.as(actor), or through"
          + " engine.internal() when the application itself acts";
    }
    return actor
        + " may not "
        + action
        + " "
        + element
        + ": the policy "
        + policy
        + " denies it ("
        + reason
        + "). Give the actor a role that grants what the rule asks (engine.identity()), or make"
        + " the call as an actor who has one";
  }

  /** On whose behalf the refused call was made; empty when it named no actor. */
  public Optional<Actor> actor() {
    return Optional.ofNullable(actor);
  }

  /** The action refused ({@code complete}). */
  public String action() {
    return action;
  }

  /** What the action addressed, in words. */
  public String element() {
    return element;
  }

  /** The action's policy as it reads in code ({@code requireScope(expense:approve)}). */
  public String policy() {
    return policy;
  }

  /** Which rule failed and why ({@code lacks scope expense:approve}). */
  public String reason() {
    return reason;
  }

  @Override
  public String code() {
    return "NOT_AUTHORIZED";
  }
}

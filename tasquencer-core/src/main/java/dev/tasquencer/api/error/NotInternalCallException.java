package dev.tasquencer.api.error;

/**
 * A default action was called from outside. Default actions may only be driven by the engine itself
 * (activities, auto-triggers, jobs) or through {@code engine.internal()}; declaring only a payload
 * type for it keeps it a default action. To let outside callers perform the transition, give the
 * action a {@code Policy} (with or without a callback), or a custom action (one with a callback)
 * that authorizes the caller.
 */
public class NotInternalCallException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public NotInternalCallException(String action, String element) {
    super(
        action
            + " of "
            + element
            + " uses the default action, which only internal calls may use. Call it through"
            + " engine.internal(), or define a custom "
            + action
            + " action (one with a callback) that authorizes external callers, or give the action a"
            + " Policy that decides which outside actors may use it");
  }

  /** A refusal of another internal-only call, such as a message without a policy; says the fix. */
  public NotInternalCallException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "NOT_INTERNAL_CALL";
  }
}

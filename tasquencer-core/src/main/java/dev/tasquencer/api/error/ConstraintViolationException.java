package dev.tasquencer.api.error;

/**
 * User code or a caller broke a rule of the engine at run time: a router chose a flow that does
 * not exist, a work item asked for two automatic transitions at once, a child was created for a
 * task generation that is no longer active.
 */
public class ConstraintViolationException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public ConstraintViolationException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "CONSTRAINT_VIOLATION";
  }
}

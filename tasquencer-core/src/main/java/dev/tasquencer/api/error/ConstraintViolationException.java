package dev.tasquencer.api.error;

/**
 * User code or a caller addressed the right element in the wrong state or generation, or broke
 * another rule of the engine at run time: a child was created for a task generation that is no
 * longer active, a transition its state machine does not allow ({@link
 * InvalidStateTransitionException}), a router chose a flow the task does not have, a work item
 * asked for two automatic transitions at once.
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

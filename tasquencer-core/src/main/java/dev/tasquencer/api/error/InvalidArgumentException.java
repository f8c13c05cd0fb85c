package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/**
 * An argument of a call is wrong in itself, whatever the state of the workflows: a required id or
 * name is null, a number is out of range, or (as {@link PayloadValidationException}) a payload does
 * not fit its action. The call changed nothing; calling it again with the same arguments fails
 * again, so fix the call.
 */
public class InvalidArgumentException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  protected InvalidArgumentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "INVALID_ARGUMENT";
  }
}

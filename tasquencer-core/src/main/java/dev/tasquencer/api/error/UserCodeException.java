package dev.tasquencer.api.error;

/**
 * User code (an activity, action, policy or router) threw a checked exception. The call was rolled
 * back; the original exception is the cause. Unchecked exceptions are rethrown as they are.
 */
public class UserCodeException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public UserCodeException(String where, Throwable cause) {
    super(where + " threw " + cause, cause);
  }

  @Override
  public String code() {
    return "USER_CODE";
  }
}

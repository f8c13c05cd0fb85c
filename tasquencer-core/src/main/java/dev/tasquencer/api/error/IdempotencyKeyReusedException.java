package dev.tasquencer.api.error;

/**
 * An idempotency key was given again for a different call: another command, other arguments or
 * another actor than the call that first used it (docs/idempotency.md). Nothing ran; the stored
 * outcome of the first call stays as it is. Use a new key for a new request.
 */
public class IdempotencyKeyReusedException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public IdempotencyKeyReusedException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The key that was reused. */
  public String key() {
    return key;
  }

  @Override
  public String code() {
    return "IDEMPOTENCY_KEY_REUSED";
  }
}

package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A payload given to an action does not fit the action's payload type: it is missing, a field is
 * missing or has the wrong JSON type, a record's constructor rejected the values (the constructor's
 * exception is the {@linkplain #getCause() cause}), or a string holds text that not every supported
 * database can store. {@link #field()} names the offending field.
 */
public class PayloadValidationException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;
  private final String element;
  private final String action;
  private final String field;
  private final String reason;

  public PayloadValidationException(String element, String action, String field, String reason) {
    this(element, action, field, reason, null);
  }

  /** The same, caused by {@code cause} (for example the exception a record constructor threw). */
  public PayloadValidationException(
      String element, String action, String field, String reason, @Nullable Throwable cause) {
    super(
        "invalid payload for "
            + action
            + " of "
            + element
            + (field == null || field.isEmpty() ? "" : ": field '" + field + "'")
            + ": "
            + reason,
        cause);
    this.element = element;
    this.action = action;
    this.field = field;
    this.reason = reason;
  }

  public String element() {
    return element;
  }

  public String action() {
    return action;
  }

  /** The offending field (a dotted path), or empty when the payload as a whole is wrong. */
  public String field() {
    return field == null ? "" : field;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String code() {
    return "PAYLOAD_VALIDATION";
  }
}

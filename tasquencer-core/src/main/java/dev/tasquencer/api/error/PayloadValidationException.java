package dev.tasquencer.api.error;

/** A payload given to an action does not fit the action's payload type. */
public class PayloadValidationException extends TasquencerException {
  private static final long serialVersionUID = 1L;
  private final String element;
  private final String action;
  private final String field;
  private final String reason;

  public PayloadValidationException(String element, String action, String field, String reason) {
    super(
        "invalid payload for "
            + action
            + " of "
            + element
            + (field == null || field.isEmpty() ? "" : ": field '" + field + "'")
            + ": "
            + reason);
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

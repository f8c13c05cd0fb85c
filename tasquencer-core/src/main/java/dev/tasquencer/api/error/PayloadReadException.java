package dev.tasquencer.api.error;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored payload does not fit the class it was asked to be read as ({@code
 * WorkItemSnapshot.payload(Class)} and the like). The message names the element, which of its
 * payloads, the class and why; {@link #field()} the offending field, when one is to blame. Reading
 * changes nothing.
 */
public class PayloadReadException extends TasquencerException {
  private static final long serialVersionUID = 1L;
  private final String element;
  private final UUID elementId;
  private final String payload;
  private final String type;
  private final String field;
  private final String reason;

  /**
   * @param element what holds the payload, such as {@code work item}
   * @param elementId its id
   * @param payload which of its payloads, such as {@code payload} or {@code result payload}
   * @param type the class it was to be read as
   * @param field the offending field as a dotted path, or empty
   * @param reason why it does not fit
   */
  public PayloadReadException(
      String element,
      UUID elementId,
      String payload,
      Class<?> type,
      String field,
      String reason,
      @Nullable Throwable cause) {
    super(
        "cannot read the "
            + payload
            + " of "
            + element
            + " "
            + elementId
            + " as "
            + type.getName()
            + (field.isEmpty() ? "" : ": field '" + field + "'")
            + ": "
            + reason,
        cause);
    this.element = element;
    this.elementId = elementId;
    this.payload = payload;
    this.type = type.getName();
    this.field = field;
    this.reason = reason;
  }

  /** What holds the payload, such as {@code work item} or {@code workflow}. */
  public String element() {
    return element;
  }

  public UUID elementId() {
    return elementId;
  }

  /** Which payload: {@code payload} (the initialize payload) or {@code result payload}. */
  public String payload() {
    return payload;
  }

  /** The name of the class the payload was to be read as. */
  public String type() {
    return type;
  }

  /** The offending field (a dotted path), or empty when the payload as a whole does not fit. */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String code() {
    return "PAYLOAD_READ";
  }
}

package dev.tasquencer.api.error;

/**
 * {@code correlate(message, key, payload)} found no work item waiting for the message under the
 * key, and the message is not bufferable (docs/messages.md). The call changed nothing. A "not
 * found": the key names no receiver.
 */
public class NoMessageReceiverException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  private final String message;
  private final String correlationKey;

  public NoMessageReceiverException(String message, String correlationKey, String hint) {
    super("receiver of message '" + message + "'", "key '" + correlationKey + "'", hint);
    this.message = message;
    this.correlationKey = correlationKey;
  }

  /** The message's name. */
  public String messageName() {
    return message;
  }

  /** The correlation key no work item waited under. */
  public String correlationKey() {
    return correlationKey;
  }

  @Override
  public String code() {
    return "NO_MESSAGE_RECEIVER";
  }
}

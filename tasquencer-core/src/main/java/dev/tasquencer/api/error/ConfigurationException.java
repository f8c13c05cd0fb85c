package dev.tasquencer.api.error;

/** The engine or a definition is configured wrongly. */
public class ConfigurationException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "CONFIGURATION_ERROR";
  }
}

package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/** The engine or a definition is configured wrongly. */
public class ConfigurationException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "CONFIGURATION_ERROR";
  }
}

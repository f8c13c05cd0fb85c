package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/** A SQL statement failed. The call is rolled back. */
public class DataAccessException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public DataAccessException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "DATA_ACCESS";
  }
}

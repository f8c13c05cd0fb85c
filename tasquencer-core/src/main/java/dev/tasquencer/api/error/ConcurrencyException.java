package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/**
 * The call kept conflicting with concurrent calls (serialization failures or deadlocks) and was
 * given up after the configured number of attempts. Nothing of it was committed; retrying later is
 * safe.
 */
public class ConcurrencyException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public ConcurrencyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "CONCURRENCY_CONFLICT";
  }
}

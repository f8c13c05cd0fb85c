package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every error the engine raises. Each one rolls back the engine call that raised it: the
 * engine's and the domain's writes of that call are undone together.
 */
public abstract class TasquencerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected TasquencerException(String message) {
    super(message);
  }

  protected TasquencerException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** A stable machine-readable code, such as {@code ENTITY_NOT_FOUND}. */
  public abstract String code();
}

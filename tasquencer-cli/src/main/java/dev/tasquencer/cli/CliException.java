package dev.tasquencer.cli;

/** An error the user can act on; printed as its message alone, exit code 1. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  /** With the failure behind it, whose stack trace {@code --verbose} prints. */
  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}

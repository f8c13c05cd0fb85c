package dev.tasquencer.cli;

/** An error the user can act on; printed as its message alone, exit code 1. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}

package dev.tasquencer.cli;

/** Turns exceptions into one readable line. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof CliException) {
      return String.valueOf(e.getMessage());
    }
    StringBuilder sb = new StringBuilder(message(e));
    Throwable seen = e;
    for (Throwable c = e.getCause(); c != null && c != seen; seen = c, c = c.getCause()) {
      String m = message(c);
      if (!sb.toString().contains(m)) {
        sb.append(" (caused by ").append(m).append(')');
      }
    }
    return sb.toString();
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The innermost message of a chain. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return message(root);
  }
}

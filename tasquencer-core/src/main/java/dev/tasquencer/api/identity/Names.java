package dev.tasquencer.api.identity;

import java.util.regex.Pattern;

/** The rules for names of scopes, modules, roles and groups, and for user ids. */
final class Names {
  /** The longest role or group name (its column's size). */
  static final int MAX_NAME = 100;

  /** The longest description of a role or group (its column's size). */
  static final int MAX_DESCRIPTION = 1000;

  /** The longest user id (the size of its columns, the same as an actor id's). */
  static final int MAX_USER_ID = 200;

  /** The longest full scope name (its column's size). */
  static final int MAX_SCOPE = 200;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

  private Names() {}

  /** Checks one segment of a scope name (a module's or a scope's own name). */
  static String segment(String what, String name) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "' is not a valid name: use 1 to 50 letters, digits, '_', '-' or '.'"
              + " (':' separates modules and '*' is the wildcard, so neither may appear in a"
              + " name)");
    }
    return name;
  }

  /** Checks a description: not null, at most {@value #MAX_DESCRIPTION} characters. */
  static String description(String what, String description) {
    if (description == null) {
      throw new IllegalArgumentException(what + ": description must not be null (may be empty)");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          what
              + ": a description may have at most "
              + MAX_DESCRIPTION
              + " characters, was "
              + description.length());
    }
    return description;
  }
}

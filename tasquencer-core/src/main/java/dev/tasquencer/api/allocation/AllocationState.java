package dev.tasquencer.api.allocation;

import java.util.Locale;

/**
 * The allocation state of an offered work item, apart from its engine state: offered to its
 * targets, claimed by one actor, or done (the work item ended). A release leads back to {@link
 * #OFFERED}, a delegation keeps it {@link #CLAIMED} by someone else.
 */
public enum AllocationState {
  OFFERED,
  CLAIMED,
  DONE;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** Whether no further allocation event is possible. */
  public boolean isFinal() {
    return this == DONE;
  }

  /** The lower-case name used in storage and JSON ({@code "claimed"}). */
  public String id() {
    return id;
  }

  /** The state of a lower-case name ({@code "claimed"}). */
  public static AllocationState of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}

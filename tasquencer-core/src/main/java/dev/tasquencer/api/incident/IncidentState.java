package dev.tasquencer.api.incident;

import java.util.Locale;

/** Whether an incident still waits for an operator. */
public enum IncidentState {
  OPEN,
  RESOLVED;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in storage ({@code "open"}). */
  public String id() {
    return id;
  }

  /** The state of a lower-case name. */
  public static IncidentState of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}

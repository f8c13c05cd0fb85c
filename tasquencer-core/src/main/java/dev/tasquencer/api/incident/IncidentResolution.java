package dev.tasquencer.api.incident;

import java.util.Locale;

/** How a resolved incident was resolved. */
public enum IncidentResolution {
  /** An operator retried the job and it then succeeded. */
  RETRIED,
  /** An operator completed the owning work item. */
  COMPLETED,
  /** An operator failed the owning work item. */
  FAILED,
  /** An operator canceled the owning work item (or workflow). */
  CANCELED,
  /** The owner ended by other means (completion, failure, cancellation, teardown). */
  OWNER_ENDED;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in storage and history ({@code "owner_ended"}). */
  public String id() {
    return id;
  }

  /** The resolution of a lower-case name. */
  public static IncidentResolution of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}

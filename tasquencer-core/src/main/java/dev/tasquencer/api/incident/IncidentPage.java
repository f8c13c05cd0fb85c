package dev.tasquencer.api.incident;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A page of {@link Incidents#list}: the incidents after {@code afterId} (ids grow with the time an
 * incident was opened), at most {@code size} of them.
 *
 * @param afterId the last incident of the page before, or null for the first page
 * @param size how many incidents at most, 1 to {@link #MAX_SIZE}
 */
public record IncidentPage(@Nullable UUID afterId, int size) {
  /** The largest page. */
  public static final int MAX_SIZE = 10_000;

  /** The first page of {@code size} incidents. */
  public static IncidentPage first(int size) {
    return new IncidentPage(null, size);
  }
}

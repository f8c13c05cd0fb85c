package dev.tasquencer.api.incident;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of incidents, oldest first, and whether more follow.
 *
 * @param incidents the incidents of the page
 * @param hasMore whether incidents follow the page
 * @param next the page after this one (keyset: after its last incident), or null when none follows
 */
public record IncidentList(List<Incident> incidents, boolean hasMore, @Nullable IncidentPage next) {
  public IncidentList {
    incidents = List.copyOf(incidents);
  }
}

package dev.tasquencer.api.error;

import java.util.UUID;

/** No incident has this id. */
public class IncidentNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public IncidentNotFoundException(UUID id) {
    super(
        "incident",
        id,
        "Check the id returned by incidents().list (a purged workflow's incidents are deleted"
            + " with it)");
  }
}

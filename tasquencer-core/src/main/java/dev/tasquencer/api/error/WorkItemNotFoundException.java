package dev.tasquencer.api.error;

import java.util.UUID;

/** No work item has this id. */
public class WorkItemNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public WorkItemNotFoundException(UUID id) {
    super("work item", id, "Check the id returned by initializeWorkItem or a work item query");
  }
}

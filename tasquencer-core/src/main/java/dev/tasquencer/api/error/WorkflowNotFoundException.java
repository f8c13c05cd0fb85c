package dev.tasquencer.api.error;

import java.util.UUID;

/** No workflow instance has this id. */
public class WorkflowNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public WorkflowNotFoundException(UUID id) {
    super("workflow", id, "Check the id returned by initializeRootWorkflow or initializeWorkflow");
  }
}

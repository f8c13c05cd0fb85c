package dev.tasquencer.api.error;

import java.util.List;

/** A composite task has no child workflow type of this name. */
public class ChildWorkflowTypeNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public ChildWorkflowTypeNotFoundException(
      String workflowName, String taskName, String type, List<String> types) {
    super(
        "child workflow type",
        workflowName + "/" + taskName + "/" + type,
        "Task '"
            + taskName
            + "' of workflow '"
            + workflowName
            + "' has no child workflow type '"
            + type
            + "'; name one of "
            + types);
  }
}

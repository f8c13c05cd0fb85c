package dev.tasquencer.api.error;

/** The workflow has no task of this name. */
public class TaskNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public TaskNotFoundException(String workflowName, String taskName, String hint) {
    super("task", workflowName + "/" + taskName, hint);
  }
}

package dev.tasquencer.api.error;

/** {@code resumeWorkflow} on a root whose tree is not suspended; nothing changed. */
public class WorkflowNotSuspendedException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  public WorkflowNotSuspendedException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "WORKFLOW_NOT_SUSPENDED";
  }
}

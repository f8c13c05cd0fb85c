package dev.tasquencer.api.error;

import java.util.UUID;

/**
 * The tree the call addressed is suspended (docs/suspend.md): external commands on any of its
 * elements are refused until {@code resumeWorkflow(rootId)}, and so is a second suspend. The call
 * changed nothing.
 */
public class WorkflowSuspendedException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  private final UUID rootId;

  public WorkflowSuspendedException(UUID rootId, String message) {
    super(message);
    this.rootId = rootId;
  }

  /** The suspended root workflow. */
  public UUID rootId() {
    return rootId;
  }

  @Override
  public String code() {
    return "WORKFLOW_SUSPENDED";
  }
}

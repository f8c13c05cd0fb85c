package dev.tasquencer.api.error;

import java.util.UUID;

/**
 * A call that acts on a whole tree (suspend, resume) was given a child workflow's id; the message
 * and {@link #rootId()} name the root to use instead. Nothing changed.
 */
public class WorkflowNotRootException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  private final UUID rootId;

  public WorkflowNotRootException(UUID rootId, String message) {
    super(message);
    this.rootId = rootId;
  }

  /** The root of the tree the given child belongs to. */
  public UUID rootId() {
    return rootId;
  }

  @Override
  public String code() {
    return "WORKFLOW_NOT_ROOT";
  }
}

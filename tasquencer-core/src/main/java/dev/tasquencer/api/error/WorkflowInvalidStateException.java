package dev.tasquencer.api.error;

import dev.tasquencer.api.WorkflowState;
import java.util.Collection;

/** A workflow transition that its state machine does not allow. */
public class WorkflowInvalidStateException extends InvalidStateTransitionException {
  private static final long serialVersionUID = 1L;

  public WorkflowInvalidStateException(
      String element, WorkflowState current, String attempted, Collection<WorkflowState> allowed) {
    super("workflow", element, current, attempted, allowed);
  }
}

package dev.tasquencer.api.error;

import dev.tasquencer.api.WorkItemState;
import java.util.Collection;

/** A work item transition that its state machine does not allow. */
public class WorkItemInvalidStateException extends InvalidStateTransitionException {
  private static final long serialVersionUID = 1L;

  public WorkItemInvalidStateException(
      String element, WorkItemState current, String attempted, Collection<WorkItemState> allowed) {
    super("work item", element, current, attempted, allowed);
  }
}

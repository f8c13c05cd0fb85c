package dev.tasquencer.api.error;

import dev.tasquencer.api.TaskState;
import java.util.Collection;

/** A task transition that its state machine does not allow. */
public class TaskInvalidStateException extends InvalidStateTransitionException {
  private static final long serialVersionUID = 1L;

  public TaskInvalidStateException(
      String element, TaskState current, String attempted, Collection<TaskState> allowed) {
    super("task", element, current, attempted, allowed);
  }
}

package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkItemState;
import java.util.UUID;

/** The work item transition being reported to its task. */
public interface WorkItemEvent extends WorkItems {
  UUID id();

  WorkItemState prevState();

  WorkItemState nextState();
}

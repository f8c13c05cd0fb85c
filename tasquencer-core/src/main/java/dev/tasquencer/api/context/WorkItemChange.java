package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkItemState;
import java.util.UUID;

/**
 * The work items of a task generation, seen from the transition of one of them that is being
 * reported to the task ({@code onWorkItemStateChanged}, the task's policy).
 */
public interface WorkItemChange extends WorkItemIds {

  /** The id of the work item whose transition is being reported. */
  UUID id();

  WorkItemState prevState();

  WorkItemState nextState();

  /**
   * The work item whose transition is being reported, with its payloads. The engine has already
   * loaded it: reading it costs no query.
   */
  WorkItemView changed();
}

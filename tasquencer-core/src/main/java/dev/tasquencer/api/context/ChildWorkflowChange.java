package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkflowState;
import java.util.UUID;

/**
 * The child workflows of a composite task generation, seen from the transition of one of them that
 * is being reported to the task ({@code onWorkflowStateChanged}, the task's policy).
 */
public interface ChildWorkflowChange extends ChildWorkflowIds {

  /** The id of the child workflow whose transition is being reported. */
  UUID id();

  /** That child's type name. */
  String name();

  WorkflowState prevState();

  WorkflowState nextState();

  /**
   * The child workflow whose transition is being reported, with its payload. The engine has already
   * loaded it: reading it costs no query.
   */
  ChildWorkflowView changed();
}

package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkflowState;
import java.util.UUID;

/** The child workflow transition being reported to its composite task. */
public interface ChildWorkflowEvent extends ChildWorkflows {
  UUID id();

  /** The child workflow's type name. */
  String name();

  WorkflowState prevState();

  WorkflowState nextState();
}

package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkflowState;
import java.util.UUID;

/**
 * A child workflow of the composite task generation in context, as the task's activities, policy
 * and router read it: its type, its state and its initialize payload ({@link #payload}). The view
 * follows the child through the engine call, as {@link WorkItemView} does.
 */
public interface ChildWorkflowView extends Payloads {
  UUID id();

  /** The child workflow's type name (a dynamic composite task has several). */
  String name();

  WorkflowState state();
}

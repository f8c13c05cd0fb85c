package dev.tasquencer.api.context;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Transition;
import dev.tasquencer.api.WorkflowState;

/** What a composite task's policy sees when one of its child workflows reached a final state. */
public interface CompositeTaskPolicyContext extends AfterCommit {
  Db db();

  TaskParent parent();

  /** The task generation the child belongs to, with its counters of child workflows. */
  TaskInfo task();

  /**
   * The child workflows of the generation, and the one whose transition called the policy ({@link
   * ChildWorkflowChange#changed()}, with its state and payload, at no cost).
   */
  ChildWorkflowChange workflow();

  /** The child workflow's transition; the counters already include it. */
  Transition<WorkflowState> transition();
}

package dev.tasquencer.api.context;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Transition;
import dev.tasquencer.api.WorkItemState;

/** What a task policy sees when one of its work items reached a final state. */
public interface TaskPolicyContext extends AfterCommit {
  Db db();

  TaskParent parent();

  /** The task generation the transition belongs to, with its counters. */
  TaskInfo task();

  /**
   * The work items of the generation, and the one whose transition called the policy ({@link
   * WorkItemChange#changed()}, with its state and payloads, at no cost).
   */
  WorkItemChange workItem();

  /** The work item transition; the counters already include it. */
  Transition<WorkItemState> transition();
}

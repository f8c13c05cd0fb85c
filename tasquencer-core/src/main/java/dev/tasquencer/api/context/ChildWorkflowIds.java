package dev.tasquencer.api.context;

import java.util.List;
import java.util.UUID;

/** The child workflows of the composite task generation in context. */
public interface ChildWorkflowIds {

  /** Ids of every child workflow of the generation, of every type, in all states, oldest first. */
  List<UUID> getAllWorkflowIds();

  /**
   * Ids of the child workflows of one type (a dynamic composite task has several); a type the task
   * does not have raises {@link dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException}.
   */
  List<UUID> getAllWorkflowIds(String workflowName);

  /** The child workflow types of the task: one for a composite task, several for a dynamic one. */
  List<String> names();
}

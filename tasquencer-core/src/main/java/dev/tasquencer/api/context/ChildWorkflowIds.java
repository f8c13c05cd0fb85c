package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkflowState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The child workflows of the composite task generation in context. Their number and states are in
 * {@code ctx.task().getStats()} at no cost; reading the children themselves costs a query, so it
 * happens only when asked: {@link #get} reads one, {@link #stream} reads them page by page.
 */
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

  /**
   * The child workflow of this generation with this id: no query when the call has already loaded
   * it, one read by primary key otherwise. Empty when there is no such child in this generation.
   */
  Optional<ChildWorkflowView> get(UUID id);

  /**
   * The child workflows of the generation, of every type, in the given states (in every state when
   * none is given), oldest first; lazy and read page by page as {@link WorkItemIds#stream}.
   */
  Stream<ChildWorkflowView> stream(WorkflowState... states);
}

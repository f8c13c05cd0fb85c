package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkItemState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The work items of the task generation in context. Their number and states are in {@code
 * ctx.task().getStats()} at no cost; reading the work items themselves costs a query, so it happens
 * only when asked: {@link #get} reads one, {@link #stream} reads them page by page.
 */
public interface WorkItemIds {

  /** Ids of every work item of the generation, in all states, oldest first (one query). */
  List<UUID> getAllWorkItemIds();

  /** The static path of the work item definition. */
  List<String> path();

  /**
   * The work item of this generation with this id: no query when the call has already loaded it,
   * one read by primary key otherwise. Empty when there is no such work item in this generation.
   */
  Optional<WorkItemView> get(UUID id);

  /**
   * The work items of the generation in the given states (in every state when none is given),
   * oldest first. The stream is lazy: it reads one page of work items (one query) each time it
   * needs more, so an operation that stops early ({@code anyMatch}, {@code limit}, {@code
   * findFirst}) reads only the pages it looks at. Consume it while the hook, policy or router runs.
   */
  Stream<WorkItemView> stream(WorkItemState... states);
}

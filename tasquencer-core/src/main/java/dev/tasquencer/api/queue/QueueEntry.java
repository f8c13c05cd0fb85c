package dev.tasquencer.api.queue;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.AllocationState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One work item in a queue: what an inbox shows of it.
 *
 * @param workItemId the work item (claim, start, complete it by this id)
 * @param rootId the root workflow of its tree
 * @param workflowId its workflow instance
 * @param workflow the name of its workflow definition
 * @param version the version of its workflow definition
 * @param task its task
 * @param state offered (in an available queue) or claimed (in a queue of claimed items)
 * @param priority higher first
 * @param dueAt when it is due; null when it has no due date
 * @param attributes its business attributes
 * @param offeredAt when it was offered (its age)
 * @param claimant who claimed it; null while it is offered
 * @param claimedAt when it was claimed; null while it is offered
 */
public record QueueEntry(
    UUID workItemId,
    UUID rootId,
    UUID workflowId,
    String workflow,
    String version,
    String task,
    AllocationState state,
    int priority,
    @Nullable Instant dueAt,
    Map<String, String> attributes,
    Instant offeredAt,
    @Nullable Actor claimant,
    @Nullable Instant claimedAt) {

  public QueueEntry {
    attributes = Map.copyOf(attributes);
  }
}

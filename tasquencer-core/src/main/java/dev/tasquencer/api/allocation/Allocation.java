package dev.tasquencer.api.allocation;

import dev.tasquencer.api.Actor;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The allocation of an offered work item as it is stored: to whom it is offered, its state and who
 * claimed it.
 *
 * @param workItemId the work item
 * @param rootId the root workflow of its tree
 * @param workflowId its workflow instance
 * @param task its task
 * @param state offered, claimed or done
 * @param offer to whom it is offered (with the override scope and the reset rule)
 * @param claimant who claimed it (the last claimant, for a done allocation); null when nobody has
 * @param claimedAt when that claim (or delegation) was made; null when nobody has claimed it
 * @param offeredAt when the work item was offered
 * @param updatedAt when the allocation last changed
 */
public record Allocation(
    UUID workItemId,
    UUID rootId,
    UUID workflowId,
    String task,
    AllocationState state,
    Offer offer,
    @Nullable Actor claimant,
    @Nullable Instant claimedAt,
    Instant offeredAt,
    Instant updatedAt) {

  /** The claimant, while the work item is claimed (or the last one, once done). */
  public Optional<Actor> claimedBy() {
    return Optional.ofNullable(claimant);
  }
}

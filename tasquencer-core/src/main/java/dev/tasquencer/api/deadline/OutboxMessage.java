package dev.tasquencer.api.deadline;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A row of the engine's outbox ({@code tq_outbox}): written by a notifying deadline in the
 * transaction in which it fired, for the application to deliver (a mail, a chat message).
 *
 * @param id the message's id, for {@link Outbox#markDelivered}
 * @param rootId the root workflow of the work item's tree
 * @param workItemId the work item whose deadline passed
 * @param kind what the deadline's declaration named ({@code notify("review.overdue")})
 * @param payload JSON that describes the item and the deadline (see {@code docs/deadlines.md})
 * @param createdAt when the deadline fired (the engine's clock)
 * @param deliveredAt when the application marked it delivered; null while pending
 */
public record OutboxMessage(
    UUID id,
    UUID rootId,
    UUID workItemId,
    String kind,
    String payload,
    Instant createdAt,
    @Nullable Instant deliveredAt) {
  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(workItemId, "workItemId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

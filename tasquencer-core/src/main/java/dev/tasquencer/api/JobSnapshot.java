package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A durable job as stored. Its {@code payloadJson}, as the engine's queries return it, is canonical
 * JSON (object keys sorted, no whitespace), the same text on every database.
 *
 * @param ownerKind what owns the job; null for unowned jobs
 * @param ownerId the owning workflow (also for task owners) or work item
 * @param ownerTask the owning task's name, for task owners
 * @param traceContext the W3C {@code traceparent} of the command that registered the job: its run
 *     continues that trace. Null when the command ran outside any trace
 */
public record JobSnapshot(
    UUID id,
    UUID rootId,
    @Nullable JobOwnerKind ownerKind,
    @Nullable UUID ownerId,
    @Nullable String ownerTask,
    @Nullable Integer ownerGeneration,
    String handler,
    @Nullable String payloadJson,
    Instant runAt,
    JobState state,
    int attempts,
    int maxAttempts,
    @Nullable String lastError,
    @Nullable String lockedBy,
    @Nullable Instant lockedUntil,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String traceContext) {

  /** This snapshot with another payload (JSON text, or null). */
  public JobSnapshot withPayloadJson(@Nullable String json) {
    return new JobSnapshot(
        id,
        rootId,
        ownerKind,
        ownerId,
        ownerTask,
        ownerGeneration,
        handler,
        json,
        runAt,
        state,
        attempts,
        maxAttempts,
        lastError,
        lockedBy,
        lockedUntil,
        createdAt,
        updatedAt,
        traceContext);
  }
}

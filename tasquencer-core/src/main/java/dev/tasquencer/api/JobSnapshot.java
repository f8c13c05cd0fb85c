package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A durable job as stored.
 *
 * @param ownerKind what owns the job; null for unowned jobs
 * @param ownerId the owning workflow (also for task owners) or work item
 * @param ownerTask the owning task's name, for task owners
 */
public record JobSnapshot(
    UUID id,
    UUID rootId,
    JobOwnerKind ownerKind,
    UUID ownerId,
    String ownerTask,
    Integer ownerGeneration,
    String handler,
    String payloadJson,
    Instant runAt,
    JobState state,
    int attempts,
    int maxAttempts,
    String lastError,
    String lockedBy,
    Instant lockedUntil,
    Instant createdAt,
    Instant updatedAt) {}

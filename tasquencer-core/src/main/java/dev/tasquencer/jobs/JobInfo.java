package dev.tasquencer.jobs;

import dev.tasquencer.api.JobOwnerKind;
import java.util.UUID;

/**
 * The job a handler is running.
 *
 * @param attempt 1 for the first run, +1 for every retry
 * @param ownerKind what owns the job, or null
 */
public record JobInfo(
    UUID id,
    String handler,
    int attempt,
    int maxAttempts,
    JobOwnerKind ownerKind,
    UUID ownerId,
    String ownerTask,
    Integer ownerGeneration) {}

package dev.tasquencer.jobs;

import dev.tasquencer.api.JobOwnerKind;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
    @Nullable JobOwnerKind ownerKind,
    @Nullable UUID ownerId,
    @Nullable String ownerTask,
    @Nullable Integer ownerGeneration) {}

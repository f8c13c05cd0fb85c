package dev.tasquencer.jobs;

import java.util.UUID;

/**
 * The job a handler is running.
 *
 * @param attempt 1 for the first run, +1 for every retry
 * @param ownerKind {@code workflow}, {@code task}, {@code work_item}, or null
 */
public record JobInfo(
    UUID id,
    String handler,
    int attempt,
    int maxAttempts,
    String ownerKind,
    UUID ownerId,
    String ownerTask,
    Integer ownerGeneration) {}

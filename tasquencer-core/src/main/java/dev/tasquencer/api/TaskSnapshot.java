package dev.tasquencer.api;

import java.util.UUID;

/** A task of a workflow instance: its current state and generation (0 before it was enabled). */
public record TaskSnapshot(UUID workflowId, String name, TaskState state, int generation) {}

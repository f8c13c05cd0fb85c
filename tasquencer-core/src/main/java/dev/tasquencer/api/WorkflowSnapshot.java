package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A workflow instance as stored.
 *
 * @param definitionName name of the root definition the instance tree was created from
 * @param definitionVersion its version
 * @param name this workflow's own name (differs from {@code definitionName} for child workflows)
 * @param payloadJson the initialize payload as JSON, or null
 */
public record WorkflowSnapshot(
    UUID id,
    UUID rootId,
    @Nullable UUID parentWorkflowId,
    @Nullable String parentTaskName,
    @Nullable Integer parentTaskGeneration,
    String definitionName,
    String definitionVersion,
    String name,
    WorkflowState state,
    @Nullable String payloadJson,
    Instant createdAt,
    Instant updatedAt) {}

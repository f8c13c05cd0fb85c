package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A work item as stored. {@code payloadJson} is its initialize payload; {@code resultPayloadJson}
 * the payload of the complete, fail or cancel call that ended it. Either may be null.
 */
public record WorkItemSnapshot(
    UUID id,
    UUID rootId,
    UUID workflowId,
    String taskName,
    int taskGeneration,
    String name,
    WorkItemState state,
    @Nullable String payloadJson,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String resultPayloadJson) {}

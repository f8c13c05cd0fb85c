package dev.tasquencer.api.incident;

import dev.tasquencer.api.JobOwnerKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job that exhausted its attempts, on its owner, until an operator or the owner's end resolves
 * it.
 *
 * @param id the incident's id
 * @param rootId the root workflow of the owner's tree
 * @param workflowId the workflow the owner is or belongs to
 * @param workflowName the name of that workflow's definition
 * @param ownerKind what owns the job: a workflow, a task generation or a work item
 * @param ownerId the owner: the workflow (for a workflow or task generation) or the work item
 * @param ownerTask the task, for a task generation owner
 * @param ownerGeneration the generation, for a task generation owner
 * @param jobId the dead job
 * @param handler the job's handler name
 * @param errorType the class of the last error
 * @param errorMessage the last error's message, causes and the top of its stack
 * @param attempts the attempts the job made
 * @param payloadJson the job's payload as JSON, or null
 * @param openedAt when the job was parked as dead
 * @param state open or resolved
 * @param resolution how it was resolved, or null while open
 * @param resolvedBy the actor who resolved it ({@code "user:alice"}), or null
 * @param resolvedAt when it was resolved, or null
 */
public record Incident(
    UUID id,
    UUID rootId,
    UUID workflowId,
    String workflowName,
    JobOwnerKind ownerKind,
    UUID ownerId,
    @Nullable String ownerTask,
    @Nullable Integer ownerGeneration,
    UUID jobId,
    String handler,
    String errorType,
    @Nullable String errorMessage,
    int attempts,
    @Nullable String payloadJson,
    Instant openedAt,
    IncidentState state,
    @Nullable IncidentResolution resolution,
    @Nullable String resolvedBy,
    @Nullable Instant resolvedAt) {}

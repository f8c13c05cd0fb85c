package dev.tasquencer.examples.er;

import dev.tasquencer.api.WorkItemState;
import java.util.UUID;

/**
 * A work item waiting for staff, found by walking a journey's workflow tree.
 *
 * @param workflowName the workflow it belongs to (the root or a child workflow type)
 */
public record OpenWorkItem(
    UUID id, String name, String task, UUID workflowId, String workflowName, WorkItemState state) {}

package dev.tasquencer.examples.er;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.AllocationState;
import java.util.UUID;

/**
 * A work item waiting for staff, as a member found it in a work queue ({@code engine.queues()}).
 *
 * @param name the work item (the step), like {@code triagePatient}
 * @param task the task it belongs to
 * @param workflowName the workflow it belongs to (the root or a child workflow type)
 * @param state offered (available to claim) or claimed (by {@code staff})
 * @param staff the member of staff who found it and does it
 */
public record OpenWorkItem(
    UUID id,
    String name,
    String task,
    UUID workflowId,
    String workflowName,
    AllocationState state,
    Actor staff) {}

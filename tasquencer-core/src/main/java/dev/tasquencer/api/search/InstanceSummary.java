package dev.tasquencer.api.search;

import dev.tasquencer.api.WorkflowState;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One root workflow instance as a search lists it: the columns of its {@code tq_workflow} row that
 * tell an operator what it is and whether it needs attention. Read the rest with {@code
 * queries().workflow(id)} and {@code queries().state(id)}.
 *
 * @param id the root workflow's id
 * @param workflow its definition name
 * @param version its definition version
 * @param state its state
 * @param businessKey the business key given when it was initialized; null when none was
 * @param createdAt when it was initialized (engine clock)
 * @param updatedAt when its state last changed (engine clock)
 * @param lastCallAt when the last committed engine call on its tree ran (engine clock): a command,
 *     a job run, an operator call (what {@link InstanceFilter#stuckFor()} compares)
 * @param suspended whether its tree is suspended ({@code docs/suspend.md})
 * @param openIncidents how many incidents of its tree are open ({@code docs/incidents.md})
 */
public record InstanceSummary(
    UUID id,
    String workflow,
    String version,
    WorkflowState state,
    @Nullable String businessKey,
    Instant createdAt,
    Instant updatedAt,
    Instant lastCallAt,
    boolean suspended,
    int openIncidents) {}

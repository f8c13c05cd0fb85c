package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An engine call that was rolled back by an exception, recorded after the rollback in a small
 * transaction of its own (nothing else of the call remains): what was asked, of which element, by
 * whom, and what went wrong. Read them with {@link WorkflowQueries#failedAttempts}.
 *
 * @param id the record's id
 * @param commandId the id the call's history events would have carried
 * @param command the call ({@code "completeWorkItem"}, {@code "job"}, ...)
 * @param at the engine clock's time when the call began
 * @param origin who made the call
 * @param actor on whose behalf, or null
 * @param rootId the root of the tree the call acted on; null when the call failed before it found
 *     one (an unknown id, a root workflow that could not be created)
 * @param workflowId the workflow the call addressed, or null
 * @param workItemId the work item the call addressed, or null
 * @param target what the call addressed, in words ({@code "work item 0190..."}, {@code "workflow
 *     definition billing"})
 * @param errorType the exception's class name
 * @param errorCode the engine's error code for engine exceptions ({@code
 *     "INVALID_STATE_TRANSITION"}), null for others
 * @param message the exception's message (at most {@value #MAX_MESSAGE} characters)
 */
public record FailedAttempt(
    UUID id,
    UUID commandId,
    String command,
    Instant at,
    Origin origin,
    @Nullable Actor actor,
    @Nullable UUID rootId,
    @Nullable UUID workflowId,
    @Nullable UUID workItemId,
    @Nullable String target,
    String errorType,
    @Nullable String errorCode,
    String message) {
  /** The longest message kept. */
  public static final int MAX_MESSAGE = 4000;
}

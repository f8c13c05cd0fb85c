package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Origin;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an engine call is, as its history and its failed attempt record it: the command, who made it
 * and on whose behalf, and what it addresses.
 *
 * @param command the command's name ({@code "completeWorkItem"})
 * @param origin who made the call
 * @param actor on whose behalf, or null
 * @param recordsFailure whether a failure of the call is recorded as a failed attempt (commands and
 *     jobs; not queries)
 * @param workflowId the workflow the call addresses, or null
 * @param workItemId the work item the call addresses, or null
 * @param target what the call addresses, in words, or null
 * @param idempotency the call's idempotency key with its fingerprint, or null: the engine stores
 *     the call's outcome with it and hands a repeat that outcome (see {@link Idempotency})
 */
record CallRequest(
    String command,
    Origin origin,
    @Nullable Actor actor,
    boolean recordsFailure,
    @Nullable UUID workflowId,
    @Nullable UUID workItemId,
    @Nullable String target,
    Idempotency.@Nullable Key idempotency) {

  /** A read-only query: its failures are the caller's answer, not failed attempts. */
  static final CallRequest QUERY =
      new CallRequest("query", Origin.INTERNAL, null, false, null, null, null, null);

  static CallRequest command(String command, Origin origin, @Nullable Actor actor) {
    return new CallRequest(command, origin, actor, true, null, null, null, null);
  }

  CallRequest addressingWorkflow(UUID workflowId) {
    return new CallRequest(
        command,
        origin,
        actor,
        recordsFailure,
        workflowId,
        null,
        "workflow " + workflowId,
        idempotency);
  }

  CallRequest addressingWorkItem(UUID workItemId) {
    return new CallRequest(
        command,
        origin,
        actor,
        recordsFailure,
        null,
        workItemId,
        "work item " + workItemId,
        idempotency);
  }

  CallRequest addressing(String target) {
    return new CallRequest(
        command, origin, actor, recordsFailure, workflowId, workItemId, target, idempotency);
  }

  /** The same call, made with an idempotency key (null: without). */
  CallRequest idempotent(Idempotency.@Nullable Key key) {
    return new CallRequest(
        command, origin, actor, recordsFailure, workflowId, workItemId, target, key);
  }
}

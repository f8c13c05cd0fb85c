package dev.tasquencer.api.incident;

import dev.tasquencer.api.Actor;
import java.util.UUID;

/**
 * The operators' view of incidents: {@code engine.incidents()}. Each call is a transaction of its
 * own; {@link #retry} and {@link #resolve} are external calls, made on behalf of the actor given
 * with {@link #as} (none otherwise) and recorded in the root's history (see {@code
 * docs/incidents.md}).
 */
public interface Incidents {
  /** The same calls, made on behalf of {@code actor}: history records it, and resolved_by. */
  Incidents as(Actor actor);

  /**
   * The same calls, with the idempotency key {@code key} for the next {@link #retry} or {@link
   * #resolve} (docs/idempotency.md): a repeat of that call with the key gets the first call's
   * outcome back without running anything; another call with the key raises {@link
   * dev.tasquencer.api.error.IdempotencyKeyReusedException}. {@link #list} ignores the key.
   *
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the key is null, blank or longer
   *     than 200 characters
   */
  Incidents idempotent(String key);

  /**
   * The incidents that match {@code filter} after {@code page.afterId()}, oldest first, at most
   * {@code page.size()}.
   *
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the page size is not 1 to {@link
   *     IncidentPage#MAX_SIZE}
   */
  IncidentList list(IncidentFilter filter, IncidentPage page);

  /**
   * Makes the incident's job due again now with its attempts reset; the incident stays open and
   * resolves (as {@link IncidentResolution#RETRIED}) when the job then succeeds.
   *
   * @throws dev.tasquencer.api.error.IncidentNotFoundException when no incident has this id
   * @throws dev.tasquencer.api.error.IncidentInvalidStateException when it is resolved, or its job
   *     was already retried and has not failed again yet
   */
  void retry(UUID incidentId);

  /**
   * Resolves the incident by completing or failing its work item, or canceling its owner, in one
   * transaction with the incident's resolution.
   *
   * @throws dev.tasquencer.api.error.IncidentNotFoundException when no incident has this id
   * @throws dev.tasquencer.api.error.IncidentInvalidStateException when it is resolved already
   * @throws dev.tasquencer.api.error.IncidentOwnerException when complete or fail is asked of an
   *     incident whose owner is not a work item
   */
  void resolve(UUID incidentId, Resolution how);
}

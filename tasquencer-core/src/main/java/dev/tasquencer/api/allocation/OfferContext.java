package dev.tasquencer.api.allocation;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.context.Payloads;
import java.time.Instant;
import java.util.UUID;

/**
 * What an {@link OfferRule} sees: the work item being initialized (its id and initialize payload),
 * its workflow instance and task, the call's transaction and time. Implemented by the engine only.
 */
public interface OfferContext extends Payloads {

  /** The work item being offered. */
  UUID workItemId();

  /** The workflow instance the work item belongs to. */
  UUID workflowId();

  /** The name of the workflow definition. */
  String workflow();

  /** The task of the work item. */
  String task();

  /** The call's transaction, for rules that read domain tables; a rule must not write. */
  Db db();

  /** The engine clock's time of the call. */
  Instant now();
}

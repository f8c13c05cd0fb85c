package dev.tasquencer.api.context;

import dev.tasquencer.api.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Registers durable jobs owned by the element in context (a workflow, a task generation or a work
 * item): the job row commits with the current transaction, and the job is canceled when its owner
 * completes, fails, is canceled or disabled (a work item also on reset). Returns the job's id.
 */
public interface JobScheduling {

  /** A job to run once {@code after} has passed on the engine clock. */
  UUID registerScheduled(Duration after, Job job);

  /** A job to run at {@code at} (engine clock). */
  UUID registerScheduled(Instant at, Job job);
}

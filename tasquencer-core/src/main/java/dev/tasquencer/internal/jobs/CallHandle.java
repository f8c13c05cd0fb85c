package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.WorkflowCommands;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one running engine call, as seen by platform code that runs inside it (job workers):
 * its transaction, its time, and internal commands that run in the same transaction.
 */
public interface CallHandle {
  Connection connection();

  Db db();

  Instant now();

  /** Internal commands bound to this call: they run in its transaction. */
  WorkflowCommands commands();

  /** Locks a root workflow row for the rest of the transaction; false when it does not exist. */
  boolean lockRoot(UUID rootId);

  /**
   * Runs a built-in job handler ({@code tasquencer.*}) with its JSON payload; returns when the job
   * is to run again (a recurring built-in job), or null when it is done.
   */
  @Nullable Instant runBuiltinJob(String handler, @Nullable String payloadJson);

  /**
   * The job was parked as dead in this call: opens an incident on its owner (docs/incidents.md),
   * with the error's type and its description.
   */
  void jobDead(dev.tasquencer.api.JobSnapshot job, String errorType, String errorMessage);

  /** The job succeeded in this call: resolves its open incident, if it was retried from one. */
  void jobSucceeded(dev.tasquencer.api.JobSnapshot job);
}

package dev.tasquencer.jobs;

import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import java.time.Instant;

/**
 * What an external handler gets: no transaction (it may call other systems), and the engine's
 * internal commands, each its own transaction, to report back. A handler may run more than once for
 * one job (a worker can die after the report committed and before the job was marked done), so it
 * must tolerate a report that the engine rejects because it was already applied.
 */
public interface ExternalJobContext {
  JobInfo job();

  /** Internal engine commands, each in its own transaction. */
  WorkflowCommands engine();

  WorkflowQueries queries();

  Instant now();
}

package dev.tasquencer.jobs;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.WorkflowCommands;
import java.time.Instant;

/**
 * What a transactional handler gets: one transaction in which its engine commands, its domain
 * writes and the job's completion commit together, exactly once.
 */
public interface TransactionalJobContext {
  JobInfo job();

  /** Internal engine commands running in this job's transaction. */
  WorkflowCommands commands();

  Db db();

  Instant now();
}

package dev.tasquencer.internal.store;

import java.util.Optional;
import java.util.UUID;

/**
 * How a command locks the root of the tree it acts on and loads the element it acts on, with the
 * tasks and conditions of that element's workflow. Chosen by what the dialect can do: one compound
 * statement where a statement may hold several ({@link CompoundLockAndLoad}, PostgreSQL), else the
 * lock and the reads one after another ({@link StepwiseLockAndLoad}, H2).
 */
interface LockAndLoad {
  /** Locks the root of a work item's tree and loads the work item; empty when it is missing. */
  Optional<WorkItemRow> workItem(UUID workItemId);

  /** Locks the root of a workflow's tree and loads the workflow; empty when it is missing. */
  Optional<WorkflowRow> workflow(UUID workflowId);

  static LockAndLoad forDialect(
      Dialect dialect,
      Session session,
      Statements statements,
      LoadedRows loaded,
      RootLocks locks,
      RowLookup lookup) {
    return dialect.supportsCompoundStatements()
        ? new CompoundLockAndLoad(session, statements, loaded)
        : new StepwiseLockAndLoad(locks, lookup);
  }
}

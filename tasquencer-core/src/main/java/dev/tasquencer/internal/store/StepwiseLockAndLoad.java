package dev.tasquencer.internal.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Lock-and-load as separate statements: the root lock, then the element (the workflow's tasks and
 * conditions are read when the runtime asks for them).
 */
final class StepwiseLockAndLoad implements LockAndLoad {
  private final RootLocks locks;
  private final RowLookup lookup;

  StepwiseLockAndLoad(RootLocks locks, RowLookup lookup) {
    this.locks = locks;
    this.lookup = lookup;
  }

  @Override
  public Optional<WorkItemRow> workItem(UUID workItemId) {
    if (locks.lock(RootLocks.ROOT_OF_WORK_ITEM, workItemId).isEmpty()) {
      return Optional.empty();
    }
    return lookup.workItem(workItemId);
  }

  @Override
  public Optional<WorkflowRow> workflow(UUID workflowId) {
    if (locks.lock(RootLocks.ROOT_OF_WORKFLOW, workflowId).isEmpty()) {
      return Optional.empty();
    }
    return lookup.workflow(workflowId);
  }
}

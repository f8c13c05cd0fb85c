package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Lock-and-load as one compound statement, one round trip: the root lock, the element, and the
 * tasks and conditions of the element's workflow (kept for {@link Session#loadWorkflowRows}). Every
 * statement after the lock reads what was committed before the lock was granted.
 */
final class CompoundLockAndLoad implements LockAndLoad {
  /** The root lock; the work item with its workflow (prefix w_); that workflow's rows. */
  private static final String WORK_ITEM =
      RootLocks.ROOT_OF_WORK_ITEM
          + ";select "
          + WorkItemTable.COLUMNS.qualified("wi", "")
          + ", "
          + WorkflowTable.COLUMNS.qualified("w", "w_")
          + " from "
          + WorkItemTable.NAME
          + " wi join "
          + WorkflowTable.NAME
          + " w on w.id = wi.workflow_id where wi.id = ?;"
          + WorkflowRowsQuery.sql(
              "(select workflow_id from " + WorkItemTable.NAME + " where id = ?)");

  /** The root lock; the workflow; its rows. */
  private static final String WORKFLOW =
      RootLocks.ROOT_OF_WORKFLOW
          + ";select "
          + WorkflowTable.COLUMNS.list()
          + " from "
          + WorkflowTable.NAME
          + " where id = ?;"
          + WorkflowRowsQuery.BY_ID;

  /** Both statements take the element's id four times (and nothing else). */
  private static final int PARAMETERS = 4;

  private final Session session;
  private final Statements statements;
  private final LoadedRows loaded;

  CompoundLockAndLoad(Session session, Statements statements, LoadedRows loaded) {
    this.session = session;
    this.statements = statements;
    this.loaded = loaded;
  }

  @Override
  public Optional<WorkItemRow> workItem(UUID workItemId) {
    return run(
        WORK_ITEM,
        workItemId,
        rs -> {
          WorkItemRow wi = loaded.workItem(rs);
          loaded.workflow(rs, "w_");
          return wi;
        });
  }

  @Override
  public Optional<WorkflowRow> workflow(UUID workflowId) {
    return run(WORKFLOW, workflowId, loaded::workflow);
  }

  /**
   * Runs a statement whose results are the locked root, the element (read by {@code element}) and
   * the rows of the element's workflow. Empty when the root or the element is missing.
   */
  private <R> Optional<R> run(String sql, UUID id, Statements.RowReader<R> element) {
    try {
      PreparedStatement ps = statements.prepare(sql);
      for (int i = 1; i <= PARAMETERS; i++) {
        Params.bind(ps, i, id);
      }
      ps.execute();
      boolean locked;
      try (ResultSet rs = ps.getResultSet()) {
        locked = rs.next();
        if (locked) {
          loaded.lockedRoot(rs);
        }
      }
      ps.getMoreResults();
      R found = null;
      try (ResultSet rs = ps.getResultSet()) {
        if (rs.next()) {
          found = element.read(rs);
        }
      }
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        loaded.prefetched(WorkflowRowsQuery.read(session, rs));
      }
      return locked ? Optional.ofNullable(found) : Optional.empty();
    } catch (SQLException e) {
      throw SqlFailures.ofStatement(sql, e);
    }
  }
}

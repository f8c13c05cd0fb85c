package dev.tasquencer.internal.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads single rows by their key, each with one statement unless the session has the row already.
 */
final class RowLookup {
  private static final String WORKFLOW_BY_ID =
      "select " + WorkflowTable.COLUMNS.list() + " from " + WorkflowTable.NAME + " where id = ?";
  private static final String WORK_ITEM_BY_ID =
      "select " + WorkItemTable.COLUMNS.list() + " from " + WorkItemTable.NAME + " where id = ?";

  private final Session session;
  private final Statements statements;
  private final LoadedRows loaded;

  RowLookup(Session session, Statements statements, LoadedRows loaded) {
    this.session = session;
    this.statements = statements;
    this.loaded = loaded;
  }

  Optional<WorkflowRow> workflow(UUID id) {
    WorkflowRow known = loaded.workflow(id);
    if (known != null) {
      return Optional.of(known);
    }
    return statements.first(WORKFLOW_BY_ID, loaded::workflow, id);
  }

  Optional<WorkItemRow> workItem(UUID id) {
    WorkItemRow known = loaded.workItem(id);
    if (known != null) {
      return Optional.of(known);
    }
    return statements.first(WORK_ITEM_BY_ID, loaded::workItem, id);
  }

  Optional<UUID> rootOfWorkflow(UUID id) {
    WorkflowRow known = loaded.workflow(id);
    if (known != null) {
      return Optional.of(known.rootId);
    }
    return rootId("select root_id from " + WorkflowTable.NAME + " where id = ?", id);
  }

  Optional<UUID> rootOfWorkItem(UUID id) {
    WorkItemRow known = loaded.workItem(id);
    if (known != null) {
      return Optional.of(known.rootId);
    }
    return rootId("select root_id from " + WorkItemTable.NAME + " where id = ?", id);
  }

  private Optional<UUID> rootId(String sql, UUID id) {
    return statements.first(sql, rs -> rs.getObject(1, UUID.class), id);
  }

  /** The tasks and conditions of a workflow: those read ahead, or read now. */
  Session.WorkflowRows workflowRows(UUID workflowId) {
    Session.WorkflowRows known = loaded.takePrefetched(workflowId);
    if (known != null) {
      return known;
    }
    return statements
        .result(
            WorkflowRowsQuery.BY_ID,
            rs -> WorkflowRowsQuery.read(session, rs),
            workflowId,
            workflowId)
        .getOrDefault(workflowId, Session.WorkflowRows.NONE);
  }

  /** An archived generation of a task. */
  Optional<TaskGenerationRow> generation(UUID workflowId, String task, int generation) {
    return statements.first(
        TaskGenerationTable.SELECT_BY_KEY,
        rs -> TaskGenerationTable.read(session, rs, workflowId, task, generation),
        workflowId,
        task,
        generation);
  }
}

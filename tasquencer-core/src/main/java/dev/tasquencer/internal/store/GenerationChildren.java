package dev.tasquencer.internal.store;

import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads the children of a task generation: the work items of an atomic task, the child workflows of
 * a composite one. Oldest first (creation time, then id), whole or a page at a time; each read is
 * one indexed query on the generation's rows. The caller flushes first, so the reads see the call's
 * own changes.
 */
final class GenerationChildren {
  /** The rows a generation owns: binds owner workflow, task name and generation. */
  private static final String WORK_ITEMS =
      " from "
          + WorkItemTable.NAME
          + " where workflow_id = ? and task_name = ? and task_generation = ?";

  private static final String CHILD_WORKFLOWS =
      " from "
          + WorkflowTable.NAME
          + " where parent_workflow_id = ? and parent_task_name = ?"
          + " and parent_task_generation = ?";

  /** Rows after a position in (created_at, id) order; the position is bound three times. */
  private static final String AFTER = " and (created_at > ? or (created_at = ? and id > ?))";

  private static final String OLDEST_FIRST = " order by created_at, id";

  private final Statements statements;
  private final LoadedRows loaded;

  GenerationChildren(Statements statements, LoadedRows loaded) {
    this.statements = statements;
    this.loaded = loaded;
  }

  /** One page of the work items of a generation, in the given states (all when empty). */
  Session.Page<WorkItemRow> workItems(
      UUID workflowId,
      String task,
      int generation,
      Collection<WorkItemState> states,
      Session.@Nullable Position after,
      int size) {
    return page(
        WorkItemTable.COLUMNS.list() + WORK_ITEMS,
        Arrays.asList(workflowId, task, generation),
        states.stream().map(WorkItemState::id).toList(),
        after,
        size,
        loaded::workItem);
  }

  /** One page of the child workflows of a generation, in the given states (all when empty). */
  Session.Page<WorkflowRow> childWorkflows(
      UUID parentWorkflowId,
      String task,
      int generation,
      Collection<WorkflowState> states,
      Session.@Nullable Position after,
      int size) {
    return page(
        WorkflowTable.COLUMNS.list() + CHILD_WORKFLOWS,
        Arrays.asList(parentWorkflowId, task, generation),
        states.stream().map(WorkflowState::id).toList(),
        after,
        size,
        loaded::workflow);
  }

  /** Every work item of a workflow, oldest first. */
  List<WorkItemRow> allWorkItems(UUID workflowId) {
    return statements.all(
        "select "
            + WorkItemTable.COLUMNS.list()
            + " from "
            + WorkItemTable.NAME
            + " where workflow_id = ?"
            + OLDEST_FIRST,
        loaded::workItem,
        workflowId);
  }

  /** Every child workflow of a workflow, oldest first. */
  List<WorkflowRow> allChildWorkflows(UUID parentWorkflowId) {
    return statements.all(
        "select "
            + WorkflowTable.COLUMNS.list()
            + " from "
            + WorkflowTable.NAME
            + " where parent_workflow_id = ?"
            + OLDEST_FIRST,
        loaded::workflow,
        parentWorkflowId);
  }

  /** The ids of the work items of a generation. */
  List<UUID> workItemIds(UUID workflowId, String task, int generation) {
    return statements.all(
        "select id" + WORK_ITEMS + OLDEST_FIRST,
        rs -> rs.getObject(1, UUID.class),
        workflowId,
        task,
        generation);
  }

  /** The ids of the child workflows of a generation (of one workflow name, or all when null). */
  List<UUID> childWorkflowIds(
      UUID parentWorkflowId, String task, int generation, @Nullable String name) {
    String sql =
        "select id" + CHILD_WORKFLOWS + (name == null ? "" : " and name = ?") + OLDEST_FIRST;
    List<Object> params = new ArrayList<>(Arrays.asList(parentWorkflowId, task, generation));
    if (name != null) {
      params.add(name);
    }
    return statements.all(sql, rs -> rs.getObject(1, UUID.class), params.toArray());
  }

  /** A row and where it stands in the order of its generation's rows. */
  private record Positioned<R>(R row, Session.Position position) {}

  /**
   * The rows of {@code columnsAndFilter} (whose parameters are {@code owner}) in the given state
   * ids unless empty: at most {@code size} (all when 0) after {@code after} (from the first when
   * null). The position of a page's last row is read from the database, so the next page starts
   * exactly after it.
   */
  private <R> Session.Page<R> page(
      String columnsAndFilter,
      List<Object> owner,
      List<String> stateIds,
      Session.@Nullable Position after,
      int size,
      Statements.RowReader<R> reader) {
    StringBuilder sql = new StringBuilder("select ").append(columnsAndFilter);
    List<Object> params = new ArrayList<>(owner);
    if (!stateIds.isEmpty()) {
      sql.append(" and state in (");
      for (int i = 0; i < stateIds.size(); i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(')');
      params.addAll(stateIds);
    }
    if (after != null) {
      sql.append(AFTER);
      params.addAll(Arrays.asList(after.createdAt(), after.createdAt(), after.id()));
    }
    sql.append(OLDEST_FIRST);
    if (size > 0) {
      sql.append(" fetch first ").append(size).append(" rows only");
    }
    List<Positioned<R>> rows =
        statements.all(
            sql.toString(),
            rs ->
                new Positioned<>(
                    reader.read(rs),
                    new Session.Position(Params.instant(rs, "created_at"), Params.uuid(rs, "id"))),
            params.toArray());
    List<R> out = new ArrayList<>(rows.size());
    rows.forEach(p -> out.add(p.row()));
    return new Session.Page<>(out, rows.isEmpty() ? null : rows.get(rows.size() - 1).position());
  }
}

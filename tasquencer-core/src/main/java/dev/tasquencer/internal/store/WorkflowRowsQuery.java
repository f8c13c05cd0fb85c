package dev.tasquencer.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The reader of a workflow's net state: its tasks (with their current generation's counters) and
 * its conditions, both in one statement (a union whose rows say which table they come from).
 */
final class WorkflowRowsQuery {
  /** The tasks and conditions of the workflow with id {@code ?} (bound twice). */
  static final String BY_ID = sql("?");

  private WorkflowRowsQuery() {}

  /**
   * The statement for the workflow whose id is the SQL expression {@code workflowId} (which it
   * contains twice). A condition row leaves the task columns it does not have null.
   */
  static String sql(String workflowId) {
    StringBuilder conditionColumns = new StringBuilder();
    for (String c : TaskTable.COLUMNS.names()) {
      boolean shared = ConditionTable.COLUMNS.names().contains(c);
      conditionColumns.append(", ").append(shared ? "c." + c : "null");
    }
    return "select 'T' as kind, "
        + TaskTable.COLUMNS.qualified("t", "")
        + ", 0 as marking from "
        + TaskTable.NAME
        + " t where t.workflow_id = "
        + workflowId
        + " union all select 'C'"
        + conditionColumns
        + ", c.marking from "
        + ConditionTable.NAME
        + " c where c.workflow_id = "
        + workflowId;
  }

  /** Reads every row of the result, grouped by workflow. */
  static Map<UUID, Session.WorkflowRows> read(Session session, ResultSet rs) throws SQLException {
    Map<UUID, Session.WorkflowRows> out = new HashMap<>();
    while (rs.next()) {
      UUID workflowId = Params.uuid(rs, "workflow_id");
      Session.WorkflowRows rows =
          out.computeIfAbsent(
              workflowId,
              k ->
                  new Session.WorkflowRows(
                      new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>()));
      String name = rs.getString("name");
      UUID rootId = Params.uuid(rs, "root_id");
      if ("T".equals(rs.getString("kind"))) {
        readTask(session, rs, rows, workflowId, rootId, name);
      } else {
        rows.conditions()
            .add(new ConditionRow(session, true, workflowId, rootId, name, rs.getInt("marking")));
      }
    }
    return out;
  }

  private static void readTask(
      Session session,
      ResultSet rs,
      Session.WorkflowRows rows,
      UUID workflowId,
      UUID rootId,
      String name)
      throws SQLException {
    int gen = rs.getInt("generation");
    TaskRow task =
        new TaskRow(
            session, true, workflowId, rootId, name, States.task(rs.getString("state")), gen);
    task.loadedHasJobs(rs.getBoolean("has_jobs"));
    rows.tasks().add(task);
    Instant enabledAt = Params.nullableInstant(rs, "enabled_at");
    if (enabledAt != null) {
      TaskGenerationRow current =
          new TaskGenerationRow(
              session,
              false,
              task,
              workflowId,
              rootId,
              name,
              gen,
              enabledAt,
              TaskGenerationTable.counters(rs));
      task.host(current);
      rows.currentGenerations().put(name, current);
    }
  }
}

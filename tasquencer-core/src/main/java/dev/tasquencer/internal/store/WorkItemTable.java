package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** {@code tq_work_item}: its columns, how a row is written and how one is read. */
final class WorkItemTable {
  static final String NAME = "tq_work_item";

  static final Columns COLUMNS =
      Columns.of(
          "id",
          "root_id",
          "workflow_id",
          "task_name",
          "task_generation",
          "name",
          "state",
          "payload",
          "created_at",
          "updated_at",
          "has_jobs",
          "result_payload");

  /** What a flush writes of a work item that changed. */
  private static final Columns CHANGING =
      Columns.of("state", "updated_at", "has_jobs", "result_payload");

  private static final Columns KEY = Columns.of("id");

  private WorkItemTable() {}

  private static boolean isJson(String column) {
    return column.equals("payload") || column.equals("result_payload");
  }

  static TableWriter<WorkItemRow> writer(Dialect dialect) {
    String json = dialect.jsonParameter();
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> isJson(c) ? json : "?"),
        "update "
            + NAME
            + " set "
            + CHANGING.assignments(c -> isJson(c) ? json : "?")
            + " where "
            + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, WorkItemRow r) throws SQLException {
        Params.bind(ps, p++, r.id);
        Params.bind(ps, p++, r.rootId);
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.taskName);
        ps.setInt(p++, r.taskGeneration);
        Params.bind(ps, p++, r.name);
        Params.bind(ps, p++, r.state().id());
        Params.bind(ps, p++, r.payload);
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, r.updatedAt());
        ps.setBoolean(p++, r.hasJobs());
        Params.bind(ps, p++, r.resultPayload());
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, WorkItemRow r) throws SQLException {
        Params.bind(ps, o, r.state().id());
        Params.bind(ps, o + 1, r.updatedAt());
        ps.setBoolean(o + 2, r.hasJobs());
        Params.bind(ps, o + 3, r.resultPayload());
        Params.bind(ps, o + 4, r.id);
        return o + 5;
      }
    };
  }

  static UUID id(ResultSet rs) throws SQLException {
    return Params.uuid(rs, "id");
  }

  /** Reads a stored work item row. */
  static WorkItemRow read(Session session, ResultSet rs) throws SQLException {
    WorkItemRow r =
        new WorkItemRow(
            session,
            true,
            id(rs),
            Params.uuid(rs, "root_id"),
            Params.uuid(rs, "workflow_id"),
            rs.getString("task_name"),
            rs.getInt("task_generation"),
            rs.getString("name"),
            States.workItem(rs.getString("state")),
            rs.getString("payload"),
            Params.instant(rs, "created_at"),
            Params.instant(rs, "updated_at"));
    r.loadedHasJobs(rs.getBoolean("has_jobs"));
    r.loadedResult(rs.getString("result_payload"));
    return r;
  }
}

package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** {@code tq_workflow}: its columns, how a row is written and how one is read. */
final class WorkflowTable {
  static final String NAME = "tq_workflow";

  static final Columns COLUMNS =
      Columns.of(
          "id",
          "root_id",
          "parent_workflow_id",
          "parent_task_name",
          "parent_task_generation",
          "definition_name",
          "definition_version",
          "name",
          "state",
          "payload",
          "created_at",
          "updated_at",
          "has_jobs",
          "history_seq",
          "suspended",
          "business_key",
          "business_key_unique",
          "last_call_at");

  /** What a flush writes of a workflow that changed. */
  private static final Columns CHANGING =
      Columns.of("state", "updated_at", "has_jobs", "history_seq", "last_call_at");

  private static final Columns KEY = Columns.of("id");

  private WorkflowTable() {}

  static TableWriter<WorkflowRow> writer(Dialect dialect) {
    String json = dialect.jsonParameter();
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> c.equals("payload") ? json : "?"),
        "update " + NAME + " set " + CHANGING.assignments(c -> "?") + " where " + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, WorkflowRow r) throws SQLException {
        Params.bind(ps, p++, r.id);
        Params.bind(ps, p++, r.rootId);
        Params.bind(ps, p++, r.parentWorkflowId);
        Params.bind(ps, p++, r.parentTaskName);
        Params.bind(ps, p++, r.parentTaskGeneration);
        Params.bind(ps, p++, r.definitionName);
        Params.bind(ps, p++, r.definitionVersion);
        Params.bind(ps, p++, r.name);
        Params.bind(ps, p++, r.state().id());
        Params.bind(ps, p++, r.payload());
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, r.updatedAt());
        ps.setBoolean(p++, r.hasJobs());
        ps.setLong(p++, r.historySeq());
        ps.setBoolean(p++, r.suspended());
        Params.bind(ps, p++, r.businessKey());
        ps.setBoolean(p++, r.businessKeyUnique());
        Params.bind(ps, p++, r.lastCallAt());
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, WorkflowRow r) throws SQLException {
        Params.bind(ps, o, r.state().id());
        Params.bind(ps, o + 1, r.updatedAt());
        ps.setBoolean(o + 2, r.hasJobs());
        ps.setLong(o + 3, r.historySeq());
        Params.bind(ps, o + 4, r.lastCallAt());
        Params.bind(ps, o + 5, r.id);
        return o + 6;
      }
    };
  }

  /** The id of the workflow row at the cursor, whose column names carry {@code prefix}. */
  static UUID id(ResultSet rs, String prefix) throws SQLException {
    return Params.uuid(rs, prefix + "id");
  }

  /** The stored history sequence of the workflow row at the cursor ({@code prefix} as in read). */
  static long historySeq(ResultSet rs, String prefix) throws SQLException {
    return rs.getLong(prefix + "history_seq");
  }

  /** Whether the root row at the cursor is suspended ({@code prefix} as in read). */
  static boolean suspended(ResultSet rs, String prefix) throws SQLException {
    return rs.getBoolean(prefix + "suspended");
  }

  /** Reads a stored workflow row whose column names carry {@code prefix}. */
  static WorkflowRow read(Session session, ResultSet rs, String prefix) throws SQLException {
    WorkflowRow r =
        new WorkflowRow(
            session,
            true,
            id(rs, prefix),
            Params.uuid(rs, prefix + "root_id"),
            Params.uuid(rs, prefix + "parent_workflow_id"),
            rs.getString(prefix + "parent_task_name"),
            Params.nullableInt(rs, prefix + "parent_task_generation"),
            rs.getString(prefix + "definition_name"),
            rs.getString(prefix + "definition_version"),
            rs.getString(prefix + "name"),
            States.workflow(rs.getString(prefix + "state")),
            rs.getString(prefix + "payload"),
            Params.instant(rs, prefix + "created_at"),
            Params.instant(rs, prefix + "updated_at"));
    r.loadedHasJobs(rs.getBoolean(prefix + "has_jobs"));
    r.loadedHistorySeq(rs.getLong(prefix + "history_seq"));
    r.lockedSuspended(rs.getBoolean(prefix + "suspended"));
    r.loadedSearchColumns(
        rs.getString(prefix + "business_key"),
        rs.getBoolean(prefix + "business_key_unique"),
        Params.instant(rs, prefix + "last_call_at"));
    return r;
  }
}

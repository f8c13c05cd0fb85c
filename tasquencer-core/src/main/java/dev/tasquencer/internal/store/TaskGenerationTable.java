package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskStats;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * {@code tq_task_generation}: the archived generations of tasks (the current one lives in its
 * task's row, with the same counter columns).
 */
final class TaskGenerationTable {
  static final String NAME = "tq_task_generation";

  /** The counters of a generation, in {@code tq_task} and {@code tq_task_generation} alike. */
  static final Columns COUNTERS =
      Columns.of("total", "initialized", "started", "completed", "failed", "canceled");

  private static final Columns KEY = Columns.of("workflow_id", "task_name", "generation");

  static final Columns COLUMNS =
      KEY.then(Columns.of("root_id")).then(COUNTERS).then(Columns.of("enabled_at"));

  /** Loads one archived generation: binds workflow id, task name and generation. */
  static final String SELECT_BY_KEY =
      "select " + COLUMNS.list() + " from " + NAME + " where " + KEY.matching();

  private TaskGenerationTable() {}

  static TableWriter<TaskGenerationRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        "update " + NAME + " set " + COUNTERS.assignments(c -> "?") + " where " + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, TaskGenerationRow r) throws SQLException {
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.taskName);
        ps.setInt(p++, r.generation);
        Params.bind(ps, p++, r.rootId);
        p = bindCounters(ps, p, r.stats());
        Params.bind(ps, p++, r.enabledAt);
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, TaskGenerationRow r) throws SQLException {
        int p = bindCounters(ps, o, r.stats());
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.taskName);
        ps.setInt(p++, r.generation);
        return p;
      }
    };
  }

  /** Binds the {@link #COUNTERS} from {@code p}; returns the next index. */
  static int bindCounters(PreparedStatement ps, int p, TaskStats s) throws SQLException {
    ps.setLong(p++, s.total());
    ps.setLong(p++, s.initialized());
    ps.setLong(p++, s.started());
    ps.setLong(p++, s.completed());
    ps.setLong(p++, s.failed());
    ps.setLong(p++, s.canceled());
    return p;
  }

  /** Reads the {@link #COUNTERS} of the row at the cursor. */
  static TaskStats counters(ResultSet rs) throws SQLException {
    return new TaskStats(
        rs.getLong("total"),
        rs.getLong("initialized"),
        rs.getLong("started"),
        rs.getLong("completed"),
        rs.getLong("failed"),
        rs.getLong("canceled"));
  }

  /** Reads an archived generation (a row of this table) of a known task. */
  static TaskGenerationRow read(
      Session session, ResultSet rs, UUID workflowId, String task, int generation)
      throws SQLException {
    return new TaskGenerationRow(
        session,
        true,
        null,
        workflowId,
        Params.uuid(rs, "root_id"),
        task,
        generation,
        Params.instant(rs, "enabled_at"),
        counters(rs));
  }
}

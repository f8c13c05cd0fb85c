package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskStats;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code tq_task}: one row per task of a workflow, holding its state, its generation and that
 * generation's counters. Rows are read with their workflow's conditions ({@link
 * WorkflowRowsQuery}).
 */
final class TaskTable {
  static final String NAME = "tq_task";

  private static final Columns KEY = Columns.of("workflow_id", "name");

  static final Columns COLUMNS =
      KEY.then(Columns.of("root_id", "state", "generation", "has_jobs"))
          .then(TaskGenerationTable.COUNTERS)
          .then(Columns.of("enabled_at"));

  /** What a flush writes of a task that changed: all but its identity. */
  private static final Columns CHANGING = COLUMNS.without("workflow_id", "name", "root_id");

  private TaskTable() {}

  static TableWriter<TaskRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        "update " + NAME + " set " + CHANGING.assignments(c -> "?") + " where " + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, TaskRow r) throws SQLException {
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.name);
        Params.bind(ps, p++, r.rootId);
        return bindState(ps, p, r);
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, TaskRow r) throws SQLException {
        int p = bindState(ps, o, r);
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.name);
        return p;
      }

      /** State, generation, has_jobs and the current generation's counters. */
      private int bindState(PreparedStatement ps, int p, TaskRow r) throws SQLException {
        Params.bind(ps, p++, r.state().id());
        ps.setInt(p++, r.generation());
        ps.setBoolean(p++, r.hasJobs());
        TaskGenerationRow g = r.currentGeneration();
        var s = g == null ? TaskStats.EMPTY : g.stats();
        p = TaskGenerationTable.bindCounters(ps, p, s);
        Params.bind(ps, p++, g == null ? null : g.enabledAt);
        return p;
      }
    };
  }
}

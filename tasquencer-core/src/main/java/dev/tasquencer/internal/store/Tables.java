package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskStats;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The writers of the engine's tables, for one dialect. */
final class Tables {
  final TableWriter<WorkflowRow> workflow;
  final TableWriter<TaskRow> task;
  final TableWriter<ConditionRow> condition;
  final TableWriter<TaskGenerationRow> generation;
  final TableWriter<WorkItemRow> workItem;
  final TableWriter<JobRow> job;

  Tables(Dialect dialect) {
    String json = dialect.jsonParameter();
    workflow =
        new TableWriter<>(
            "tq_workflow",
            "id, root_id, parent_workflow_id, parent_task_name, parent_task_generation,"
                + " definition_name, definition_version, name, state, payload, created_at,"
                + " updated_at, has_jobs",
            "(?,?,?,?,?,?,?,?,?," + json + ",?,?,?)",
            "update tq_workflow set state = ?, updated_at = ?, has_jobs = ? where id = ?") {
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
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, WorkflowRow r) throws SQLException {
            Params.bind(ps, o, r.state().id());
            Params.bind(ps, o + 1, r.updatedAt());
            ps.setBoolean(o + 2, r.hasJobs());
            Params.bind(ps, o + 3, r.id);
            return o + 4;
          }
        };
    task =
        new TableWriter<>(
            "tq_task",
            "workflow_id, name, root_id, state, generation, has_jobs,"
                + " total, initialized, started, completed, failed, canceled, enabled_at",
            "(?,?,?,?,?,?,?,?,?,?,?,?,?)",
            "update tq_task set state = ?, generation = ?, has_jobs = ?, total = ?,"
                + " initialized = ?, started = ?, completed = ?, failed = ?, canceled = ?,"
                + " enabled_at = ? where workflow_id = ? and name = ?") {
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
            p = bindCounters(ps, p, s);
            Params.bind(ps, p++, g == null ? null : g.enabledAt);
            return p;
          }
        };
    condition =
        new TableWriter<>(
            "tq_condition",
            "workflow_id, name, root_id, marking",
            "(?,?,?,?)",
            "update tq_condition set marking = ? where workflow_id = ? and name = ?") {
          @Override
          int bindInsert(PreparedStatement ps, int p, ConditionRow r) throws SQLException {
            Params.bind(ps, p++, r.workflowId);
            Params.bind(ps, p++, r.name);
            Params.bind(ps, p++, r.rootId);
            ps.setInt(p++, r.marking());
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, ConditionRow r) throws SQLException {
            ps.setInt(o, r.marking());
            Params.bind(ps, o + 1, r.workflowId);
            Params.bind(ps, o + 2, r.name);
            return o + 3;
          }
        };
    generation =
        new TableWriter<>(
            "tq_task_generation",
            "workflow_id, task_name, generation, root_id, total, initialized, started,"
                + " completed, failed, canceled, enabled_at",
            "(?,?,?,?,?,?,?,?,?,?,?)",
            "update tq_task_generation set total = ?, initialized = ?, started = ?,"
                + " completed = ?, failed = ?, canceled = ?"
                + " where workflow_id = ? and task_name = ? and generation = ?") {
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
    workItem =
        new TableWriter<>(
            "tq_work_item",
            "id, root_id, workflow_id, task_name, task_generation, name, state, payload,"
                + " created_at, updated_at, has_jobs, result_payload",
            "(?,?,?,?,?,?,?," + json + ",?,?,?," + json + ")",
            "update tq_work_item set state = ?, updated_at = ?, has_jobs = ?, result_payload = "
                + json
                + " where id = ?") {
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
    job =
        new TableWriter<>(
            "tq_job",
            "id, root_id, owner_kind, owner_id, owner_task, owner_generation, handler, payload,"
                + " run_at, state, attempts, max_attempts, created_at, updated_at",
            "(?,?,?,?,?,?,?," + json + ",?,?,0,?,?,?)",
            "update tq_job set state = 'canceled' where id = ?") {
          @Override
          int bindInsert(PreparedStatement ps, int p, JobRow r) throws SQLException {
            Params.bind(ps, p++, r.id);
            Params.bind(ps, p++, r.rootId);
            Params.bind(ps, p++, r.ownerKind == null ? null : r.ownerKind.id());
            Params.bind(ps, p++, r.ownerId);
            Params.bind(ps, p++, r.ownerTask);
            Params.bind(ps, p++, r.ownerGeneration);
            Params.bind(ps, p++, r.handler);
            Params.bind(ps, p++, r.payload);
            Params.bind(ps, p++, r.runAt);
            Params.bind(ps, p++, r.isCanceled() ? "canceled" : "pending");
            ps.setInt(p++, r.maxAttempts);
            Params.bind(ps, p++, r.createdAt);
            Params.bind(ps, p++, r.createdAt);
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, JobRow r) throws SQLException {
            Params.bind(ps, o, r.id);
            return o + 1;
          }
        };
  }

  /** Binds total, initialized, started, completed, failed, canceled; returns the next index. */
  static int bindCounters(PreparedStatement ps, int p, TaskStats s) throws SQLException {
    ps.setLong(p++, s.total());
    ps.setLong(p++, s.initialized());
    ps.setLong(p++, s.started());
    ps.setLong(p++, s.completed());
    ps.setLong(p++, s.failed());
    ps.setLong(p++, s.canceled());
    return p;
  }
}

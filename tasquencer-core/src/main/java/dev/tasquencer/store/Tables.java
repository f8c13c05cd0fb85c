package dev.tasquencer.store;

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
            "workflow_id, name, root_id, state, generation, has_jobs",
            "(?,?,?,?,?,?)",
            "update tq_task set state = ?, generation = ?, has_jobs = ?"
                + " where workflow_id = ? and name = ?") {
          @Override
          int bindInsert(PreparedStatement ps, int p, TaskRow r) throws SQLException {
            Params.bind(ps, p++, r.workflowId);
            Params.bind(ps, p++, r.name);
            Params.bind(ps, p++, r.rootId);
            Params.bind(ps, p++, r.state().id());
            ps.setInt(p++, r.generation());
            ps.setBoolean(p++, r.hasJobs());
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, TaskRow r) throws SQLException {
            Params.bind(ps, o, r.state().id());
            ps.setInt(o + 1, r.generation());
            ps.setBoolean(o + 2, r.hasJobs());
            Params.bind(ps, o + 3, r.workflowId);
            Params.bind(ps, o + 4, r.name);
            return o + 5;
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
            var s = r.stats();
            ps.setLong(p++, s.total());
            ps.setLong(p++, s.initialized());
            ps.setLong(p++, s.started());
            ps.setLong(p++, s.completed());
            ps.setLong(p++, s.failed());
            ps.setLong(p++, s.canceled());
            Params.bind(ps, p++, r.enabledAt);
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, TaskGenerationRow r) throws SQLException {
            var s = r.stats();
            ps.setLong(o, s.total());
            ps.setLong(o + 1, s.initialized());
            ps.setLong(o + 2, s.started());
            ps.setLong(o + 3, s.completed());
            ps.setLong(o + 4, s.failed());
            ps.setLong(o + 5, s.canceled());
            Params.bind(ps, o + 6, r.workflowId);
            Params.bind(ps, o + 7, r.taskName);
            ps.setInt(o + 8, r.generation);
            return o + 9;
          }
        };
    workItem =
        new TableWriter<>(
            "tq_work_item",
            "id, root_id, workflow_id, task_name, task_generation, name, state, payload,"
                + " created_at, updated_at, has_jobs",
            "(?,?,?,?,?,?,?," + json + ",?,?,?)",
            "update tq_work_item set state = ?, updated_at = ?, has_jobs = ? where id = ?") {
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
            return p;
          }

          @Override
          int bindUpdate(PreparedStatement ps, int o, WorkItemRow r) throws SQLException {
            Params.bind(ps, o, r.state().id());
            Params.bind(ps, o + 1, r.updatedAt());
            ps.setBoolean(o + 2, r.hasJobs());
            Params.bind(ps, o + 3, r.id);
            return o + 4;
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
}

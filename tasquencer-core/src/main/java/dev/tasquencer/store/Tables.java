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
          void bindUpdate(PreparedStatement ps, WorkflowRow r) throws SQLException {
            Params.bind(ps, 1, r.state().id());
            Params.bind(ps, 2, r.updatedAt());
            ps.setBoolean(3, r.hasJobs());
            Params.bind(ps, 4, r.id);
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
          void bindUpdate(PreparedStatement ps, TaskRow r) throws SQLException {
            Params.bind(ps, 1, r.state().id());
            ps.setInt(2, r.generation());
            ps.setBoolean(3, r.hasJobs());
            Params.bind(ps, 4, r.workflowId);
            Params.bind(ps, 5, r.name);
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
          void bindUpdate(PreparedStatement ps, ConditionRow r) throws SQLException {
            ps.setInt(1, r.marking());
            Params.bind(ps, 2, r.workflowId);
            Params.bind(ps, 3, r.name);
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
          void bindUpdate(PreparedStatement ps, TaskGenerationRow r) throws SQLException {
            var s = r.stats();
            ps.setLong(1, s.total());
            ps.setLong(2, s.initialized());
            ps.setLong(3, s.started());
            ps.setLong(4, s.completed());
            ps.setLong(5, s.failed());
            ps.setLong(6, s.canceled());
            Params.bind(ps, 7, r.workflowId);
            Params.bind(ps, 8, r.taskName);
            ps.setInt(9, r.generation);
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
          void bindUpdate(PreparedStatement ps, WorkItemRow r) throws SQLException {
            Params.bind(ps, 1, r.state().id());
            Params.bind(ps, 2, r.updatedAt());
            ps.setBoolean(3, r.hasJobs());
            Params.bind(ps, 4, r.id);
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
          void bindUpdate(PreparedStatement ps, JobRow r) throws SQLException {
            Params.bind(ps, 1, r.id);
          }
        };
  }
}

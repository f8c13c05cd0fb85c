package dev.tasquencer.internal.store;

import dev.tasquencer.internal.lifecycle.JobEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code tq_job}: its columns, read by the workers' statements ({@link JobStore}), and how the jobs
 * a call registers are inserted.
 */
final class JobTable {
  static final String NAME = "tq_job";

  static final Columns COLUMNS =
      Columns.of(
          "id",
          "root_id",
          "owner_kind",
          "owner_id",
          "owner_task",
          "owner_generation",
          "handler",
          "payload",
          "run_at",
          "state",
          "attempts",
          "max_attempts",
          "last_error",
          "locked_by",
          "locked_until",
          "created_at",
          "updated_at",
          "trace_context",
          "retry_policy");

  /** A new job has no error and no lease yet. */
  private static final Columns INSERTED =
      COLUMNS.without("last_error", "locked_by", "locked_until");

  private JobTable() {}

  static TableWriter<JobRow> writer(Dialect dialect) {
    String json = dialect.jsonParameter();
    return new TableWriter<>(
        NAME,
        INSERTED,
        INSERTED.values(
            c ->
                switch (c) {
                  case "payload" -> json;
                  case "attempts" -> "0";
                  default -> "?";
                }),
        "update tq_job set state = " + JobTransitions.to(JobEvent.CANCEL) + " where id = ?") {
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
        Params.bind(ps, p++, r.state().id());
        ps.setInt(p++, r.maxAttempts);
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, r.traceContext);
        Params.bind(ps, p++, r.retryPolicy);
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

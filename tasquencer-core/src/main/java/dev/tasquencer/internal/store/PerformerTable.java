package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tq_performer}: who completed a work item of a task that a separation of duties watches,
 * once per case, workflow, task and actor (docs/work-allocation.md). Statements on the connection
 * of the caller's transaction, which holds the case's root lock; no method commits.
 */
public final class PerformerTable {
  static final String NAME = "tq_performer";

  private static final String RECORD =
      "insert into "
          + NAME
          + " (root_id, workflow_name, task_name, actor_kind, actor_id, performed_at)"
          + " select ?, ?, ?, ?, ?, ? where not exists (select 1 from "
          + NAME
          + " where root_id = ? and workflow_name = ? and actor_kind = ? and actor_id = ?"
          + " and task_name = ?)";

  private static final String TASKS_OF_ACTOR =
      "select task_name from "
          + NAME
          + " where root_id = ? and workflow_name = ? and actor_kind = ? and actor_id = ?"
          + " order by task_name";

  private PerformerTable() {}

  /**
   * Records that {@code actor} completed a work item of {@code task} in the case; a second record
   * of the same is a no-op (the root lock the call holds keeps two from racing).
   */
  public static void record(
      Connection c, UUID rootId, String workflow, String task, Actor actor, Instant at) {
    String kind = actor.kind().id();
    new Statements(c)
        .update(
            RECORD,
            rootId,
            workflow,
            task,
            kind,
            actor.id(),
            at,
            rootId,
            workflow,
            kind,
            actor.id(),
            task);
  }

  /** The tasks of the workflow whose work items {@code actor} completed in the case, by name. */
  public static List<String> tasksPerformedBy(
      Connection c, UUID rootId, String workflow, Actor actor) {
    return new Statements(c)
        .all(
            TASKS_OF_ACTOR, rs -> rs.getString(1), rootId, workflow, actor.kind().id(), actor.id());
  }
}

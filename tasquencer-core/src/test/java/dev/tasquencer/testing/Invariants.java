package dev.tasquencer.testing;

import dev.tasquencer.api.Db;
import dev.tasquencer.internal.store.Purge;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks, on the database itself, invariants that must hold after every committed engine call. Run
 * after every {@link DbTest}.
 */
public final class Invariants {
  private Invariants() {}

  private static final String COUNTS =
      "select %s as wf, %s as task, %s as gen, count(*) as total,"
          + " sum(case when state = 'initialized' then 1 else 0 end) as i,"
          + " sum(case when state = 'started' then 1 else 0 end) as s,"
          + " sum(case when state = 'completed' then 1 else 0 end) as c,"
          + " sum(case when state = 'failed' then 1 else 0 end) as f,"
          + " sum(case when state = 'canceled' then 1 else 0 end) as x"
          + " from %s %s group by %s, %s, %s";

  private static final String[][] CHECKS = {
    {
      "task generation counters differ from the states of its children",
      "select g.workflow_id, g.task_name, g.generation from tq_task_generation_all g"
          + " left join ("
          + String.format(
              COUNTS,
              "workflow_id",
              "task_name",
              "task_generation",
              "tq_work_item",
              "",
              "workflow_id",
              "task_name",
              "task_generation")
          + ") w on w.wf = g.workflow_id and w.task = g.task_name and w.gen = g.generation"
          + " left join ("
          + String.format(
              COUNTS,
              "parent_workflow_id",
              "parent_task_name",
              "parent_task_generation",
              "tq_workflow",
              "where parent_workflow_id is not null",
              "parent_workflow_id",
              "parent_task_name",
              "parent_task_generation")
          + ") cw on cw.wf = g.workflow_id and cw.task = g.task_name and cw.gen = g.generation"
          + " where g.total <> coalesce(w.total, 0) + coalesce(cw.total, 0)"
          + " or g.initialized <> coalesce(w.i, 0) + coalesce(cw.i, 0)"
          + " or g.started <> coalesce(w.s, 0) + coalesce(cw.s, 0)"
          + " or g.completed <> coalesce(w.c, 0) + coalesce(cw.c, 0)"
          + " or g.failed <> coalesce(w.f, 0) + coalesce(cw.f, 0)"
          + " or g.canceled <> coalesce(w.x, 0) + coalesce(cw.x, 0)"
    },
    {
      "a live work item belongs to a task generation that is not active",
      "select wi.id, wi.task_name, wi.task_generation, t.state, t.generation"
          + " from tq_work_item wi join tq_task t"
          + " on t.workflow_id = wi.workflow_id and t.name = wi.task_name"
          + " where wi.state in ('initialized', 'started')"
          + " and (t.generation <> wi.task_generation or t.state not in ('enabled', 'started'))"
    },
    {
      "a final workflow still has enabled or started tasks",
      "select w.id, t.name, t.state from tq_workflow w join tq_task t on t.workflow_id = w.id"
          + " where w.state in ('completed', 'failed', 'canceled')"
          + " and t.state in ('enabled', 'started')"
    },
    {
      "an enabled task has no counters for its generation",
      "select t.workflow_id, t.name, t.generation from tq_task t"
          + " left join tq_task_generation_all g"
          + " on g.workflow_id = t.workflow_id and g.task_name = t.name"
          + " and g.generation = t.generation"
          + " where t.generation > 0 and g.workflow_id is null"
    },
    {
      "an archived generation is not older than its task's current one",
      "select g.workflow_id, g.task_name, g.generation, t.generation from tq_task_generation g"
          + " join tq_task t on t.workflow_id = g.workflow_id and t.name = g.task_name"
          + " where g.generation >= t.generation"
    },
    {
      "a started work item's task never started",
      "select wi.id from tq_work_item wi join tq_task t"
          + " on t.workflow_id = wi.workflow_id and t.name = wi.task_name"
          + " where wi.state = 'started' and t.generation = wi.task_generation"
          + " and t.state <> 'started'"
    },
    {
      "an instance row of another tree carries a wrong root id",
      "select c.id from tq_workflow c join tq_workflow p on p.id = c.parent_workflow_id"
          + " where c.root_id <> p.root_id"
          + " union all select wi.id from tq_work_item wi join tq_workflow w"
          + " on w.id = wi.workflow_id where wi.root_id <> w.root_id"
    },
    {
      "a pending job's owner has finished (its teardown did not cancel the job)",
      "select j.id, j.owner_kind, j.owner_id, j.owner_task from tq_job j"
          + " where j.state = 'pending' and ("
          + " (j.owner_kind = 'workflow' and exists (select 1 from tq_workflow w"
          + "   where w.id = j.owner_id and w.state in ('completed', 'failed', 'canceled')))"
          + " or (j.owner_kind = 'work_item' and exists (select 1 from tq_work_item wi"
          + "   where wi.id = j.owner_id and wi.state in ('completed', 'failed', 'canceled')))"
          + " or (j.owner_kind = 'task' and exists (select 1 from tq_task t"
          + "   where t.workflow_id = j.owner_id and t.name = j.owner_task"
          + "   and (t.state not in ('enabled', 'started') or t.generation <> j.owner_generation))))"
    },
    {
      "an allocation is not done while its work item has ended, or done while it lives, or has"
          + " no work item of its tree",
      "select a.work_item_id, a.state, wi.state from tq_allocation a left join tq_work_item wi"
          + " on wi.id = a.work_item_id and wi.root_id = a.root_id"
          + " where wi.id is null"
          + " or (wi.state in ('completed', 'failed', 'canceled') and a.state <> 'done')"
          + " or (wi.state in ('initialized', 'started') and a.state = 'done')"
          + " or (a.state = 'claimed' and a.claimant_id is null)"
    },
    {
      "a root's history sequence differs from the number and the last number of its events",
      "select w.id, w.history_seq, h.n, h.last from tq_workflow w left join ("
          + " select root_id, sum(last_seq - seq + 1) as n, max(last_seq) as last from tq_history"
          + " group by root_id) h on h.root_id = w.id"
          + " where w.parent_workflow_id is null"
          + " and (w.history_seq <> coalesce(h.n, 0) or w.history_seq <> coalesce(h.last, 0))"
    },
    {
      "a history batch does not follow the one before it (a gap or an overlap in the numbering)",
      "select h.root_id, h.seq, h.last_seq from tq_history h where h.last_seq < h.seq"
          + " or (h.seq > 1 and not exists (select 1 from tq_history p"
          + " where p.root_id = h.root_id and p.last_seq = h.seq - 1))"
    },
    {
      "a child workflow numbers history events (only roots do)",
      "select id, history_seq from tq_workflow where parent_workflow_id is not null"
          + " and history_seq <> 0"
    },
    {
      "a history batch belongs to a root that does not exist, or to a workflow that is no root",
      "select h.root_id, h.seq from tq_history h left join tq_workflow w on w.id = h.root_id"
          + " where w.id is null or w.parent_workflow_id is not null"
    },
    {
      "a root's open_incidents differs from its open incidents, or a child counts some",
      "select w.id, w.open_incidents from tq_workflow w left join (select root_id,"
          + " count(*) as n from tq_incident where state = 'open' group by root_id) o"
          + " on o.root_id = w.id"
          + " where w.open_incidents <> case when w.parent_workflow_id is null"
          + " then coalesce(o.n, 0) else 0 end"
    },
    {
      "an open incident's owner has ended (it resolves when its owner ends)",
      "select i.id from tq_incident i where i.state = 'open' and ("
          + "(i.owner_kind = 'work_item' and exists (select 1 from tq_work_item wi"
          + " where wi.id = i.owner_id and wi.state not in ('initialized', 'started')))"
          + " or (i.owner_kind = 'workflow' and exists (select 1 from tq_workflow w"
          + " where w.id = i.owner_id and w.state not in ('initialized', 'started'))))"
    },
    {
      "a message wait belongs to a work item that is missing, has ended, or is in another tree",
      "select m.work_item_id from tq_message_wait m left join tq_work_item wi"
          + " on wi.id = m.work_item_id left join tq_workflow w on w.id = wi.workflow_id"
          + " where wi.id is null or wi.state not in ('initialized', 'started')"
          + " or w.root_id <> m.root_id or wi.workflow_id <> m.workflow_id"
    },
    {
      "a buffered message expires before it was received",
      "select id from tq_message_buffer where expires_at <= received_at"
    },
    {
      "a scope, group role or user role names a role that does not exist (deleted without cascade)",
      "select role_id from tq_role_scope where role_id not in (select id from tq_role)"
          + " union all select role_id from tq_group_role where role_id not in"
          + " (select id from tq_role)"
          + " union all select role_id from tq_user_role where role_id not in"
          + " (select id from tq_role)"
    },
    {
      "a membership or group role names a group that does not exist (deleted without cascade)",
      "select group_id from tq_group_member where group_id not in (select id from tq_group)"
          + " union all select group_id from tq_group_role where group_id not in"
          + " (select id from tq_group)"
    },
  };

  private static boolean schemaExists(Connection c) throws SQLException {
    for (String name : new String[] {"tq_task_generation", "TQ_TASK_GENERATION"}) {
      try (var rs = c.getMetaData().getTables(null, null, name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Throws an AssertionError naming every violated invariant. */
  public static void check(DataSource ds) {
    List<String> violations = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      if (!schemaExists(c)) {
        return; // no engine was ever built on this database
      }
      Db db = Db.of(c);
      List<String[]> checks = new ArrayList<>(List.of(CHECKS));
      Purge.orphanQueries()
          .forEach(
              (table, sql) ->
                  checks.add(
                      new String[] {
                        "a row of " + table + " belongs to a workflow tree that does not exist", sql
                      }));
      for (String[] check : checks) {
        List<String> rows =
            db.query(
                check[1],
                rs -> {
                  StringBuilder sb = new StringBuilder();
                  for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(i > 1 ? ", " : "").append(rs.getObject(i));
                  }
                  return sb.toString();
                });
        for (String r : rows) {
          violations.add(check[0] + ": " + r);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError("engine invariants violated:\n  " + String.join("\n  ", violations));
    }
  }
}

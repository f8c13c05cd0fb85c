package dev.tasquencer.internal.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements that delete finished root workflow trees with every row they own, one batch of
 * roots per transaction (the caller's). Which tables hold rows of a tree, and by which column, is
 * written once, in {@link #TABLES}: a new table keyed by root id is one line there.
 *
 * <p>A batch locks the roots it deletes ({@code FOR UPDATE SKIP LOCKED}: a root another call holds
 * is left for a later batch, never waited for) and checks them again under the lock, so a tree that
 * a concurrent call is finishing, or a tree whose root is not final, is never touched. Every engine
 * call locks the root of its tree before it reads or writes a row of it, so once a batch holds the
 * root, no call can add to the tree; a call that waits for the root finds no workflow after the
 * batch committed. The statements throw {@link SQLException}; callers translate it with {@link
 * SqlFailures#run}.
 */
public final class Purge {
  /** By which id a table's rows belong to a tree. */
  enum Key {
    /** The column holds the id of a workflow of the tree (the root or a child at any depth). */
    WORKFLOW,
    /** The column holds the id of the tree's root workflow. */
    ROOT
  }

  /**
   * A table that holds rows of workflow trees.
   *
   * @param column the column a batch deletes by: it must lead an index (or the primary key), so
   *     that deleting one tree's rows never scans the table
   */
  record TreeTable(String name, String column, Key key) {}

  /**
   * Every table that holds rows of a workflow tree, in the order a batch deletes from them: the
   * workflows themselves last. The instance tables are deleted by workflow id (the leading column
   * of their keys; they have no index on root id, on purpose), tables keyed by root id (jobs, and
   * history) by root id.
   */
  static final List<TreeTable> TABLES =
      List.of(
          new TreeTable(HistoryTable.NAME, "root_id", Key.ROOT),
          new TreeTable(CheckpointTable.NAME, "root_id", Key.ROOT),
          new TreeTable(FailedAttemptTable.NAME, "root_id", Key.ROOT),
          new TreeTable(JobTable.NAME, "root_id", Key.ROOT),
          new TreeTable(OfferTargetTable.NAME, "root_id", Key.ROOT),
          new TreeTable(OutboxTable.NAME, "root_id", Key.ROOT),
          new TreeTable(IncidentStore.NAME, "root_id", Key.ROOT),
          new TreeTable(AllocationTable.NAME, "root_id", Key.ROOT),
          new TreeTable(PerformerTable.NAME, "root_id", Key.ROOT),
          new TreeTable(MessageStore.WAIT, "root_id", Key.ROOT),
          new TreeTable(WorkItemTable.NAME, "workflow_id", Key.WORKFLOW),
          new TreeTable(ConditionTable.NAME, "workflow_id", Key.WORKFLOW),
          new TreeTable(TaskGenerationTable.NAME, "workflow_id", Key.WORKFLOW),
          new TreeTable(TaskTable.NAME, "workflow_id", Key.WORKFLOW),
          new TreeTable(WorkflowTable.NAME, "id", Key.WORKFLOW));

  private static final String FINAL = "state in ('completed', 'failed', 'canceled')";

  /** A finished root: no parent, final, and its last change (its end) before {@code ?}. */
  private static final String FINISHED_ROOT =
      "parent_workflow_id is null and " + FINAL + " and updated_at < ?";

  private static final String LOCK_FINISHED_ROOTS =
      "select id from " + WorkflowTable.NAME + " where " + FINISHED_ROOT;

  private static final String RECHECK =
      "select id from " + WorkflowTable.NAME + " where id = any(?) and " + FINISHED_ROOT;

  private static final String CHILDREN =
      "select id from " + WorkflowTable.NAME + " where parent_workflow_id = any(?)";

  private static final String ANY_FINISHED_ROOT =
      "select id from "
          + WorkflowTable.NAME
          + " where "
          + FINISHED_ROOT
          + " fetch first 1 rows only";

  private Purge() {}

  /** The names of the tables a purge deletes from, in the order it deletes. */
  public static List<String> tableNames() {
    return TABLES.stream().map(TreeTable::name).toList();
  }

  /**
   * Queries that each list the rows of one table of {@link #TABLES} whose tree no longer exists
   * (its workflow or root row is gone), by table name: after any committed purge, each returns no
   * row.
   */
  public static Map<String, String> orphanQueries() {
    Map<String, String> out = new LinkedHashMap<>();
    for (TreeTable t : TABLES) {
      if (t.name().equals(FailedAttemptTable.NAME)) {
        // a failed initializeRootWorkflow names a root that was rolled back: no owner, on purpose
        continue;
      }
      // a workflow row is an orphan when its root is gone; any other row when its owner is
      String column = t.name().equals(WorkflowTable.NAME) ? "root_id" : t.column();
      out.put(
          t.name(),
          "select x."
              + column
              + " from "
              + t.name()
              + " x where x."
              + column
              + " is not null and not exists (select 1 from "
              + WorkflowTable.NAME
              + " w where w.id = x."
              + column
              + ")");
    }
    return out;
  }

  /**
   * Locks up to {@code limit} root workflows that finished (completed, failed or canceled) before
   * {@code before}, skipping roots another transaction holds, and returns those that are still
   * finished under the lock.
   */
  public static List<UUID> lockFinishedRoots(Connection c, Instant before, int limit)
      throws SQLException {
    PreparedStatement lock =
        prepare(
            c, LOCK_FINISHED_ROOTS + " fetch first " + limit + " rows only for update skip locked");
    Params.bind(lock, 1, before);
    List<UUID> locked = ids(lock);
    if (locked.isEmpty()) {
      return locked;
    }
    // Under the lock, read each root again: the latest committed version (a call that finished
    // or changed it between the scan and the lock has committed by now), on every database.
    PreparedStatement recheck = prepare(c, RECHECK);
    recheck.setArray(1, uuidArray(c, locked));
    Params.bind(recheck, 2, before);
    return ids(recheck);
  }

  /** Whether any root finished before {@code before} (without locking anything). */
  public static boolean anyFinishedRoot(Connection c, Instant before) throws SQLException {
    PreparedStatement ps = prepare(c, ANY_FINISHED_ROOT);
    Params.bind(ps, 1, before);
    return !ids(ps).isEmpty();
  }

  /**
   * Deletes the trees of {@code roots} (locked by {@link #lockFinishedRoots} in this transaction)
   * with every row of {@link #TABLES}; returns the rows deleted per table, in the order of {@link
   * #TABLES}.
   */
  public static Map<String, Long> deleteTrees(Connection c, List<UUID> roots) throws SQLException {
    Map<String, Long> deleted = new LinkedHashMap<>();
    if (roots.isEmpty()) {
      TABLES.forEach(t -> deleted.put(t.name(), 0L));
      return deleted;
    }
    Array rootIds = uuidArray(c, roots);
    Array workflowIds = uuidArray(c, tree(c, roots));
    for (TreeTable t : TABLES) {
      PreparedStatement ps =
          prepare(c, "delete from " + t.name() + " where " + t.column() + " = any(?)");
      ps.setArray(1, t.key() == Key.ROOT ? rootIds : workflowIds);
      deleted.put(t.name(), (long) ps.executeUpdate());
    }
    return deleted;
  }

  /**
   * The ids of every workflow of the trees of {@code roots}, the roots included: one query per
   * level of nesting, each an index range scan on the parent column.
   */
  private static List<UUID> tree(Connection c, List<UUID> roots) throws SQLException {
    List<UUID> all = new ArrayList<>(roots);
    List<UUID> level = roots;
    while (!level.isEmpty()) {
      PreparedStatement ps = prepare(c, CHILDREN);
      ps.setArray(1, uuidArray(c, level));
      level = ids(ps);
      all.addAll(level);
    }
    return all;
  }

  private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    return StatementCache.get(StatementCache.physical(c), sql);
  }

  private static Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.toArray());
  }

  private static List<UUID> ids(PreparedStatement ps) throws SQLException {
    List<UUID> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getObject(1, UUID.class));
      }
    }
    return out;
  }
}

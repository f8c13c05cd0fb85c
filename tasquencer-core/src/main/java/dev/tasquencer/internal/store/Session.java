package dev.tasquencer.internal.store;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The unit of work of one engine call, on one connection inside one transaction. Rows created or
 * changed through it are written at {@link #flush()} in batches; set queries flush first, so they
 * always see the call's own changes.
 */
public final class Session {
  private static final String WORKFLOW_COLUMNS =
      "id, root_id, parent_workflow_id, parent_task_name, parent_task_generation,"
          + " definition_name, definition_version, name, state, payload, created_at, updated_at,"
          + " has_jobs";
  private static final String WORK_ITEM_COLUMNS =
      "id, root_id, workflow_id, task_name, task_generation, name, state, payload, created_at,"
          + " updated_at, has_jobs, result_payload";

  /** A work item and its workflow in one row; the workflow's columns carry the prefix w_. */
  private static final String WORK_ITEM_WITH_WORKFLOW_COLUMNS =
      prefixed("wi.", "", WORK_ITEM_COLUMNS) + ", " + prefixed("w.", "w_", WORKFLOW_COLUMNS);

  private static String prefixed(String table, String alias, String columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns.split(",")) {
      String column = c.trim();
      sb.append(sb.length() == 0 ? "" : ", ").append(table).append(column);
      if (!alias.isEmpty()) {
        sb.append(" as ").append(alias).append(column);
      }
    }
    return sb.toString();
  }

  private final Connection connection;
  private static final Map<String, Tables> TABLES = new java.util.concurrent.ConcurrentHashMap<>();
  private final Tables tables;
  private final boolean compound;
  private final Map<UUID, WorkflowRows> prefetched = new HashMap<>();

  /** A flush with at most this many rows and statements is sent as one compound statement. */
  private static final int COMPOUND_LIMIT = 48;

  private static final String CANCEL_JOBS_SQL =
      "update tq_job set state = 'canceled', updated_at = ? where owner_id = ?"
          + " and owner_kind = ? and (? is null or owner_task = ?) and state = 'pending'";

  /** Binds one part of a compound statement from an offset; returns the next offset. */
  private interface Part {
    int bind(PreparedStatement ps, int offset) throws SQLException;
  }

  private final SqlDb db;
  private final Map<UUID, WorkItemRow> workItems = new HashMap<>();
  private final Map<UUID, WorkflowRow> workflows = new HashMap<>();
  private final List<WorkflowRow> newWorkflows = new ArrayList<>();
  private final List<TaskRow> newTasks = new ArrayList<>();
  private final List<ConditionRow> newConditions = new ArrayList<>();
  private final List<TaskGenerationRow> newGenerations = new ArrayList<>();
  private final List<WorkItemRow> newWorkItems = new ArrayList<>();
  private final List<WorkflowRow> changedWorkflows = new ArrayList<>();
  private final List<TaskRow> changedTasks = new ArrayList<>();
  private final List<ConditionRow> changedConditions = new ArrayList<>();
  private final List<TaskGenerationRow> changedGenerations = new ArrayList<>();
  private final List<WorkItemRow> changedWorkItems = new ArrayList<>();
  private final List<JobRow> newJobs = new ArrayList<>();
  private final Map<UUID, List<JobRow>> newJobsByOwner = new HashMap<>();
  private final List<Object[]> jobCancellations = new ArrayList<>();
  private int statements;

  private Connection physical;

  private Connection physical() throws SQLException {
    if (physical == null) {
      physical = StatementCache.physical(connection);
    }
    return physical;
  }

  /**
   * Applies the engine's session settings to a connection, once per physical connection. Call it
   * before the call's transaction begins: the settings are committed at once.
   */
  public static void initConnection(Connection c, Dialect dialect, SessionSettings settings)
      throws SQLException {
    StatementCache.initOnce(c, dialect, settings);
  }

  public Session(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.tables = TABLES.computeIfAbsent(dialect.id(), k -> new Tables(dialect));
    this.compound = dialect.supportsCompoundStatements();
    this.db = new SqlDb(connection);
  }

  public Db db() {
    return db;
  }

  /** The first failed SQL statement of user code in this call, even if the error was caught. */
  public Optional<DataAccessException> userSqlFailure() {
    return db.firstFailure();
  }

  public Connection connection() {
    return connection;
  }

  /** Number of engine SQL statements executed so far (not counting user SQL). */
  public int statements() {
    return statements;
  }

  // ---------------------------------------------------------------- pending writes

  void inserted(Row r) {
    if (r instanceof JobRow j) {
      newJobs.add(j);
      if (j.ownerId != null) {
        newJobsByOwner.computeIfAbsent(j.ownerId, k -> new ArrayList<>()).add(j);
      }
    } else if (r instanceof WorkItemRow w) {
      newWorkItems.add(w);
    } else if (r instanceof TaskGenerationRow g) {
      newGenerations.add(g);
    } else if (r instanceof ConditionRow c) {
      newConditions.add(c);
    } else if (r instanceof TaskRow t) {
      newTasks.add(t);
    } else if (r instanceof WorkflowRow w) {
      newWorkflows.add(w);
    }
  }

  void updated(Row r) {
    if (r instanceof WorkItemRow w) {
      changedWorkItems.add(w);
    } else if (r instanceof TaskGenerationRow g) {
      changedGenerations.add(g);
    } else if (r instanceof ConditionRow c) {
      changedConditions.add(c);
    } else if (r instanceof TaskRow t) {
      changedTasks.add(t);
    } else if (r instanceof WorkflowRow w) {
      changedWorkflows.add(w);
    }
  }

  private int pending() {
    return newWorkflows.size()
        + newTasks.size()
        + newConditions.size()
        + newGenerations.size()
        + newWorkItems.size()
        + changedWorkflows.size()
        + changedTasks.size()
        + changedConditions.size()
        + changedGenerations.size()
        + changedWorkItems.size()
        + newJobs.size()
        + jobCancellations.size();
  }

  /**
   * Writes every pending insert and update: on PostgreSQL a small flush is one compound statement
   * (one round trip); larger ones use multi-row inserts and batches per table.
   */
  public void flush() {
    newConditions.removeIf(Session::holdsNoToken);
    int pending = pending();
    if (pending == 0) {
      return;
    }
    try {
      if (compound && pending <= COMPOUND_LIMIT) {
        flushCompound();
        return;
      }
      flush(tables.workflow, newWorkflows, changedWorkflows);
      flush(tables.task, newTasks, changedTasks);
      flush(tables.condition, newConditions, changedConditions);
      flush(tables.generation, newGenerations, changedGenerations);
      flush(tables.workItem, newWorkItems, changedWorkItems);
      if (!newJobs.isEmpty()) {
        tables.job.insert(physical(), newJobs);
        statements++;
        newJobs.forEach(Row::flushed);
        newJobs.clear();
        newJobsByOwner.clear();
      }
      flushJobCancellations();
    } catch (SQLException e) {
      throw SqlDb.failed("flush of engine rows", e);
    }
  }

  /** A new condition without tokens needs no row: an absent row means marking 0. */
  private static boolean holdsNoToken(ConditionRow c) {
    if (c.marking() > 0) {
      return false;
    }
    c.insertSkipped();
    return true;
  }

  private void flushCompound() throws SQLException {
    StringBuilder sql = new StringBuilder(1024);
    List<Part> parts = new ArrayList<>();
    compound(sql, parts, tables.workflow, newWorkflows, changedWorkflows);
    compound(sql, parts, tables.task, newTasks, changedTasks);
    compound(sql, parts, tables.condition, newConditions, changedConditions);
    compound(sql, parts, tables.generation, newGenerations, changedGenerations);
    compound(sql, parts, tables.workItem, newWorkItems, changedWorkItems);
    compound(sql, parts, tables.job, newJobs, List.of());
    for (Object[] c : jobCancellations) {
      sql.append(CANCEL_JOBS_SQL).append(';');
      parts.add((ps, o) -> bindCancellation(ps, o, c));
    }
    PreparedStatement ps = StatementCache.get(physical(), sql.toString());
    int offset = 1;
    for (Part p : parts) {
      offset = p.bind(ps, offset);
    }
    ps.execute();
    statements++;
    for (List<? extends Row> l :
        List.of(
            newWorkflows,
            newTasks,
            newConditions,
            newGenerations,
            newWorkItems,
            newJobs,
            changedWorkflows,
            changedTasks,
            changedConditions,
            changedGenerations,
            changedWorkItems)) {
      l.forEach(Row::flushed);
      l.clear();
    }
    newJobsByOwner.clear();
    jobCancellations.clear();
  }

  private static <R extends Row> void compound(
      StringBuilder sql, List<Part> parts, TableWriter<R> w, List<R> inserts, List<R> updates) {
    if (!inserts.isEmpty()) {
      List<R> rows = List.copyOf(inserts);
      sql.append(w.insertSql(rows.size())).append(';');
      parts.add(
          (ps, o) -> {
            for (R r : rows) {
              o = w.bindInsert(ps, o, r);
            }
            return o;
          });
    }
    for (R r : updates) {
      sql.append(w.updateSql()).append(';');
      parts.add((ps, o) -> w.bindUpdate(ps, o, r));
    }
  }

  private static int bindCancellation(PreparedStatement ps, int o, Object[] c) throws SQLException {
    Params.bind(ps, o, c[0]);
    Params.bind(ps, o + 1, c[1]);
    Params.bind(ps, o + 2, c[2]);
    ps.setString(o + 3, (String) c[3]);
    ps.setString(o + 4, (String) c[3]);
    return o + 5;
  }

  private <R extends Row> void flush(TableWriter<R> w, List<R> inserts, List<R> updates)
      throws SQLException {
    if (!inserts.isEmpty()) {
      w.insert(physical(), inserts);
      statements++;
      inserts.forEach(Row::flushed);
      inserts.clear();
    }
    if (!updates.isEmpty()) {
      w.update(physical(), updates);
      statements++;
      updates.forEach(Row::flushed);
      updates.clear();
    }
  }

  private void flushJobCancellations() throws SQLException {
    if (jobCancellations.isEmpty()) {
      return;
    }
    PreparedStatement ps = StatementCache.get(physical(), CANCEL_JOBS_SQL);
    for (Object[] c : jobCancellations) {
      bindCancellation(ps, 1, c);
      ps.addBatch();
    }
    ps.executeBatch();
    statements++;
    jobCancellations.clear();
  }

  // ---------------------------------------------------------------- jobs

  /** Registers a job, written at flush (in this transaction). */
  public void newJob(
      UUID id,
      UUID rootId,
      JobOwnerKind ownerKind,
      UUID ownerId,
      String ownerTask,
      Integer ownerGeneration,
      String handler,
      String payload,
      Instant runAt,
      int maxAttempts,
      Instant now) {
    new JobRow(
        this,
        id,
        rootId,
        ownerKind,
        ownerId,
        ownerTask,
        ownerGeneration,
        handler,
        payload,
        runAt,
        maxAttempts,
        now);
  }

  /**
   * Cancels the pending jobs of an owner (for a task: of every generation): those registered in
   * this call at once, those already stored at flush when {@code stored} says there may be some.
   */
  public void cancelJobs(
      JobOwnerKind kind, UUID ownerId, String task, boolean stored, Instant now) {
    List<JobRow> fresh = newJobsByOwner.get(ownerId);
    if (fresh != null) {
      for (JobRow j : fresh) {
        if (j.ownedBy(kind, ownerId, task)) {
          j.cancel();
        }
      }
    }
    if (stored) {
      jobCancellations.add(new Object[] {now, ownerId, kind.id(), task});
    }
  }

  // ---------------------------------------------------------------- creation

  public WorkflowRow newWorkflow(
      UUID id,
      UUID rootId,
      UUID parentWorkflowId,
      String parentTaskName,
      Integer parentTaskGeneration,
      String definitionName,
      String definitionVersion,
      String name,
      String payload,
      Instant now) {
    WorkflowRow r =
        new WorkflowRow(
            this,
            false,
            id,
            rootId,
            parentWorkflowId,
            parentTaskName,
            parentTaskGeneration,
            definitionName,
            definitionVersion,
            name,
            WorkflowState.INITIALIZED,
            payload,
            now,
            now);
    workflows.put(id, r);
    return r;
  }

  public TaskRow newTask(UUID workflowId, UUID rootId, String name) {
    return new TaskRow(this, false, workflowId, rootId, name, TaskState.DISABLED, 0);
  }

  /**
   * A condition of a workflow; written at flush only if it holds tokens then (see ConditionRow).
   */
  public ConditionRow newCondition(UUID workflowId, UUID rootId, String name, int marking) {
    return new ConditionRow(this, false, workflowId, rootId, name, marking);
  }

  /**
   * Starts a new generation of a task (its row must already carry the new generation number): the
   * new counters are stored in the task row; the generation they replace is archived to {@code
   * tq_task_generation}.
   */
  public TaskGenerationRow newGeneration(TaskRow task, int generation, Instant now) {
    TaskGenerationRow previous = task.currentGeneration();
    if (previous != null) {
      previous.archive();
    }
    TaskGenerationRow g =
        new TaskGenerationRow(
            this,
            false,
            task,
            task.workflowId,
            task.rootId,
            task.name,
            generation,
            now,
            TaskStats.EMPTY);
    task.host(g);
    task.generationChanged();
    return g;
  }

  public WorkItemRow newWorkItem(
      UUID id,
      UUID rootId,
      UUID workflowId,
      String taskName,
      int generation,
      String name,
      String payload,
      Instant now) {
    WorkItemRow r =
        new WorkItemRow(
            this,
            false,
            id,
            rootId,
            workflowId,
            taskName,
            generation,
            name,
            WorkItemState.INITIALIZED,
            payload,
            now,
            now);
    workItems.put(id, r);
    return r;
  }

  // ---------------------------------------------------------------- loading

  private PreparedStatement prepare(String sql) throws SQLException {
    statements++;
    return StatementCache.get(physical(), sql);
  }

  private WorkflowRow workflowRow(ResultSet rs) throws SQLException {
    return workflowRow(rs, "");
  }

  /** Reads a workflow row whose column names carry {@code prefix}. */
  private WorkflowRow workflowRow(ResultSet rs, String prefix) throws SQLException {
    UUID id = Params.uuid(rs, prefix + "id");
    WorkflowRow known = workflows.get(id);
    if (known != null) {
      return known;
    }
    WorkflowRow r =
        new WorkflowRow(
            this,
            true,
            id,
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
    workflows.put(id, r);
    return r;
  }

  private static final String LOCK_ROOT =
      "select " + WORKFLOW_COLUMNS + " from tq_workflow where id = ? for update";
  private static final String LOCK_ROOT_OF_WORKFLOW =
      "select "
          + WORKFLOW_COLUMNS
          + " from tq_workflow"
          + " where id = (select root_id from tq_workflow where id = ?) for update";
  private static final String LOCK_ROOT_OF_WORK_ITEM =
      "select "
          + WORKFLOW_COLUMNS
          + " from tq_workflow"
          + " where id = (select root_id from tq_work_item where id = ?) for update";

  /**
   * Locks the root workflow row for the rest of the transaction (serializing calls on its tree) and
   * returns it.
   */
  public Optional<WorkflowRow> lockRoot(UUID rootId) {
    return lock(LOCK_ROOT, rootId);
  }

  /**
   * Locks the root of the tree the workflow belongs to (one round trip) and returns the root row;
   * empty when there is no such workflow.
   */
  public Optional<WorkflowRow> lockRootOfWorkflow(UUID workflowId) {
    return lock(LOCK_ROOT_OF_WORKFLOW, workflowId);
  }

  /** Locks the root of the tree the work item belongs to and returns the root row. */
  public Optional<WorkflowRow> lockRootOfWorkItem(UUID workItemId) {
    return lock(LOCK_ROOT_OF_WORK_ITEM, workItemId);
  }

  /** Runs one of the root-locking statements above. */
  private Optional<WorkflowRow> lock(String sql, UUID id) {
    try {
      PreparedStatement ps = prepare(sql);
      Params.bind(ps, 1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(workflowRow(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  /** A workflow row (from this session if already loaded). */
  public Optional<WorkflowRow> workflow(UUID id) {
    WorkflowRow known = workflows.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    String sql = "select " + WORKFLOW_COLUMNS + " from tq_workflow where id = ?";
    try {
      PreparedStatement ps = prepare(sql);
      Params.bind(ps, 1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(workflowRow(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  /** The root id of a workflow, without loading or locking anything. */
  public Optional<UUID> rootOfWorkflow(UUID id) {
    WorkflowRow known = workflows.get(id);
    if (known != null) {
      return Optional.of(known.rootId);
    }
    return queryUuid("select root_id from tq_workflow where id = ?", id);
  }

  /** The root id of a work item's tree, without loading or locking anything. */
  public Optional<UUID> rootOfWorkItem(UUID id) {
    WorkItemRow known = workItems.get(id);
    if (known != null) {
      return Optional.of(known.rootId);
    }
    return queryUuid("select root_id from tq_work_item where id = ?", id);
  }

  private Optional<UUID> queryUuid(String sql, UUID id) {
    try {
      PreparedStatement ps = prepare(sql);
      Params.bind(ps, 1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  /** The task, condition and current-generation rows of one workflow instance. */
  public record WorkflowRows(
      List<TaskRow> tasks,
      Map<String, TaskGenerationRow> currentGenerations,
      List<ConditionRow> conditions) {}

  private static String workflowRowsSql(String workflowId) {
    return "select 'T' as kind, t.workflow_id, t.name, t.root_id, t.state, t.generation,"
        + " 0 as marking, t.has_jobs,"
        + " t.total, t.initialized, t.started, t.completed, t.failed, t.canceled, t.enabled_at"
        + " from tq_task t where t.workflow_id = "
        + workflowId
        + " union all"
        + " select 'C', c.workflow_id, c.name, c.root_id, null, 0, c.marking, false,"
        + " null, null, null, null, null, null, null"
        + " from tq_condition c where c.workflow_id = "
        + workflowId;
  }

  private static final String WORKFLOW_ROWS_BY_ID = workflowRowsSql("?");

  /** Loads the tasks (with their current generation's counters) and conditions of a workflow. */
  public WorkflowRows loadWorkflowRows(UUID workflowId) {
    WorkflowRows known = prefetched.remove(workflowId);
    if (known != null) {
      return known;
    }
    try {
      PreparedStatement ps = prepare(WORKFLOW_ROWS_BY_ID);
      Params.bind(ps, 1, workflowId);
      Params.bind(ps, 2, workflowId);
      try (ResultSet rs = ps.executeQuery()) {
        return readWorkflowRows(rs)
            .getOrDefault(workflowId, new WorkflowRows(List.of(), Map.of(), List.of()));
      }
    } catch (SQLException e) {
      throw SqlDb.failed(WORKFLOW_ROWS_BY_ID, e);
    }
  }

  private Map<UUID, WorkflowRows> readWorkflowRows(ResultSet rs) throws SQLException {
    Map<UUID, WorkflowRows> out = new HashMap<>();
    while (rs.next()) {
      UUID workflowId = Params.uuid(rs, "workflow_id");
      WorkflowRows rows =
          out.computeIfAbsent(
              workflowId,
              k -> new WorkflowRows(new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>()));
      String name = rs.getString("name");
      UUID rootId = Params.uuid(rs, "root_id");
      if ("T".equals(rs.getString("kind"))) {
        int gen = rs.getInt("generation");
        TaskRow task =
            new TaskRow(
                this, true, workflowId, rootId, name, States.task(rs.getString("state")), gen);
        task.loadedHasJobs(rs.getBoolean("has_jobs"));
        rows.tasks().add(task);
        Instant enabledAt = Params.instant(rs, "enabled_at");
        if (enabledAt != null) {
          TaskGenerationRow current =
              new TaskGenerationRow(
                  this, false, task, workflowId, rootId, name, gen, enabledAt, counters(rs));
          task.host(current);
          rows.currentGenerations().put(name, current);
        }
      } else {
        rows.conditions()
            .add(new ConditionRow(this, true, workflowId, rootId, name, rs.getInt("marking")));
      }
    }
    return out;
  }

  /** Lock the root of a work item's tree; the work item with its workflow; that workflow's rows. */
  private static final String LOCK_AND_LOAD_WORK_ITEM =
      LOCK_ROOT_OF_WORK_ITEM
          + ";"
          + "select "
          + WORK_ITEM_WITH_WORKFLOW_COLUMNS
          + " from tq_work_item wi"
          + " join tq_workflow w on w.id = wi.workflow_id where wi.id = ?;"
          + workflowRowsSql("(select workflow_id from tq_work_item where id = ?)");

  /** Both lock-and-load statements take the element's id four times (and nothing else). */
  private static final int LOCK_AND_LOAD_PARAMETERS = 4;

  /** Lock the root of a workflow's tree; the workflow; its rows. */
  private static final String LOCK_AND_LOAD_WORKFLOW =
      LOCK_ROOT_OF_WORKFLOW
          + ";"
          + "select "
          + WORKFLOW_COLUMNS
          + " from tq_workflow where id = ?;"
          + WORKFLOW_ROWS_BY_ID;

  /**
   * Locks the root of a work item's tree and loads the work item, its workflow row and that
   * workflow's tasks and conditions: one round trip on PostgreSQL (a compound statement; every
   * statement after the lock reads what was committed before the lock was granted).
   */
  public Optional<WorkItemRow> lockAndLoadWorkItem(UUID workItemId) {
    if (!compound) {
      if (lockRootOfWorkItem(workItemId).isEmpty()) {
        return Optional.empty();
      }
      return workItem(workItemId);
    }
    return lockAndLoad(
        LOCK_AND_LOAD_WORK_ITEM,
        workItemId,
        rs -> {
          WorkItemRow wi = workItemRow(rs);
          workflowRow(rs, "w_");
          return wi;
        });
  }

  /**
   * Locks the root of a workflow's tree and loads the workflow row with its tasks and conditions:
   * one round trip on PostgreSQL. Empty when there is no such workflow.
   */
  public Optional<WorkflowRow> lockAndLoadWorkflow(UUID workflowId) {
    if (!compound) {
      if (lockRootOfWorkflow(workflowId).isEmpty()) {
        return Optional.empty();
      }
      return workflow(workflowId);
    }
    return lockAndLoad(LOCK_AND_LOAD_WORKFLOW, workflowId, this::workflowRow);
  }

  /**
   * Runs a lock-and-load compound statement whose every parameter is {@code id}: its results are
   * the locked root, the element (read by {@code element}) and the rows of the element's workflow,
   * which are kept for {@link #loadWorkflowRows}. Empty when the root or the element is missing.
   */
  private <R> Optional<R> lockAndLoad(String sql, UUID id, RowReader<R> element) {
    try {
      PreparedStatement ps = prepare(sql);
      for (int i = 1; i <= LOCK_AND_LOAD_PARAMETERS; i++) {
        Params.bind(ps, i, id);
      }
      ps.execute();
      boolean locked;
      try (ResultSet rs = ps.getResultSet()) {
        locked = rs.next();
        if (locked) {
          workflowRow(rs);
        }
      }
      ps.getMoreResults();
      R found = null;
      try (ResultSet rs = ps.getResultSet()) {
        if (rs.next()) {
          found = element.read(rs);
        }
      }
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        readWorkflowRows(rs).forEach(prefetched::putIfAbsent);
      }
      return locked ? Optional.ofNullable(found) : Optional.empty();
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  /** The columns total, initialized, started, completed, failed and canceled of a row. */
  private static TaskStats counters(ResultSet rs) throws SQLException {
    return new TaskStats(
        rs.getLong("total"),
        rs.getLong("initialized"),
        rs.getLong("started"),
        rs.getLong("completed"),
        rs.getLong("failed"),
        rs.getLong("canceled"));
  }

  /** The counters of an archived (older) generation of a task. */
  public Optional<TaskGenerationRow> loadGeneration(UUID workflowId, String task, int generation) {
    String sql =
        "select root_id, total, initialized, started, completed, failed, canceled, enabled_at"
            + " from tq_task_generation where workflow_id = ? and task_name = ? and generation = ?";
    try {
      PreparedStatement ps = prepare(sql);
      Params.bindAll(ps, workflowId, task, generation);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TaskGenerationRow(
                this,
                true,
                null,
                workflowId,
                Params.uuid(rs, "root_id"),
                task,
                generation,
                Params.instant(rs, "enabled_at"),
                counters(rs)));
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  private WorkItemRow workItemRow(ResultSet rs) throws SQLException {
    UUID id = Params.uuid(rs, "id");
    WorkItemRow known = workItems.get(id);
    if (known != null) {
      return known;
    }
    WorkItemRow r =
        new WorkItemRow(
            this,
            true,
            id,
            Params.uuid(rs, "root_id"),
            Params.uuid(rs, "workflow_id"),
            rs.getString("task_name"),
            rs.getInt("task_generation"),
            rs.getString("name"),
            States.workItem(rs.getString("state")),
            rs.getString("payload"),
            Params.instant(rs, "created_at"),
            Params.instant(rs, "updated_at"));
    r.loadedHasJobs(rs.getBoolean("has_jobs"));
    r.loadedResult(rs.getString("result_payload"));
    workItems.put(id, r);
    return r;
  }

  /** A work item row (from this session if already loaded). */
  public Optional<WorkItemRow> workItem(UUID id) {
    WorkItemRow known = workItems.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    String sql = "select " + WORK_ITEM_COLUMNS + " from tq_work_item where id = ?";
    try {
      PreparedStatement ps = prepare(sql);
      Params.bind(ps, 1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(workItemRow(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
  }

  /**
   * The work items of one task generation in the given states (all states when empty), oldest
   * first. Flushes pending writes first.
   */
  public List<WorkItemRow> workItems(
      UUID workflowId, String task, int generation, Collection<WorkItemState> states) {
    return workItemPage(workflowId, task, generation, states, null, 0).rows();
  }

  /**
   * One page of {@link #workItems}: at most {@code size} rows (all when 0) after the row at {@code
   * after} (from the first when null). Flushes first.
   */
  public Page<WorkItemRow> workItemPage(
      UUID workflowId,
      String task,
      int generation,
      Collection<WorkItemState> states,
      Position after,
      int size) {
    return rowsOfGeneration(
        WORK_ITEM_COLUMNS
            + " from tq_work_item where workflow_id = ? and task_name = ?"
            + " and task_generation = ?",
        new Key(workflowId, task, generation),
        states.stream().map(WorkItemState::id).toList(),
        after,
        size,
        this::workItemRow);
  }

  /**
   * The child workflows of one composite task generation in the given states (all when empty),
   * oldest first. Flushes first.
   */
  public List<WorkflowRow> childWorkflows(
      UUID parentWorkflowId, String task, int generation, Collection<WorkflowState> states) {
    return childWorkflowPage(parentWorkflowId, task, generation, states, null, 0).rows();
  }

  /** One page of {@link #childWorkflows}, as {@link #workItemPage} is of work items. */
  public Page<WorkflowRow> childWorkflowPage(
      UUID parentWorkflowId,
      String task,
      int generation,
      Collection<WorkflowState> states,
      Position after,
      int size) {
    return rowsOfGeneration(
        WORKFLOW_COLUMNS
            + " from tq_workflow where parent_workflow_id = ? and parent_task_name = ?"
            + " and parent_task_generation = ?",
        new Key(parentWorkflowId, task, generation),
        states.stream().map(WorkflowState::id).toList(),
        after,
        size,
        this::workflowRow);
  }

  /**
   * Where a row stands in the order of the rows of its task generation (creation time, then id): a
   * page that follows it starts after it.
   */
  public record Position(Instant createdAt, UUID id) {}

  /** A page of rows, oldest first, and the position of its last row (null when empty). */
  public record Page<R>(List<R> rows, Position last) {}

  /** Reads one result row. */
  @FunctionalInterface
  private interface RowReader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  /** The owner of a generation's rows: workflow, task name and generation. */
  private record Key(UUID workflowId, String task, int generation) {}

  /** Rows after a position in (created_at, id) order; the position is bound three times. */
  private static final String AFTER = " and (created_at > ? or (created_at = ? and id > ?))";

  /**
   * The rows a task generation owns ({@code columnsAndFilter} binds owner workflow, task name and
   * generation), restricted to the given state ids unless empty, oldest first: at most {@code size}
   * (all when 0) after {@code after} (from the first when null). Each page is one indexed query on
   * the generation's rows; the position of a page's last row is read from the database, so the next
   * page starts exactly after it.
   */
  private <R> Page<R> rowsOfGeneration(
      String columnsAndFilter,
      Key owner,
      List<String> stateIds,
      Position after,
      int size,
      RowReader<R> reader) {
    flush();
    StringBuilder sql = new StringBuilder("select ").append(columnsAndFilter);
    if (!stateIds.isEmpty()) {
      sql.append(" and state in (");
      for (int i = 0; i < stateIds.size(); i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(')');
    }
    if (after != null) {
      sql.append(AFTER);
    }
    sql.append(" order by created_at, id");
    if (size > 0) {
      sql.append(" fetch first ").append(size).append(" rows only");
    }
    List<R> out = new ArrayList<>();
    Position last = null;
    try {
      PreparedStatement ps = prepare(sql.toString());
      int p = 1;
      Params.bind(ps, p++, owner.workflowId());
      Params.bind(ps, p++, owner.task());
      ps.setInt(p++, owner.generation());
      for (String state : stateIds) {
        Params.bind(ps, p++, state);
      }
      if (after != null) {
        Params.bind(ps, p++, after.createdAt());
        Params.bind(ps, p++, after.createdAt());
        Params.bind(ps, p++, after.id());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
          last = new Position(Params.instant(rs, "created_at"), Params.uuid(rs, "id"));
        }
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql.toString(), e);
    }
    return new Page<>(out, last);
  }

  /** Ids of the child workflows of a composite task generation (of one type, or all when null). */
  public List<UUID> childWorkflowIds(
      UUID parentWorkflowId, String task, int generation, String name) {
    flush();
    String sql =
        "select id from tq_workflow where parent_workflow_id = ? and parent_task_name = ?"
            + " and parent_task_generation = ?"
            + (name == null ? "" : " and name = ?")
            + " order by created_at, id";
    List<UUID> out = new ArrayList<>();
    try {
      PreparedStatement ps = prepare(sql);
      Params.bindAll(ps, parentWorkflowId, task, generation);
      if (name != null) {
        Params.bind(ps, 4, name);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
    return out;
  }

  /** Ids of all work items of one task generation, oldest first. Flushes first. */
  public List<UUID> workItemIds(UUID workflowId, String task, int generation) {
    flush();
    String sql =
        "select id from tq_work_item where workflow_id = ? and task_name = ?"
            + " and task_generation = ? order by created_at, id";
    List<UUID> out = new ArrayList<>();
    try {
      PreparedStatement ps = prepare(sql);
      Params.bindAll(ps, workflowId, task, generation);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw SqlDb.failed(sql, e);
    }
    return out;
  }
}

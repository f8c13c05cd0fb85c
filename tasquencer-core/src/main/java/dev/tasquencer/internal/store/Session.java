package dev.tasquencer.internal.store;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.internal.lifecycle.AllocationEvent;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.TransitionObserver;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.lifecycle.WorkflowEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store as one engine call sees it: one connection inside one transaction. Rows created or
 * changed through it are written at {@link #flush()} ({@link UnitOfWork}); reads of sets of rows
 * flush first, so they always see the call's own changes. Each workflow and work item is one row
 * object per call ({@link LoadedRows}); how the call's lock is taken and its rows loaded depends on
 * the dialect ({@link LockAndLoad}).
 */
public final class Session {
  private final Statements statements;
  private final SqlDb db;
  private final UnitOfWork work;
  private final LoadedRows loaded;
  private Supplier<String> traceContext = () -> null;
  private final RootLocks locks;
  private final RowLookup lookup;
  private final LockAndLoad lockAndLoad;
  private final GenerationChildren children;
  private final HistoryReads history;

  /** The allocations this call created or read, by work item (empty: read, there is none). */
  private final Map<UUID, Optional<AllocationRow>> allocations = new HashMap<>();

  /** The batch of each root that takes this call's next events, until it is flushed or full. */
  private final Map<UUID, HistoryRow> historyBatches = new HashMap<>();

  /**
   * Applies the engine's session settings to a connection, once per physical connection. Call it
   * before the call's transaction begins: the settings are committed at once.
   */
  public static void initConnection(Connection c, Dialect dialect, SessionSettings settings)
      throws SQLException {
    StatementCache.initOnce(c, dialect, settings);
  }

  private final TransitionApplier transitions;
  private final Dialect dialect;

  /** The database's dialect, for the few queries written per dialect. */
  Dialect dialect() {
    return dialect;
  }

  public Session(Connection connection, Dialect dialect) {
    this(connection, dialect, List.of());
  }

  /** A session whose transitions are reported to {@code observers} (see {@link #transitions}). */
  public Session(Connection connection, Dialect dialect, List<TransitionObserver> observers) {
    this.dialect = dialect;
    this.transitions = new TransitionApplier(this, observers);
    this.statements = new Statements(connection);
    this.db = new SqlDb(connection);
    this.work = new UnitOfWork(statements, dialect);
    this.loaded = new LoadedRows(this);
    this.locks = new RootLocks(statements, loaded);
    this.lookup = new RowLookup(this, statements, loaded);
    this.lockAndLoad = LockAndLoad.forDialect(dialect, this, statements, loaded, locks, lookup);
    this.children = new GenerationChildren(statements, loaded);
    this.history = new HistoryReads(statements);
  }

  public Db db() {
    return db;
  }

  /** Applies this call's transitions to its rows, and reports them to its observers. */
  public TransitionApplier transitions() {
    return transitions;
  }

  /** The first failed SQL statement of user code in this call, even if the error was caught. */
  public Optional<DataAccessException> userSqlFailure() {
    return db.firstFailure();
  }

  public Connection connection() {
    return statements.connection();
  }

  // ---------------------------------------------------------------- pending writes

  void inserted(Row r) {
    work.inserted(r);
  }

  void updated(Row r) {
    work.updated(r);
  }

  /**
   * Writes every pending insert and update: on PostgreSQL a small flush is one compound statement
   * (one round trip); larger ones use multi-row inserts and batches per table.
   */
  public void flush() {
    work.flush();
  }

  /**
   * Records on each root this call locked that the call commits at {@code now} ({@link
   * WorkflowRow#lastCallAt()}, what a search for stuck instances reads); written by the next flush.
   */
  public void called(Instant now) {
    loaded.called(now);
  }

  // ---------------------------------------------------------------- jobs

  /** Registers a job, written at flush (in this transaction). */
  public void newJob(
      UUID id,
      UUID rootId,
      @Nullable JobOwnerKind ownerKind,
      @Nullable UUID ownerId,
      @Nullable String ownerTask,
      @Nullable Integer ownerGeneration,
      String handler,
      @Nullable String payload,
      Instant runAt,
      int maxAttempts,
      @Nullable String retryPolicy,
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
        retryPolicy,
        now,
        traceContext.get());
  }

  /**
   * Where the jobs registered from now on take their trace context (a W3C {@code traceparent}, or
   * null): the current span's, read when a job is registered.
   */
  public void traceContext(Supplier<String> source) {
    this.traceContext = source;
  }

  /** A workflow row this session has loaded or created, without reading the database. */
  public Optional<WorkflowRow> loadedWorkflow(UUID id) {
    return Optional.ofNullable(loaded.workflow(id));
  }

  /** A work item row this session has loaded or created, without reading the database. */
  public Optional<WorkItemRow> loadedWorkItem(UUID id) {
    return Optional.ofNullable(loaded.workItem(id));
  }

  /**
   * Cancels the pending jobs of an owner (for a task: of every generation): those registered in
   * this call at once, those already stored at flush when {@code stored} says there may be some;
   * all but the jobs of {@code keepHandler} when it is not null.
   */
  public void cancelJobs(
      JobOwnerKind kind,
      UUID ownerId,
      @Nullable String task,
      @Nullable String keepHandler,
      boolean stored,
      Instant now) {
    work.cancelJobs(kind, ownerId, task, keepHandler, stored, now);
  }

  /**
   * A message for the outbox (a notifying deadline), written at flush with the call's other writes.
   */
  public void newOutboxMessage(
      UUID id, UUID rootId, UUID workItemId, String kind, String payload, Instant now) {
    new OutboxTable.OutboxRow(this, id, rootId, workItemId, kind, payload, now);
  }

  // ---------------------------------------------------------------- history

  /**
   * Appends an event to its root's history, written at flush: it gets the next number of the root's
   * sequence (kept on the root's row; the event's own {@code seq} is ignored) and joins the root's
   * open batch (one row for the events of a call, see {@link HistoryRow}). The root must be locked
   * by this call, or created by it.
   *
   * @throws IllegalStateException when the call does not hold the root's lock: the sequence would
   *     not be safe from concurrent calls
   */
  public long appendHistory(HistoryEvent event) {
    WorkflowRow root = loaded.workflow(event.rootId());
    if (root == null || !(root.createdInCall() || loaded.holdsLock(root.id))) {
      throw new IllegalStateException(
          "history of root workflow "
              + event.rootId()
              + " was written by a call that does not hold the root's lock; every command must"
              + " lock its root before it changes anything (this is a bug of the engine)");
    }
    long seq = root.nextHistorySeq();
    HistoryRow batch = historyBatches.get(root.id);
    if (batch != null && batch.takes(event, seq)) {
      batch.add(event, seq);
    } else {
      historyBatches.put(root.id, new HistoryRow(this, event, seq));
    }
    return seq;
  }

  /** The first root this call locked; empty when it locked none. */
  public Optional<UUID> firstLockedRoot() {
    return Optional.ofNullable(loaded.firstLockedRoot());
  }

  /** Whether this call locked the root row {@code rootId} (a root it created needs no lock). */
  public boolean holdsRootLock(UUID rootId) {
    return loaded.holdsLock(rootId);
  }

  /** At most {@code limit} events of a root after {@code afterSeq} matching the filter. */
  public List<HistoryEvent> historyPage(
      UUID rootId, HistoryFilter filter, long afterSeq, int limit) {
    return history.page(rootId, filter, afterSeq, limit);
  }

  /** The events of a root with {@code after < seq <= upTo}, in order. */
  public List<HistoryEvent> historyRange(UUID rootId, long after, long upTo) {
    return history.range(rootId, after, upTo);
  }

  /** The number of a root's last event at or before {@code at}; 0 when there is none. */
  public long historySeqAt(UUID rootId, Instant at) {
    return history.lastSeqAt(rootId, at);
  }

  /** The checkpoint of a root's history nearest before or at {@code seq}. */
  public Optional<CheckpointTable.Checkpoint> historyCheckpoint(UUID rootId, long seq) {
    return CheckpointTable.nearest(statements, rootId, seq);
  }

  /** Every work item of a workflow (all tasks and generations), oldest first. Flushes first. */
  public List<WorkItemRow> allWorkItems(UUID workflowId) {
    flush();
    return children.allWorkItems(workflowId);
  }

  /** Every child workflow of a workflow (all composite tasks and generations), oldest first. */
  public List<WorkflowRow> allChildWorkflows(UUID workflowId) {
    flush();
    return children.allChildWorkflows(workflowId);
  }

  /** The failed attempts on a root tree, newest first. */
  public List<FailedAttempt> failedAttempts(UUID rootId, int limit) {
    return statements.all(FailedAttemptTable.BY_ROOT, FailedAttemptTable::read, rootId, limit);
  }

  /** The failed attempts at or after an instant, newest first. */
  public List<FailedAttempt> failedAttemptsSince(Instant since, int limit) {
    return statements.all(FailedAttemptTable.SINCE, FailedAttemptTable::read, since, limit);
  }

  // ---------------------------------------------------------------- creation

  public WorkflowRow newWorkflow(
      UUID id,
      UUID rootId,
      @Nullable UUID parentWorkflowId,
      @Nullable String parentTaskName,
      @Nullable Integer parentTaskGeneration,
      String definitionName,
      String definitionVersion,
      String name,
      @Nullable String payload,
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
            Lifecycles.WORKFLOW.creation(WorkflowEvent.INITIALIZE).to(),
            payload,
            now,
            now);
    loaded.add(r);
    return r;
  }

  /** A task of a new workflow: disabled, before its first generation (the task table's start). */
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
      @Nullable String payload,
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
            Lifecycles.WORK_ITEM.creation(WorkItemEvent.INITIALIZE).to(),
            payload,
            now,
            now);
    loaded.add(r);
    return r;
  }

  /**
   * The allocation of a work item that is being offered, in state offered, with its offer's
   * targets; written at flush. Report it with {@link TransitionApplier#allocationCreated}.
   */
  public AllocationRow newAllocation(
      WorkItemRow workItem,
      String workflowName,
      String workflowVersion,
      Offer offer,
      QueueData queue,
      Instant now) {
    AllocationRow r =
        new AllocationRow(
            this,
            false,
            workItem.rootId,
            workItem.id,
            workItem.workflowId,
            workflowName,
            workflowVersion,
            workItem.taskName,
            workItem.taskGeneration,
            offer,
            queue,
            Lifecycles.ALLOCATION.creation(AllocationEvent.OFFER).to(),
            null,
            null,
            now,
            now);
    targets(r);
    allocations.put(workItem.id, Optional.of(r));
    return r;
  }

  /** The target rows of an allocation's offer, inserted at flush. */
  private void targets(AllocationRow a) {
    Offer offer = a.offer();
    offer.users().forEach(u -> target(a, OfferTargetTable.Kind.USER, u));
    offer.groups().forEach(g -> target(a, OfferTargetTable.Kind.GROUP, g));
    offer.scopes().forEach(s -> target(a, OfferTargetTable.Kind.SCOPE, s));
  }

  private void target(AllocationRow a, OfferTargetTable.Kind kind, String target) {
    new OfferTargetTable.TargetRow(this, a.rootId, a.workItemId, kind, target);
  }

  /**
   * Replaces the stored targets of an allocation by those of its current offer (an escalation): the
   * old rows are deleted at flush before the new ones are inserted. The allocation must be stored
   * already.
   */
  void replaceOfferTargets(AllocationRow a) {
    if (a.isNew()) {
      throw new IllegalStateException(
          "the allocation of work item "
              + a.workItemId
              + " is re-offered in the call that created it; an escalation runs in a later call"
              + " (this is a bug of the engine)");
    }
    work.deleteOfferTargets(a.rootId, a.workItemId);
    targets(a);
  }

  /**
   * The allocation of a work item (from this session if already read or created): one indexed read
   * by its key, the first time a call asks. Empty when the work item was not offered.
   */
  public Optional<AllocationRow> allocation(WorkItemRow workItem) {
    Optional<AllocationRow> known = allocations.get(workItem.id);
    if (known != null) {
      return known;
    }
    Optional<AllocationRow> read =
        workItem.isNew()
            ? Optional.empty()
            : statements.result(
                AllocationTable.BY_KEY,
                rs -> AllocationTable.read(this, rs),
                workItem.rootId,
                workItem.id);
    allocations.put(workItem.id, read);
    return read;
  }

  /** The allocation of a work item if this call has read or created it, without reading. */
  public Optional<AllocationRow> loadedAllocation(UUID workItemId) {
    Optional<AllocationRow> known = allocations.get(workItemId);
    return known == null ? Optional.empty() : known;
  }

  // ---------------------------------------------------------------- locking and loading

  /**
   * Locks the root workflow row for the rest of the transaction (serializing calls on its tree) and
   * returns it.
   */
  public Optional<WorkflowRow> lockRoot(UUID rootId) {
    return locks.lock(RootLocks.ROOT, rootId);
  }

  /**
   * Locks the root of the tree the workflow belongs to (one round trip) and returns the root row;
   * empty when there is no such workflow.
   */
  public Optional<WorkflowRow> lockRootOfWorkflow(UUID workflowId) {
    return locks.lock(RootLocks.ROOT_OF_WORKFLOW, workflowId);
  }

  /** Locks the root of the tree the work item belongs to and returns the root row. */
  public Optional<WorkflowRow> lockRootOfWorkItem(UUID workItemId) {
    return locks.lock(RootLocks.ROOT_OF_WORK_ITEM, workItemId);
  }

  /**
   * Locks the root of a work item's tree and loads the work item, its workflow row and that
   * workflow's tasks and conditions: one round trip on PostgreSQL.
   */
  public Optional<WorkItemRow> lockAndLoadWorkItem(UUID workItemId) {
    return lockAndLoad.workItem(workItemId);
  }

  /**
   * Locks the root of a workflow's tree and loads the workflow row with its tasks and conditions:
   * one round trip on PostgreSQL. Empty when there is no such workflow.
   */
  public Optional<WorkflowRow> lockAndLoadWorkflow(UUID workflowId) {
    return lockAndLoad.workflow(workflowId);
  }

  /** A workflow row (from this session if already loaded). */
  public Optional<WorkflowRow> workflow(UUID id) {
    return lookup.workflow(id);
  }

  /** A work item row (from this session if already loaded). */
  public Optional<WorkItemRow> workItem(UUID id) {
    return lookup.workItem(id);
  }

  /** The root id of a workflow, without loading or locking anything. */
  public Optional<UUID> rootOfWorkflow(UUID id) {
    return lookup.rootOfWorkflow(id);
  }

  /** The root id of a work item's tree, without loading or locking anything. */
  public Optional<UUID> rootOfWorkItem(UUID id) {
    return lookup.rootOfWorkItem(id);
  }

  /** The task, condition and current-generation rows of one workflow instance. */
  public record WorkflowRows(
      List<TaskRow> tasks,
      Map<String, TaskGenerationRow> currentGenerations,
      List<ConditionRow> conditions) {
    static final WorkflowRows NONE = new WorkflowRows(List.of(), Map.of(), List.of());
  }

  /** Loads the tasks (with their current generation's counters) and conditions of a workflow. */
  public WorkflowRows loadWorkflowRows(UUID workflowId) {
    return lookup.workflowRows(workflowId);
  }

  /** The counters of an archived (older) generation of a task. */
  public Optional<TaskGenerationRow> loadGeneration(UUID workflowId, String task, int generation) {
    return lookup.generation(workflowId, task, generation);
  }

  // ---------------------------------------------------------------- children of a generation

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
      @Nullable Position after,
      int size) {
    flush();
    return children.workItems(workflowId, task, generation, states, after, size);
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
      @Nullable Position after,
      int size) {
    flush();
    return children.childWorkflows(parentWorkflowId, task, generation, states, after, size);
  }

  /**
   * Where a row stands in the order of the rows of its task generation (creation time, then id): a
   * page that follows it starts after it.
   */
  public record Position(Instant createdAt, UUID id) {}

  /** A page of rows, oldest first, and the position of its last row (null when empty). */
  public record Page<R>(List<R> rows, @Nullable Position last) {}

  /** Ids of the child workflows of a composite task generation (of one type, or all when null). */
  public List<UUID> childWorkflowIds(
      UUID parentWorkflowId, String task, int generation, @Nullable String name) {
    flush();
    return children.childWorkflowIds(parentWorkflowId, task, generation, name);
  }

  /** Ids of all work items of one task generation, oldest first. Flushes first. */
  public List<UUID> workItemIds(UUID workflowId, String task, int generation) {
    flush();
    return children.workItemIds(workflowId, task, generation);
  }
}

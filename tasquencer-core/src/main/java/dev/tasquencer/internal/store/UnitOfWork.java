package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobOwnerKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one call that are still to be sent: rows created or changed, jobs registered and
 * job cancellations. {@link #flush} sends them all; on a dialect with compound statements a small
 * flush is one round trip, otherwise each table's rows go as multi-row inserts and update batches.
 */
final class UnitOfWork {
  /** A flush with at most this many rows and statements is sent as one compound statement. */
  private static final int COMPOUND_LIMIT = 48;

  /**
   * History events join a compound statement as multi-row inserts of at most {@link
   * TableWriter#ROWS_PER_INSERT} rows each; a flush with more than this many goes in batches.
   */
  private static final int COMPOUND_HISTORY_LIMIT = 4 * TableWriter.ROWS_PER_INSERT;

  private final Statements statements;
  private final boolean compound;
  private final PendingRows<ConditionRow> conditions;

  /** History events, inserted after every instance row (never counted as engine rows). */
  private final PendingRows<HistoryRow> history;

  /** Every table's pending rows, in the order they are written (parents before children). */
  private final List<PendingRows<?>> inWriteOrder;

  private final Map<UUID, List<JobRow>> newJobsByOwner = new HashMap<>();
  private final List<JobCancellation> jobCancellations = new ArrayList<>();

  /** Allocations whose stored targets are deleted first (an escalation re-inserts them). */
  private final List<OfferTargetTable.Deletion> targetDeletions = new ArrayList<>();

  /** Pending outbox messages (a notifying deadline). */
  private final PendingRows<OutboxTable.OutboxRow> outbox;

  UnitOfWork(Statements statements, Dialect dialect) {
    this.statements = statements;
    this.compound = dialect.supportsCompoundStatements();
    Tables tables = Tables.of(dialect);
    conditions = new PendingRows<>(ConditionRow.class, tables.condition);
    inWriteOrder =
        List.of(
            new PendingRows<>(WorkflowRow.class, tables.workflow),
            new PendingRows<>(TaskRow.class, tables.task),
            conditions,
            new PendingRows<>(TaskGenerationRow.class, tables.generation),
            new PendingRows<>(WorkItemRow.class, tables.workItem),
            new PendingRows<>(AllocationRow.class, tables.allocation),
            new PendingRows<>(OfferTargetTable.TargetRow.class, tables.offerTarget),
            new PendingRows<>(JobRow.class, tables.job));
    history = new PendingRows<>(HistoryRow.class, tables.history);
    outbox = new PendingRows<>(OutboxTable.OutboxRow.class, tables.outbox);
  }

  void inserted(Row r) {
    if (r instanceof HistoryRow h) {
      history.addInsert(h);
      return;
    }
    if (r instanceof OutboxTable.OutboxRow o) {
      outbox.addInsert(o);
      return;
    }
    if (r instanceof JobRow j && j.ownerId != null) {
      newJobsByOwner.computeIfAbsent(j.ownerId, k -> new ArrayList<>()).add(j);
    }
    for (PendingRows<?> p : inWriteOrder) {
      if (p.addInsert(r)) {
        return;
      }
    }
  }

  void updated(Row r) {
    for (PendingRows<?> p : inWriteOrder) {
      if (p.addUpdate(r)) {
        return;
      }
    }
  }

  /**
   * Cancels the pending jobs of an owner (for a task: of every generation): those registered in
   * this call at once, those already stored at flush when {@code stored} says there may be some.
   */
  void cancelJobs(
      JobOwnerKind kind,
      UUID ownerId,
      @Nullable String task,
      @Nullable String keepHandler,
      boolean stored,
      Instant now) {
    List<JobRow> fresh = newJobsByOwner.get(ownerId);
    if (fresh != null) {
      for (JobRow j : fresh) {
        if (j.ownedBy(kind, ownerId, task) && !j.handler.equals(keepHandler)) {
          j.cancel();
        }
      }
    }
    if (stored) {
      jobCancellations.add(new JobCancellation(now, ownerId, kind, task, keepHandler));
    }
  }

  /** Deletes the stored offer targets of an allocation, before this flush inserts new ones. */
  void deleteOfferTargets(UUID rootId, UUID workItemId) {
    targetDeletions.add(new OfferTargetTable.Deletion(rootId, workItemId));
  }

  private int pending() {
    int n = jobCancellations.size() + targetDeletions.size() + outbox.size();
    for (PendingRows<?> p : inWriteOrder) {
      n += p.size();
    }
    return n;
  }

  /** Writes every pending insert, update and job cancellation. */
  void flush() {
    conditions.inserts.removeIf(UnitOfWork::holdsNoToken);
    int pending = pending();
    int events = history.size();
    if (pending == 0 && events == 0) {
      return;
    }
    try {
      if (compound && pending <= COMPOUND_LIMIT && events <= COMPOUND_HISTORY_LIMIT) {
        flushCompound();
      } else {
        flushInBatches();
      }
    } catch (SQLException e) {
      throw SqlFailures.ofStatement("flush of engine rows", e);
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
    CompoundStatement statement = new CompoundStatement();
    for (OfferTargetTable.Deletion d : targetDeletions) {
      statement.add(OfferTargetTable.DELETE, d::bind);
    }
    inWriteOrder.forEach(p -> p.addTo(statement));
    outbox.addTo(statement);
    for (JobCancellation c : jobCancellations) {
      statement.add(JobCancellation.SQL, c::bind);
    }
    history.addInChunksTo(statement, TableWriter.ROWS_PER_INSERT);
    statement.execute(statements);
    inWriteOrder.forEach(PendingRows::written);
    outbox.written();
    history.written();
    newJobsByOwner.clear();
    jobCancellations.clear();
    targetDeletions.clear();
  }

  private void flushInBatches() throws SQLException {
    if (!targetDeletions.isEmpty()) {
      PreparedStatement ps = statements.prepare(OfferTargetTable.DELETE);
      for (OfferTargetTable.Deletion d : targetDeletions) {
        d.bind(ps, 1);
        ps.addBatch();
      }
      ps.executeBatch();
      targetDeletions.clear();
    }
    for (PendingRows<?> p : inWriteOrder) {
      p.write(statements);
    }
    outbox.write(statements);
    newJobsByOwner.clear();
    if (!jobCancellations.isEmpty()) {
      PreparedStatement ps = statements.prepare(JobCancellation.SQL);
      for (JobCancellation c : jobCancellations) {
        c.bind(ps, 1);
        ps.addBatch();
      }
      ps.executeBatch();
      jobCancellations.clear();
    }
    history.write(statements);
  }
}

package dev.tasquencer.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The writers of the engine's tables, for one dialect (made once per dialect and shared). */
final class Tables {
  private static final Map<String, Tables> BY_DIALECT = new ConcurrentHashMap<>();

  final TableWriter<WorkflowRow> workflow;
  final TableWriter<TaskRow> task;
  final TableWriter<ConditionRow> condition;
  final TableWriter<TaskGenerationRow> generation;
  final TableWriter<WorkItemRow> workItem;
  final TableWriter<AllocationRow> allocation;
  final TableWriter<OfferTargetTable.TargetRow> offerTarget;
  final TableWriter<JobRow> job;
  final TableWriter<HistoryRow> history;
  final TableWriter<OutboxTable.OutboxRow> outbox;

  private Tables(Dialect dialect) {
    workflow = WorkflowTable.writer(dialect);
    task = TaskTable.writer();
    condition = ConditionTable.writer();
    generation = TaskGenerationTable.writer();
    workItem = WorkItemTable.writer(dialect);
    allocation = AllocationTable.writer();
    offerTarget = OfferTargetTable.writer();
    job = JobTable.writer(dialect);
    history = HistoryTable.writer();
    outbox = OutboxTable.writer();
  }

  static Tables of(Dialect dialect) {
    return BY_DIALECT.computeIfAbsent(dialect.id(), k -> new Tables(dialect));
  }
}

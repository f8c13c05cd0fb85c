package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.internal.store.CheckpointTable;
import dev.tasquencer.internal.store.Session;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workflow instance as it is, and as it was after an event of its root's history. The past is
 * replayed from history, starting at the nearest checkpoint: a replay that folds many events leaves
 * checkpoints behind (after it has committed, in a transaction of its own), at least {@value
 * #CHECKPOINT_EVENTS} events and at least twice the state's size apart, so that checkpoints take
 * less room than the history they summarize and any later reconstruction folds at most that many
 * events.
 */
final class InstanceStates {
  private static final Logger log = LoggerFactory.getLogger(InstanceStates.class);

  /** The fewest events between two checkpoints. */
  static final int CHECKPOINT_EVENTS = 1000;

  /** Events read per query while replaying. */
  private static final int PAGE = 5000;

  private final EngineCore core;

  InstanceStates(EngineCore core) {
    this.core = core;
  }

  /** The instance as stored now. */
  InstanceState live(Call call, UUID workflowId) {
    WorkflowInstance wf = call.workflow(workflowId);
    WorkflowRow root = rootOf(call, wf);
    Map<String, Integer> marking = new LinkedHashMap<>();
    for (ConditionDefinition c : wf.def.conditions()) {
      marking.put(c.name(), wf.marking(c));
    }
    List<InstanceState.Task> tasks = new ArrayList<>();
    for (TaskInstance t : wf.tasks) {
      tasks.add(new InstanceState.Task(t.def.name(), t.state(), t.generation()));
    }
    List<InstanceState.WorkItem> items = new ArrayList<>();
    for (WorkItemRow wi : call.session.allWorkItems(workflowId)) {
      items.add(
          new InstanceState.WorkItem(
              wi.id,
              wi.taskName,
              wi.taskGeneration,
              wi.state(),
              core.history.canonical(wi.payload),
              core.history.canonical(wi.resultPayload())));
    }
    List<InstanceState.Child> children = new ArrayList<>();
    for (WorkflowRow c : call.session.allChildWorkflows(workflowId)) {
      children.add(
          new InstanceState.Child(c.id, c.name, c.parentTask(), c.parentGeneration(), c.state()));
    }
    long seq = root.historySeq();
    List<HistoryEvent> last =
        seq == 0 ? List.of() : call.session.historyRange(wf.rootId(), seq - 1, seq);
    return new InstanceState(
        workflowId,
        wf.rootId(),
        wf.def.name(),
        seq,
        last.isEmpty() ? null : last.get(0).at(),
        core.history.levelOf(wf.def),
        wf.state(),
        marking,
        tasks,
        items,
        children);
  }

  private static WorkflowRow rootOf(Call call, WorkflowInstance wf) {
    return call.session
        .workflow(wf.rootId())
        .orElseThrow(() -> new IllegalStateException("the root of " + wf + " is missing"));
  }

  /** The seq of the root's last event at or before {@code at}. */
  long seqAt(Call call, UUID workflowId, java.time.Instant at) {
    UUID root =
        call.session
            .rootOfWorkflow(workflowId)
            .orElseThrow(() -> new dev.tasquencer.api.error.WorkflowNotFoundException(workflowId));
    return call.session.historySeqAt(root, at);
  }

  /** The instance as it was after event {@code seq} of its root's history. */
  InstanceState at(Call call, UUID workflowId, long seq) {
    WorkflowInstance wf = call.workflow(workflowId);
    UUID rootId = wf.rootId();
    long last = rootOf(call, wf).historySeq();
    if (seq > last) {
      throw new InvalidArgumentException(
          "stateAt: the history of root workflow "
              + rootId
              + " has "
              + last
              + " events; event "
              + seq
              + " has not happened (pass 1 to "
              + last
              + ")");
    }
    HistoryReplay replay = replay(call.session, rootId, seq, call);
    HistoryReplay.Wf w = replay.workflow(workflowId);
    if (w == null) {
      throw new InvalidArgumentException(
          "stateAt: workflow "
              + workflowId
              + " has no history up to event "
              + seq
              + " of its root: it was created after that event, or its history level is none");
    }
    List<InstanceState.Task> tasks = new ArrayList<>();
    for (TaskDefinition t : wf.def.tasks()) {
      HistoryReplay.Task r = w.tasks.get(t.name());
      tasks.add(
          r == null
              ? new InstanceState.Task(t.name(), TaskState.DISABLED, 0)
              : new InstanceState.Task(t.name(), r.state(), r.generation()));
    }
    Map<String, Integer> marking = null;
    if (w.level.includes(HistoryLevel.FULL)) {
      marking = new LinkedHashMap<>();
      for (ConditionDefinition c : wf.def.conditions()) {
        Integer m = w.marking.get(c.name());
        marking.put(c.name(), m != null ? m : c == wf.def.startCondition() ? 1 : 0);
      }
    }
    List<InstanceState.WorkItem> items = new ArrayList<>();
    for (HistoryReplay.Item i : w.items.values()) {
      items.add(
          new InstanceState.WorkItem(i.id, i.task, i.generation, i.state, i.payload, i.result));
    }
    List<InstanceState.Child> children = new ArrayList<>();
    for (HistoryReplay.Wf c : replay.workflows()) {
      if (workflowId.equals(c.parent)) {
        children.add(
            new InstanceState.Child(
                c.id,
                c.name,
                Objects.requireNonNull(c.task, "a child's creation names its task"),
                Objects.requireNonNull(c.generation, "a child's creation has its generation"),
                c.state));
      }
    }
    return new InstanceState(
        workflowId,
        rootId,
        w.name,
        seq,
        replay.at(),
        w.level,
        w.state,
        marking,
        tasks,
        items,
        children);
  }

  /**
   * The root's tree after event {@code seq}: from the nearest checkpoint, folding the events after
   * it; checkpoints the fold passes are written once the query has committed.
   */
  private HistoryReplay replay(Session session, UUID rootId, long seq, Call call) {
    var mapper = core.history.mapper();
    HistoryReplay replay =
        session
            .historyCheckpoint(rootId, seq)
            .map(c -> HistoryReplay.fromJson(mapper, c.state()))
            .orElseGet(() -> new HistoryReplay(mapper));
    long lastCheckpoint = replay.seq();
    List<CheckpointTable.Checkpoint> toWrite = new ArrayList<>();
    while (replay.seq() < seq) {
      List<HistoryEvent> events =
          session.historyRange(rootId, replay.seq(), Math.min(seq, replay.seq() + PAGE));
      if (events.isEmpty()) {
        throw new IllegalStateException(
            "the history of root workflow "
                + rootId
                + " ends at event "
                + replay.seq()
                + " although its root counts more");
      }
      for (HistoryEvent e : events) {
        replay.apply(e);
        if (e.seq() - lastCheckpoint >= Math.max(CHECKPOINT_EVENTS, 2L * replay.elements())) {
          toWrite.add(new CheckpointTable.Checkpoint(e.seq(), replay.toJson()));
          lastCheckpoint = e.seq();
        }
      }
    }
    if (!toWrite.isEmpty()) {
      call.afterCommit(() -> write(rootId, toWrite));
    }
    return replay;
  }

  /** Writes checkpoints in a transaction of their own; a failure only costs later replays time. */
  private void write(UUID rootId, List<CheckpointTable.Checkpoint> checkpoints) {
    try {
      core.inOwnTransaction(
          c -> {
            for (CheckpointTable.Checkpoint cp : checkpoints) {
              CheckpointTable.insert(c, rootId, cp.seq(), cp.state());
            }
          });
    } catch (SQLException | RuntimeException e) {
      log.debug("history checkpoints of root {} not written: {}", rootId, e.toString());
    }
  }
}

package dev.tasquencer.api;

import dev.tasquencer.api.allocation.Allocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only queries on instance state; each runs in its own short transaction. Ids, names and
 * states are required, generations start at 1 and a job limit must not be negative; a wrong
 * argument raises {@link dev.tasquencer.api.error.InvalidArgumentException}.
 */
public interface WorkflowQueries {

  /**
   * The workflow instance as stored.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotFoundException when there is no such id
   */
  WorkflowSnapshot workflow(UUID workflowId);

  Optional<WorkflowSnapshot> findWorkflow(UUID workflowId);

  default WorkflowState workflowState(UUID workflowId) {
    return workflow(workflowId).state();
  }

  /** Every task of the instance, in declaration order. */
  List<TaskSnapshot> tasks(UUID workflowId);

  TaskSnapshot task(UUID workflowId, String task);

  /** The names of the tasks in the given state, in declaration order. */
  List<String> tasksIn(UUID workflowId, TaskState state);

  /** The marking of every condition (explicit and implicit), in definition order. */
  Map<String, Integer> marking(UUID workflowId);

  /**
   * The instance's marking and task states together, for drawing it ({@code
   * WorkflowDefinition.toDot(view)}). The engine reads both in one transaction, so they agree.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotFoundException when there is no such id
   */
  default InstanceView view(UUID workflowId) {
    Map<String, Integer> marking = marking(workflowId);
    Map<String, TaskState> states = new LinkedHashMap<>();
    tasks(workflowId).forEach(t -> states.put(t.name(), t.state()));
    return new InstanceView(marking, states);
  }

  /** The work items of the task's latest generation, oldest first. */
  List<WorkItemSnapshot> workItems(UUID workflowId, String task);

  /** The work items of one generation of the task, oldest first. */
  List<WorkItemSnapshot> workItems(UUID workflowId, String task, int generation);

  /** The child workflows of a composite task's latest generation, oldest first. */
  List<WorkflowSnapshot> childWorkflows(UUID workflowId, String task);

  /** The child workflows of one generation of a composite task, oldest first. */
  List<WorkflowSnapshot> childWorkflows(UUID workflowId, String task, int generation);

  /**
   * The work item as stored.
   *
   * @throws dev.tasquencer.api.error.WorkItemNotFoundException when there is no such id
   */
  WorkItemSnapshot workItem(UUID workItemId);

  /**
   * The allocation of a work item (its offer, state and claimant); empty when its definition
   * declares no offer.
   *
   * @throws dev.tasquencer.api.error.WorkItemNotFoundException when there is no such id
   */
  Optional<Allocation> allocation(UUID workItemId);

  default WorkItemState workItemState(UUID workItemId) {
    return workItem(workItemId).state();
  }

  /** The counters of the task's latest generation (all zero before the first enablement). */
  TaskStats stats(UUID workflowId, String task);

  TaskStats stats(UUID workflowId, String task, int generation);

  /** The root of the workflow's instance tree (its own id for a root). */
  UUID rootWorkflowId(UUID workflowId);

  /** The root of the instance tree a work item belongs to. */
  UUID rootWorkflowIdOfWorkItem(UUID workItemId);

  /**
   * The ids of the workflows from the root down to {@code workflowId}, interleaved with nothing
   * else: {@code [root, child, grandchild, ...]}.
   */
  List<UUID> realizedPath(UUID workflowId);

  /**
   * A page of the history of a root workflow tree: the events matching {@code filter} after {@code
   * page.afterSeq()}, in order (keyset pagination, see {@link HistoryPage}). Empty for an unknown
   * root.
   */
  HistoryEvents history(UUID rootId, HistoryFilter filter, HistoryPage page);

  /**
   * The workflow instance as stored now, in the shape {@link #stateAt} reconstructs: its state,
   * marking, tasks, work items of every generation and child workflows, and the number of the last
   * event of its root's history.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotFoundException when there is no such id
   */
  InstanceState state(UUID workflowId);

  /**
   * The workflow instance as it was right after event {@code seq} of its root's history,
   * reconstructed from history. What it can tell depends on the history level (see {@code
   * docs/history.md}): at {@link HistoryLevel#ACTIVITY} the workflow's and its tasks' states, at
   * {@link HistoryLevel#AUDIT} also its work items with their payloads, at {@link
   * HistoryLevel#FULL} also the marking.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotFoundException when there is no such id
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the history has no event {@code
   *     seq}, or the workflow did not exist yet after it (or has no history)
   */
  InstanceState stateAt(UUID workflowId, long seq);

  /**
   * The workflow instance as it was at an instant: after the last event of its root's history at or
   * before it ({@link #stateAt(UUID, long)}).
   */
  InstanceState stateAt(UUID workflowId, java.time.Instant at);

  /**
   * The calls on a root workflow tree that were rolled back by an exception, newest first (at most
   * {@code limit}).
   */
  List<FailedAttempt> failedAttempts(UUID rootId, int limit);

  /**
   * The calls rolled back by an exception at or after {@code since}, on any tree (also those that
   * failed before they found one), newest first (at most {@code limit}).
   */
  List<FailedAttempt> failedAttemptsSince(java.time.Instant since, int limit);

  /**
   * A page of the root workflow instances that match {@code filter}, newest first (by creation
   * time, then id), cut by key: instances created or changed meanwhile never make a later page
   * repeat or skip one that matched throughout. Roots only; see {@code docs/search.md} for the
   * filters and the indexes that serve them.
   *
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the page's cursor is not one an
   *     engine wrote
   */
  dev.tasquencer.api.search.InstanceList instances(
      dev.tasquencer.api.search.InstanceFilter filter, dev.tasquencer.api.search.InstancePage page);

  /** Jobs in a state, oldest due first (at most {@code limit}). */
  List<JobSnapshot> jobs(JobState state, int limit);

  /** The jobs owned by a workflow (with its tasks) or by a work item, oldest first. */
  List<JobSnapshot> jobsOwnedBy(UUID ownerId);

  /**
   * The job as stored.
   *
   * @throws dev.tasquencer.api.error.EntityNotFoundException when there is no such job
   */
  JobSnapshot job(UUID jobId);
}

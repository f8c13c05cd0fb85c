package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.PayloadReader;
import dev.tasquencer.api.TaskSnapshot;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.error.EntityNotFoundException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstanceList;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.internal.store.AllocationRow;
import dev.tasquencer.internal.store.InstanceSearch;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.store.TaskGenerationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read-only queries, each in its own short transaction (no locks). */
final class Queries implements WorkflowQueries {
  private final EngineCore core;
  private final InstanceStates states;

  /** The typed reads of the snapshots: the engine's codec, by the rules payloads were given by. */
  private final PayloadReader payloads;

  Queries(EngineCore core) {
    this.core = core;
    this.states = new InstanceStates(core);
    this.payloads = core.codec::decode;
  }

  @Override
  public InstanceState state(UUID workflowId) {
    Args.notNull("state", "workflowId", workflowId);
    return core.execute(CallRequest.QUERY, call -> states.live(call, workflowId));
  }

  @Override
  public InstanceState stateAt(UUID workflowId, long seq) {
    Args.notNull("stateAt", "workflowId", workflowId);
    if (seq < 1) {
      throw new InvalidArgumentException(
          "stateAt: seq must be at least 1 (the first event of a root's history), was " + seq);
    }
    return core.execute(CallRequest.QUERY, call -> states.at(call, workflowId, seq));
  }

  @Override
  public InstanceState stateAt(UUID workflowId, Instant at) {
    Args.notNull("stateAt", "workflowId", workflowId);
    Args.notNull("stateAt", "at", at);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          long seq = states.seqAt(call, workflowId, at);
          if (seq == 0) {
            throw new InvalidArgumentException(
                "stateAt: the history of workflow "
                    + workflowId
                    + " has no event at or before "
                    + at);
          }
          return states.at(call, workflowId, seq);
        });
  }

  private WorkflowSnapshot snapshot(WorkflowRow r) {
    return new WorkflowSnapshot(
        r.id,
        r.rootId,
        r.parentWorkflowId,
        r.parentTaskName,
        r.parentTaskGeneration,
        r.definitionName,
        r.definitionVersion,
        r.name,
        r.state(),
        core.history.canonical(r.payload()),
        r.createdAt,
        r.updatedAt(),
        r.businessKey(),
        payloads);
  }

  /** A work item's row; its payloads in canonical form, the same text on every database. */
  private WorkItemSnapshot snapshot(WorkItemRow r) {
    return new WorkItemSnapshot(
        r.id,
        r.rootId,
        r.workflowId,
        r.taskName,
        r.taskGeneration,
        r.name,
        r.state(),
        core.history.canonical(r.payload),
        r.createdAt,
        r.updatedAt(),
        core.history.canonical(r.resultPayload()),
        payloads);
  }

  @Override
  public InstanceList instances(InstanceFilter filter, InstancePage page) {
    if (filter == null || page == null) {
      throw new InvalidArgumentException(
          "instances: filter and page must not be null; pass InstanceFilter.ALL (or one built from"
              + " it) and InstancePage.first(limit)");
    }
    return core.execute(
        CallRequest.QUERY, call -> InstanceSearch.page(call.session, filter, page, call.now()));
  }

  @Override
  public HistoryEvents history(UUID rootId, HistoryFilter filter, HistoryPage page) {
    Args.notNull("history", "rootId", rootId);
    Args.notNull("history", "filter", filter);
    Args.notNull("history", "page", page);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          List<HistoryEvent> rows =
              call.session.historyPage(rootId, filter, page.afterSeq(), page.size() + 1);
          boolean more = rows.size() > page.size();
          return new HistoryEvents(more ? rows.subList(0, page.size()) : rows, more, page);
        });
  }

  @Override
  public List<FailedAttempt> failedAttempts(UUID rootId, int limit) {
    Args.notNull("failedAttempts", "rootId", rootId);
    Args.limit("failedAttempts", limit);
    return core.execute(CallRequest.QUERY, call -> call.session.failedAttempts(rootId, limit));
  }

  @Override
  public List<FailedAttempt> failedAttemptsSince(Instant since, int limit) {
    Args.notNull("failedAttemptsSince", "since", since);
    Args.limit("failedAttemptsSince", limit);
    return core.execute(CallRequest.QUERY, call -> call.session.failedAttemptsSince(since, limit));
  }

  @Override
  public WorkflowSnapshot workflow(UUID workflowId) {
    Args.notNull("workflow", "workflowId", workflowId);
    return findWorkflow(workflowId).orElseThrow(() -> new WorkflowNotFoundException(workflowId));
  }

  @Override
  public WorkflowState workflowState(UUID workflowId) {
    Args.notNull("workflowState", "workflowId", workflowId);
    return workflow(workflowId).state();
  }

  @Override
  public Optional<WorkflowSnapshot> findWorkflow(UUID workflowId) {
    Args.notNull("findWorkflow", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY, call -> call.session.workflow(workflowId).map(this::snapshot));
  }

  @Override
  public List<TaskSnapshot> tasks(UUID workflowId) {
    Args.notNull("tasks", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          WorkflowInstance wf = call.workflow(workflowId);
          List<TaskSnapshot> out = new ArrayList<>();
          for (TaskInstance t : wf.tasks) {
            out.add(new TaskSnapshot(workflowId, t.def.name(), t.state(), t.generation()));
          }
          return out;
        });
  }

  @Override
  public TaskSnapshot task(UUID workflowId, String task) {
    checkTask("task", workflowId, task);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          TaskInstance t = task(call, workflowId, task);
          return new TaskSnapshot(workflowId, t.def.name(), t.state(), t.generation());
        });
  }

  @Override
  public List<String> tasksIn(UUID workflowId, TaskState state) {
    Args.notNull("tasksIn", "workflowId", workflowId);
    Args.notNull("tasksIn", "state", state);
    return tasks(workflowId).stream()
        .filter(t -> t.state() == state)
        .map(TaskSnapshot::name)
        .toList();
  }

  @Override
  public Map<String, Integer> marking(UUID workflowId) {
    Args.notNull("marking", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          WorkflowInstance wf = call.workflow(workflowId);
          Map<String, Integer> out = new LinkedHashMap<>();
          wf.def.conditions().forEach(c -> out.put(c.name(), wf.marking(c)));
          return Collections.unmodifiableMap(out);
        });
  }

  @Override
  public InstanceView view(UUID workflowId) {
    Args.notNull("view", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          WorkflowInstance wf = call.workflow(workflowId);
          Map<String, Integer> marking = new LinkedHashMap<>();
          wf.def.conditions().forEach(c -> marking.put(c.name(), wf.marking(c)));
          Map<String, TaskState> states = new LinkedHashMap<>();
          for (TaskInstance t : wf.tasks) {
            states.put(t.def.name(), t.state());
          }
          return new InstanceView(marking, states);
        });
  }

  private TaskInstance task(Call call, UUID workflowId, String task) {
    return call.workflow(workflowId).taskNamed(task);
  }

  private static void checkTask(String query, UUID workflowId, String task) {
    Args.notNull(query, "workflowId", workflowId);
    Args.notNull(query, "task", task);
  }

  @Override
  public List<WorkItemSnapshot> workItems(UUID workflowId, String task) {
    checkTask("workItems", workflowId, task);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          TaskInstance t = task(call, workflowId, task);
          return call.session.workItems(workflowId, task, t.generation(), List.of()).stream()
              .map(this::snapshot)
              .toList();
        });
  }

  @Override
  public List<WorkItemSnapshot> workItems(UUID workflowId, String task, int generation) {
    checkTask("workItems", workflowId, task);
    Args.generation("workItems", generation);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          task(call, workflowId, task);
          return call.session.workItems(workflowId, task, generation, List.of()).stream()
              .map(this::snapshot)
              .toList();
        });
  }

  @Override
  public List<WorkflowSnapshot> childWorkflows(UUID workflowId, String task) {
    checkTask("childWorkflows", workflowId, task);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          TaskInstance t = task(call, workflowId, task);
          return call.session.childWorkflows(workflowId, task, t.generation(), List.of()).stream()
              .map(this::snapshot)
              .toList();
        });
  }

  @Override
  public List<WorkflowSnapshot> childWorkflows(UUID workflowId, String task, int generation) {
    checkTask("childWorkflows", workflowId, task);
    Args.generation("childWorkflows", generation);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          task(call, workflowId, task);
          return call.session.childWorkflows(workflowId, task, generation, List.of()).stream()
              .map(this::snapshot)
              .toList();
        });
  }

  @Override
  public WorkItemSnapshot workItem(UUID workItemId) {
    Args.notNull("workItem", "workItemId", workItemId);
    return core.execute(
        CallRequest.QUERY,
        call ->
            call.session
                .workItem(workItemId)
                .map(this::snapshot)
                .orElseThrow(() -> new WorkItemNotFoundException(workItemId)));
  }

  @Override
  public Optional<Allocation> allocation(UUID workItemId) {
    Args.notNull("allocation", "workItemId", workItemId);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          WorkItemRow wi =
              call.session
                  .workItem(workItemId)
                  .orElseThrow(() -> new WorkItemNotFoundException(workItemId));
          return call.session.allocation(wi).map(AllocationRow::snapshot);
        });
  }

  @Override
  public WorkItemState workItemState(UUID workItemId) {
    Args.notNull("workItemState", "workItemId", workItemId);
    return workItem(workItemId).state();
  }

  @Override
  public TaskStats stats(UUID workflowId, String task) {
    checkTask("stats", workflowId, task);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          TaskInstance t = task(call, workflowId, task);
          return t.current == null ? TaskStats.EMPTY : t.current.stats();
        });
  }

  @Override
  public TaskStats stats(UUID workflowId, String task, int generation) {
    checkTask("stats", workflowId, task);
    Args.generation("stats", generation);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          TaskInstance t = task(call, workflowId, task);
          if (t.current != null && t.current.generation == generation) {
            return t.current.stats();
          }
          return call.session
              .loadGeneration(workflowId, task, generation)
              .map(TaskGenerationRow::stats)
              .orElse(TaskStats.EMPTY);
        });
  }

  @Override
  public UUID rootWorkflowId(UUID workflowId) {
    Args.notNull("rootWorkflowId", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY,
        call ->
            call.session
                .rootOfWorkflow(workflowId)
                .orElseThrow(() -> new WorkflowNotFoundException(workflowId)));
  }

  @Override
  public UUID rootWorkflowIdOfWorkItem(UUID workItemId) {
    Args.notNull("rootWorkflowIdOfWorkItem", "workItemId", workItemId);
    return core.execute(
        CallRequest.QUERY,
        call ->
            call.session
                .rootOfWorkItem(workItemId)
                .orElseThrow(() -> new WorkItemNotFoundException(workItemId)));
  }

  @Override
  public List<UUID> realizedPath(UUID workflowId) {
    Args.notNull("realizedPath", "workflowId", workflowId);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          List<UUID> path = new ArrayList<>();
          UUID id = workflowId;
          while (id != null) {
            final UUID current = id;
            WorkflowRow r =
                call.session
                    .workflow(current)
                    .orElseThrow(() -> new WorkflowNotFoundException(current));
            path.add(0, r.id);
            id = r.parentWorkflowId;
          }
          return path;
        });
  }

  @Override
  public List<JobSnapshot> jobs(JobState state, int limit) {
    Args.notNull("jobs", "state", state);
    if (Args.limit("jobs", limit) == 0) {
      return List.of();
    }
    return core.execute(
        CallRequest.QUERY,
        call ->
            canonicalJobs(sql(() -> JobStore.inState(call.session.connection(), state, limit))));
  }

  @Override
  public List<JobSnapshot> jobsOwnedBy(UUID ownerId) {
    Args.notNull("jobsOwnedBy", "ownerId", ownerId);
    return core.execute(
        CallRequest.QUERY,
        call -> canonicalJobs(sql(() -> JobStore.ownedBy(call.session.connection(), ownerId))));
  }

  @Override
  public JobSnapshot job(UUID jobId) {
    Args.notNull("job", "jobId", jobId);
    return core.execute(
        CallRequest.QUERY,
        call ->
            sql(() -> JobStore.find(call.session.connection(), jobId))
                .map(this::canonical)
                .orElseThrow(() -> new EntityNotFoundException("job", jobId, "")));
  }

  /** A job's row with its payload in canonical form, the same text on every database. */
  private JobSnapshot canonical(JobSnapshot job) {
    return job.withPayloadJson(core.history.canonical(job.payloadJson()));
  }

  private List<JobSnapshot> canonicalJobs(List<JobSnapshot> jobs) {
    return jobs.stream().map(this::canonical).toList();
  }

  /** Runs a job statement; its SQLException becomes a DataAccessException. */
  private static <T> T sql(SqlFailures.SqlWork<T> work) {
    return SqlFailures.run("job query failed", work);
  }
}

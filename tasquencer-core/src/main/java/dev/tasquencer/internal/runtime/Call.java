package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.jobs.CallHandle;
import dev.tasquencer.internal.store.ConditionRow;
import dev.tasquencer.internal.store.Session;
import dev.tasquencer.internal.store.TaskRow;
import dev.tasquencer.internal.store.TransitionApplier;
import dev.tasquencer.internal.store.WorkflowRow;
import dev.tasquencer.internal.telemetry.CommandTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The state of one engine call: its session (transaction and unit of work), the time it started,
 * the workflow instances it has loaded or created, and who causes the transitions it applies now
 * (its {@link #origin()}).
 */
final class Call implements CallHandle {
  final EngineCore engine;
  final Session session;
  final Instant now;

  /** What this call is: command, origin, actor, what it addresses. */
  final CallRequest request;

  /** The id every history event of this call carries. */
  final UUID commandId = Ids.next();

  /** The history this call writes. */
  final CallHistory history;

  private final Map<UUID, WorkflowInstance> instances = new HashMap<>();

  /**
   * Who causes what the call does now: the command's origin at first; {@link Origin#INTERNAL} while
   * an activity's request runs, {@link Origin#ENGINE} while the engine follows up on its own
   * (enablement, policies, teardown, auto-triggers).
   */
  private Origin origin;

  /** Callbacks to run once this call has committed, in registration order; null until one. */
  private @Nullable List<Runnable> afterCommit;

  /** The trace of the command this call runs, or null (queries, job transactions). */
  @Nullable CommandTrace trace;

  private boolean ended;

  /** The effective grants of the call's actor once a policy asked for them; null before. */
  java.util.@Nullable Set<String> actorGrants;

  Call(EngineCore engine, Session session, Instant now, CallRequest request) {
    this.engine = engine;
    this.session = session;
    this.now = now;
    this.request = request;
    this.origin = request.origin();
    this.history = new CallHistory(this, engine.history, request.actor());
  }

  /** On whose behalf the call was made, or null. */
  dev.tasquencer.api.@Nullable Actor actor() {
    return request.actor();
  }

  /** Who causes the transitions applied now. */
  Origin origin() {
    return origin;
  }

  /**
   * Whether the engine or the application's own code (an activity, an action, a job, the internal
   * facade) makes the current request: internal requests may use a transition's default action.
   */
  boolean internal() {
    return origin != Origin.EXTERNAL;
  }

  /** Runs {@code body} with {@code cause} as the origin of what it does; then restores it. */
  void as(Origin cause, Runnable body) {
    Origin outer = origin;
    origin = cause;
    try {
      body.run();
    } finally {
      origin = outer;
    }
  }

  /** {@link #as(Origin, Runnable)} for a body with a result. */
  <T> T asGet(Origin cause, java.util.function.Supplier<T> body) {
    Origin outer = origin;
    origin = cause;
    try {
      return body.get();
    } finally {
      origin = outer;
    }
  }

  /** Applies transitions to this call's rows (see {@link TransitionApplier}). */
  TransitionApplier transitions() {
    return session.transitions();
  }

  private @Nullable Commands commands;

  @Override
  public java.sql.Connection connection() {
    return session.connection();
  }

  @Override
  public dev.tasquencer.api.Db db() {
    return session.db();
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public dev.tasquencer.api.WorkflowCommands commands() {
    if (commands == null) {
      commands = Commands.inCall(engine, this);
    }
    return commands;
  }

  @Override
  public boolean lockRoot(UUID rootId) {
    return session.lockRoot(rootId).isPresent();
  }

  @Override
  public @Nullable Instant runBuiltinJob(String handler, @Nullable String payloadJson) {
    return BuiltinJobs.run(this, handler, payloadJson);
  }

  @Override
  public void jobDead(dev.tasquencer.api.JobSnapshot job, String errorType, String errorMessage) {
    IncidentOps.open(this, job, errorType, errorMessage);
  }

  @Override
  public void jobSucceeded(dev.tasquencer.api.JobSnapshot job) {
    IncidentOps.jobSucceeded(this, job);
  }

  /** The workflow instance, loaded once per call. */
  WorkflowInstance workflow(UUID id) {
    WorkflowInstance known = instances.get(id);
    if (known != null) {
      return known;
    }
    WorkflowRow row = session.workflow(id).orElseThrow(() -> new WorkflowNotFoundException(id));
    WorkflowDefinition def = definitionOf(row);
    Session.WorkflowRows rows = session.loadWorkflowRows(id);
    ConditionRow[] conds = new ConditionRow[def.conditions().size()];
    Map<String, ConditionRow> condByName = new HashMap<>();
    rows.conditions().forEach(c -> condByName.put(c.name, c));
    for (var c : def.conditions()) {
      ConditionRow stored = condByName.get(c.name());
      conds[c.index()] =
          stored != null ? stored : session.newCondition(row.id, row.rootId, c.name(), 0);
    }
    WorkflowInstance wf = new WorkflowInstance(def, row, conds, session.transitions());
    Map<String, TaskRow> taskByName = new HashMap<>();
    rows.tasks().forEach(t -> taskByName.put(t.name, t));
    for (TaskDefinition t : def.tasks()) {
      TaskRow tr = require(taskByName.get(t.name()), "task", t.name(), row);
      wf.tasks[t.index()] = new TaskInstance(wf, t, tr, rows.currentGenerations().get(t.name()));
    }
    instances.put(id, wf);
    return wf;
  }

  /** The workflow instance if this call has loaded or created it; null otherwise. */
  @Nullable WorkflowInstance loaded(UUID id) {
    return instances.get(id);
  }

  private final Map<UUID, WorkflowDefinition> definitions = new HashMap<>();

  /**
   * A root's definition comes from the registry; a child's from its composite task, found through
   * the rows of its ancestors (without loading their tasks and conditions).
   */
  WorkflowDefinition definitionOf(WorkflowRow row) {
    WorkflowDefinition known = definitions.get(row.id);
    if (known != null) {
      return known;
    }
    WorkflowDefinition def;
    if (row.isRoot()) {
      def = engine.registry.definitionOf(row);
    } else {
      UUID parentId = row.parentId();
      String parentTask = row.parentTask();
      WorkflowRow parentRow =
          session.workflow(parentId).orElseThrow(() -> new WorkflowNotFoundException(parentId));
      TaskDefinition task =
          definitionOf(parentRow)
              .task(parentTask)
              .orElseThrow(() -> missing(row, "parent task", parentTask));
      if (!(task instanceof CompositeTaskDefinition c)) {
        throw missing(row, "composite task", parentTask);
      }
      def = c.child(row.name).orElseThrow(() -> missing(row, "child workflow type", row.name));
    }
    definitions.put(row.id, def);
    return def;
  }

  private static StructuralIntegrityException missing(WorkflowRow row, String kind, String name) {
    return new StructuralIntegrityException(
        "workflow "
            + row.id
            + " refers to "
            + kind
            + " '"
            + name
            + "', which its definition "
            + row.definitionName
            + " "
            + row.definitionVersion
            + " does not have: the definition was changed without a new version");
  }

  private static <T> T require(@Nullable T value, String kind, String name, WorkflowRow row) {
    if (value == null) {
      throw new StructuralIntegrityException(
          "workflow "
              + row.id
              + " has no "
              + kind
              + " '"
              + name
              + "' although its definition "
              + row.definitionName
              + " "
              + row.definitionVersion
              + " does: the definition was changed without a new version");
    }
    return value;
  }

  /** Creates the rows of a new workflow instance: its tasks (disabled) and its conditions. */
  WorkflowInstance create(WorkflowDefinition def, WorkflowRow row) {
    ConditionRow[] conds = new ConditionRow[def.conditions().size()];
    for (var c : def.conditions()) {
      conds[c.index()] =
          session.newCondition(row.id, row.rootId, c.name(), c == def.startCondition() ? 1 : 0);
      session.transitions().conditionCreated(conds[c.index()], origin);
    }
    WorkflowInstance wf = new WorkflowInstance(def, row, conds, session.transitions());
    for (TaskDefinition t : def.tasks()) {
      wf.tasks[t.index()] =
          new TaskInstance(wf, t, session.newTask(row.id, row.rootId, t.name()), null);
    }
    instances.put(row.id, wf);
    return wf;
  }

  /** Runs an activity; checked exceptions are wrapped, unchecked ones pass through. */
  <C> void run(@Nullable Activity<C> activity, C ctx, Hook hook, Object element) {
    if (activity == null) {
      return;
    }
    try {
      activity.run(ctx);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException(hook + " of " + element, e);
    }
  }

  /**
   * Runs the callback of a custom action the same way; {@code what} names the action for the error
   * and is only built when there is one.
   */
  <C> void runAction(
      @Nullable Action<C, Object> action,
      C ctx,
      @Nullable Object payload,
      java.util.function.Supplier<String> what) {
    Action<C, Object> callback = Objects.requireNonNull(action, "a custom action has a callback");
    try {
      runCallback(callback, ctx, payload);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException(what.get(), e);
    }
  }

  // Action<C, Object> takes null: an untyped action's payload may be absent. NullAway reads the
  // @Nullable of a type argument (Action<C, @Nullable Object>) only in its JSpecify mode.
  @SuppressWarnings("NullAway")
  private static <C> void runCallback(Action<C, Object> callback, C ctx, @Nullable Object payload)
      throws Exception {
    callback.run(ctx, payload);
  }

  /** Registers a callback to run once this call has committed (see {@code AfterCommit}). */
  void afterCommit(Runnable callback) {
    if (callback == null) {
      throw new ConstraintViolationException(
          "afterCommit needs a callback to run once the call has committed; it was given null");
    }
    if (ended) {
      throw new ConstraintViolationException(
          "afterCommit was called through the context of an engine call that has ended; register"
              + " callbacks while the activity, action, policy or router runs");
    }
    if (afterCommit == null) {
      afterCommit = new ArrayList<>();
    }
    afterCommit.add(callback);
  }

  /**
   * Ends the call (later registrations are rejected) and returns its callbacks, to run if and once
   * its transaction has committed.
   */
  /**
   * Tells the command's trace what it works on: {@code workflow}'s tree, and where given, the task
   * and the work item.
   */
  void traceSubject(WorkflowRow workflow, @Nullable String task, @Nullable UUID workItemId) {
    if (trace != null) {
      trace.subject(
          workflow.rootId,
          workflow.id,
          workflow.name,
          workflow.definitionVersion,
          task,
          workItemId);
    }
  }

  /** When the task's generation was enabled, if this call has its workflow in hand. */
  Optional<Instant> enabledAt(UUID workflowId, String task, int generation) {
    WorkflowInstance w = instances.get(workflowId);
    if (w == null) {
      return Optional.empty();
    }
    TaskInstance t = w.taskNamed(task);
    return t.current != null && t.current.generation == generation
        ? Optional.of(t.current.enabledAt)
        : Optional.empty();
  }

  List<Runnable> end() {
    ended = true;
    return afterCommit == null ? List.of() : afterCommit;
  }

  List<UUID> workItemIds(TaskInstance task, int generation) {
    return session.workItemIds(task.workflow.id(), task.def.name(), generation);
  }
}

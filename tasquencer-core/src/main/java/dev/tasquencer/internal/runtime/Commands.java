package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ExternalCommands;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.api.message.Correlation;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The commands, as external calls (public API) or internal calls ({@code engine.internal()}). Each
 * is one transaction that first locks the root workflow of the tree it touches; commands bound to a
 * running call ({@link #inCall}) run inside that call's transaction instead.
 */
final class Commands implements ExternalCommands {
  /** How a command body is run: in a transaction of its own, or in an existing call. */
  private interface Runner {
    <T> T run(CallRequest request, java.util.function.Function<Call, T> body);
  }

  private final EngineCore core;
  private final Origin origin;
  private final @Nullable Actor actor;
  private final Runner runner;

  /** The idempotency key of the calls made through this view, or null (see {@link #idempotent}). */
  private final @Nullable String key;

  /**
   * Commands in a transaction of their own each, made by {@code origin}: {@link Origin#EXTERNAL}
   * for the public facade, {@link Origin#INTERNAL} for {@code engine.internal()}.
   */
  Commands(EngineCore core, Origin origin) {
    this(core, origin, null, core::command, null);
  }

  private Commands(
      EngineCore core, Origin origin, @Nullable Actor actor, Runner runner, @Nullable String key) {
    this.core = core;
    this.origin = origin;
    this.actor = actor;
    this.runner = runner;
    this.key = key;
  }

  /** The same commands, made on behalf of {@code actor}. */
  Commands as(Actor actor) {
    return new Commands(core, origin, actor, runner, key);
  }

  @Override
  public WorkflowCommands idempotent(String key) {
    return new Commands(core, origin, actor, runner, Idempotency.checkKey("idempotent", key));
  }

  /**
   * Commands that run inside the given call (its transaction, locks, origin and actor: a job's, as
   * only job handlers reach the call's commands).
   */
  static Commands inCall(EngineCore core, Call call) {
    return new Commands(
        core,
        call.origin(),
        call.actor(),
        new Runner() {
          @Override
          public <T> T run(CallRequest request, java.util.function.Function<Call, T> body) {
            return body.apply(call);
          }
        },
        null);
  }

  /**
   * The request of a command called with {@code args}: made with this view's idempotency key, if it
   * has one, fingerprinted by the command, the actor and {@code args} (every argument of the
   * command, so that a repeat with other arguments is told apart). A new command needs nothing more
   * to be idempotent.
   */
  private CallRequest request(String command, @Nullable Object... args) {
    CallRequest r = CallRequest.command(command, origin, actor);
    return key == null ? r : r.idempotent(core.idempotency.key(key, command, actor, args));
  }

  @Override
  public UUID initializeRootWorkflow(String workflow, @Nullable Object payload) {
    return initializeRootWorkflow(workflow, null, payload);
  }

  @Override
  public UUID initializeRootWorkflow(
      String workflow, @Nullable String version, @Nullable Object payload) {
    Args.notNull("initializeRootWorkflow", "workflow", workflow);
    WorkflowDefinition def = core.registry.forNewRoot(workflow, version, payload, null);
    return runner.run(
        request("initializeRootWorkflow", workflow, version, payload)
            .addressing("workflow definition '" + def.name() + "' " + def.version()),
        call -> {
          UUID id = core.workflows.initializeRoot(call, def, payload);
          call.session.loadedWorkflow(id).ifPresent(w -> call.traceSubject(w, null, null));
          return id;
        });
  }

  @Override
  public UUID initializeRootWorkflow(
      String workflow, @Nullable String version, @Nullable Object payload, String businessKey) {
    Args.notNull("initializeRootWorkflow", "workflow", workflow);
    BusinessKeys.check(Args.notNull("initializeRootWorkflow", "businessKey", businessKey));
    WorkflowDefinition def = core.registry.forNewRoot(workflow, version, payload, businessKey);
    try {
      return runner.run(
          request("initializeRootWorkflow", workflow, version, payload, businessKey)
              .addressing("workflow definition '" + def.name() + "' " + def.version()),
          call -> {
            UUID id = core.workflows.initializeRoot(call, def, payload, businessKey);
            call.session.loadedWorkflow(id).ifPresent(w -> call.traceSubject(w, null, null));
            return id;
          });
    } catch (RuntimeException e) {
      throw BusinessKeys.conflictOr(core, def, businessKey, e);
    }
  }

  @Override
  public UUID initializeWorkItem(UUID workflowId, String task, @Nullable Object payload) {
    Args.notNull("initializeWorkItem", "workflowId", workflowId);
    Args.notNull("initializeWorkItem", "task", task);
    return runner.run(
        request("initializeWorkItem", workflowId, task, payload)
            .addressingWorkflow(workflowId)
            .addressing("task '" + task + "' of workflow " + workflowId),
        call -> {
          lockWorkflowTree(call, workflowId);
          TaskInstance ti = call.workflow(workflowId).taskNamed(task);
          UUID id = core.workItems.initialize(call, ti, ti.generation(), payload, null);
          call.session.loadedWorkflow(workflowId).ifPresent(w -> call.traceSubject(w, task, id));
          return id;
        });
  }

  @Override
  public UUID initializeWorkflow(
      UUID parentWorkflowId,
      String compositeTask,
      @Nullable String childWorkflow,
      @Nullable Object payload) {
    Args.notNull("initializeWorkflow", "parentWorkflowId", parentWorkflowId);
    Args.notNull("initializeWorkflow", "compositeTask", compositeTask);
    return runner.run(
        request("initializeWorkflow", parentWorkflowId, compositeTask, childWorkflow, payload)
            .addressingWorkflow(parentWorkflowId)
            .addressing("composite task '" + compositeTask + "' of workflow " + parentWorkflowId),
        call -> {
          lockWorkflowTree(call, parentWorkflowId);
          TaskInstance ti = call.workflow(parentWorkflowId).taskNamed(compositeTask);
          WorkflowDefinition child = TaskKinds.childType(ti, childWorkflow);
          return core.workflows.initializeChild(call, ti, ti.generation(), child, payload);
        });
  }

  private static void lockWorkflowTree(Call call, UUID workflowId) {
    WorkflowRow workflow =
        call.session
            .lockAndLoadWorkflow(workflowId)
            .orElseThrow(() -> new WorkflowNotFoundException(workflowId));
    call.traceSubject(workflow, null, null);
    Suspensions.refuseExternal(call, workflow.rootId);
  }

  private static WorkItemRow lockWorkItemTree(Call call, UUID workItemId) {
    WorkItemRow item =
        call.session
            .lockAndLoadWorkItem(workItemId)
            .orElseThrow(() -> new WorkItemNotFoundException(workItemId));
    call.session
        .loadedWorkflow(item.workflowId)
        .ifPresent(w -> call.traceSubject(w, item.taskName, item.id));
    Suspensions.refuseExternal(call, item.rootId);
    return item;
  }

  /** One of the work item transitions of {@link WorkItemOps}. */
  @FunctionalInterface
  private interface WorkItemTransition {
    void apply(Call call, WorkItemRow workItem, @Nullable Object payload);
  }

  /** Runs a work item action in its own call, with the work item's root workflow locked. */
  private void onWorkItem(
      String action, UUID workItemId, @Nullable Object payload, WorkItemTransition transition) {
    onWorkItem(action, workItemId, payload, transition, workItemId, payload);
  }

  /** {@link #onWorkItem}, for a command whose arguments are {@code args}. */
  private void onWorkItem(
      String action,
      UUID workItemId,
      @Nullable Object payload,
      WorkItemTransition transition,
      @Nullable Object... args) {
    Args.notNull(action, "workItemId", workItemId);
    runner.run(
        request(action, args).addressingWorkItem(workItemId),
        call -> {
          transition.apply(call, lockWorkItemTree(call, workItemId), payload);
          return null;
        });
  }

  @Override
  public void startWorkItem(UUID workItemId, @Nullable Object payload) {
    onWorkItem("startWorkItem", workItemId, payload, core.workItems::start);
  }

  @Override
  public void completeWorkItem(UUID workItemId, @Nullable Object payload) {
    onWorkItem("completeWorkItem", workItemId, payload, core.workItems::complete);
  }

  @Override
  public void failWorkItem(UUID workItemId, @Nullable Object payload) {
    onWorkItem("failWorkItem", workItemId, payload, core.workItems::fail);
  }

  @Override
  public void cancelWorkItem(UUID workItemId, @Nullable Object payload) {
    onWorkItem("cancelWorkItem", workItemId, payload, core.workItems::cancel);
  }

  @Override
  public void resetWorkItem(UUID workItemId, @Nullable Object payload) {
    onWorkItem("resetWorkItem", workItemId, payload, core.workItems::reset);
  }

  @Override
  public void claimWorkItem(UUID workItemId) {
    onWorkItem(
        "claimWorkItem",
        workItemId,
        null,
        (call, wi, p) -> core.allocations.claim(call, core.workItems.taskOf(call, wi), wi));
  }

  @Override
  public void releaseWorkItem(UUID workItemId) {
    onWorkItem(
        "releaseWorkItem",
        workItemId,
        null,
        (call, wi, p) -> core.allocations.release(call, core.workItems.taskOf(call, wi), wi));
  }

  @Override
  public void delegateWorkItem(UUID workItemId, Actor to) {
    Args.notNull("delegateWorkItem", "to", to);
    onWorkItem(
        "delegateWorkItem",
        workItemId,
        null,
        (call, wi, p) -> core.allocations.delegate(call, core.workItems.taskOf(call, wi), wi, to),
        workItemId,
        to);
  }

  @Override
  public void setWorkItemPriority(UUID workItemId, int priority, @Nullable Instant dueAt) {
    onWorkItem(
        "setWorkItemPriority",
        workItemId,
        null,
        (call, wi, p) ->
            core.allocations.requeue(call, core.workItems.taskOf(call, wi), wi, priority, dueAt),
        workItemId,
        priority,
        dueAt);
  }

  @Override
  public void cancelWorkflow(UUID workflowId, @Nullable Object payload) {
    Args.notNull("cancelWorkflow", "workflowId", workflowId);
    runner.run(
        request("cancelWorkflow", workflowId, payload).addressingWorkflow(workflowId),
        call -> {
          lockWorkflowTree(call, workflowId);
          core.workflows.cancel(call, call.workflow(workflowId), payload);
          return null;
        });
  }

  @Override
  public Correlation correlate(String message, String key, @Nullable Object payload) {
    Args.notNull("correlate", "message", message);
    Args.notNull("correlate", "key", key);
    return runner.run(
        request("correlate", message, key, payload)
            .addressing("message '" + message + "' with key '" + key + "'"),
        call -> Messages.correlate(call, message, key, payload));
  }

  @Override
  public void suspendWorkflow(UUID rootWorkflowId, @Nullable String reason) {
    Args.notNull("suspendWorkflow", "rootWorkflowId", rootWorkflowId);
    runner.run(
        request("suspendWorkflow", rootWorkflowId, reason).addressingWorkflow(rootWorkflowId),
        call -> {
          Suspensions.suspend(call, rootWorkflowId, reason);
          return null;
        });
  }

  @Override
  public void resumeWorkflow(UUID rootWorkflowId) {
    Args.notNull("resumeWorkflow", "rootWorkflowId", rootWorkflowId);
    runner.run(
        request("resumeWorkflow", rootWorkflowId).addressingWorkflow(rootWorkflowId),
        call -> {
          Suspensions.resume(call, rootWorkflowId);
          return null;
        });
  }
}

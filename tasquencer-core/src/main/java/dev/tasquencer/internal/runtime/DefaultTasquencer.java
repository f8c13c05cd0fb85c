package dev.tasquencer.internal.runtime;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ExternalCommands;
import dev.tasquencer.api.PurgeResult;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.deadline.Outbox;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.identity.Identity;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.api.message.Correlation;
import dev.tasquencer.api.queue.WorkQueues;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.jobs.CallHandle;
import dev.tasquencer.internal.jobs.DefaultJobWorker;
import dev.tasquencer.internal.jobs.JobEngine;
import dev.tasquencer.internal.telemetry.Telemetry;
import dev.tasquencer.jobs.JobWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The engine facade: external commands, internal commands, queries. */
final class DefaultTasquencer implements Tasquencer {
  private final Outbox outbox;
  private final Incidents incidents;
  private final EngineCore core;
  private final Commands external;
  private final WorkflowCommands internal;
  private final WorkflowQueries queries;
  private final IdentityAdmin identity;
  private final WorkQueues queues;
  private final @Nullable AutoCloseable owned;

  DefaultTasquencer(
      EngineCore core,
      Commands external,
      WorkflowCommands internal,
      WorkflowQueries queries,
      IdentityAdmin identity,
      @Nullable AutoCloseable owned) {
    this.core = core;
    this.external = external;
    this.internal = internal;
    this.queries = queries;
    this.identity = identity;
    this.queues = new Queues(core, identity);
    this.owned = owned;
    this.outbox = new EngineOutbox(core);
    this.incidents = new EngineIncidents(core, null);
  }

  /** The engine behind this facade, for the internals that extend it (transition observers). */
  EngineCore core() {
    return core;
  }

  @Override
  public WorkflowCommands internal() {
    return internal;
  }

  @Override
  public ExternalCommands as(Actor actor) {
    if (actor == null) {
      throw new InvalidArgumentException(
          "as: actor must not be null; pass Actor.user(id), Actor.agent(id) or Actor.system(id)");
    }
    return external.as(actor);
  }

  @Override
  public WorkflowCommands idempotent(String key) {
    return external.idempotent(key);
  }

  @Override
  public WorkflowQueries queries() {
    return queries;
  }

  @Override
  public Identity identity() {
    return identity;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Incidents incidents() {
    return incidents;
  }

  @Override
  public WorkQueues queues() {
    return queues;
  }

  /** The identity facade, for the internals that check scopes inside a call. */
  IdentityAdmin identityAdmin() {
    return identity;
  }

  @Override
  public JobWorker.Builder jobWorker() {
    return DefaultJobWorker.builder(new WorkerEngine());
  }

  /** What a job worker uses of this engine. */
  private final class WorkerEngine implements JobEngine {
    @Override
    public <T> T transaction(String name, Function<CallHandle, T> body) {
      return core.transaction(name, body);
    }

    @Override
    public <T> @Nullable T readPayload(@Nullable String json, Class<T> type) {
      return core.readPayload(json, type);
    }

    @Override
    public Clock clock() {
      return core.clock();
    }

    @Override
    public Telemetry telemetry() {
      return core.telemetry;
    }

    @Override
    public WorkflowCommands internalCommands() {
      return internal;
    }

    @Override
    public WorkflowQueries queries() {
      return queries;
    }
  }

  @Override
  public PurgeResult purge(Instant finishedBefore, int batchSize) {
    Args.notNull("purge", "finishedBefore", finishedBefore);
    if (batchSize < 1) {
      throw new InvalidArgumentException(
          "purge: batchSize must be at least 1, was "
              + batchSize
              + "; pass how many root workflows one transaction may delete (for example 500)");
    }
    return Purger.purge(core, finishedBefore, batchSize);
  }

  @Override
  public List<WorkflowDefinition> definitions() {
    return core.registry().all();
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the engine's data source", e);
      }
    }
  }

  @Override
  public UUID initializeRootWorkflow(String workflow, @Nullable Object payload) {
    return external.initializeRootWorkflow(workflow, payload);
  }

  @Override
  public UUID initializeRootWorkflow(
      String workflow, @Nullable String version, @Nullable Object payload) {
    return external.initializeRootWorkflow(workflow, version, payload);
  }

  @Override
  public UUID initializeRootWorkflow(
      String workflow, @Nullable String version, @Nullable Object payload, String businessKey) {
    return external.initializeRootWorkflow(workflow, version, payload, businessKey);
  }

  @Override
  public UUID initializeWorkItem(UUID workflowId, String task, @Nullable Object payload) {
    return external.initializeWorkItem(workflowId, task, payload);
  }

  @Override
  public UUID initializeWorkflow(
      UUID parentWorkflowId,
      String compositeTask,
      @Nullable String childWorkflow,
      @Nullable Object payload) {
    return external.initializeWorkflow(parentWorkflowId, compositeTask, childWorkflow, payload);
  }

  @Override
  public void startWorkItem(UUID workItemId, @Nullable Object payload) {
    external.startWorkItem(workItemId, payload);
  }

  @Override
  public void completeWorkItem(UUID workItemId, @Nullable Object payload) {
    external.completeWorkItem(workItemId, payload);
  }

  @Override
  public void failWorkItem(UUID workItemId, @Nullable Object payload) {
    external.failWorkItem(workItemId, payload);
  }

  @Override
  public void cancelWorkItem(UUID workItemId, @Nullable Object payload) {
    external.cancelWorkItem(workItemId, payload);
  }

  @Override
  public void resetWorkItem(UUID workItemId, @Nullable Object payload) {
    external.resetWorkItem(workItemId, payload);
  }

  @Override
  public void cancelWorkflow(UUID workflowId, @Nullable Object payload) {
    external.cancelWorkflow(workflowId, payload);
  }

  @Override
  public void suspendWorkflow(UUID rootWorkflowId, @Nullable String reason) {
    external.suspendWorkflow(rootWorkflowId, reason);
  }

  @Override
  public void resumeWorkflow(UUID rootWorkflowId) {
    external.resumeWorkflow(rootWorkflowId);
  }

  @Override
  public Correlation correlate(String message, String key, @Nullable Object payload) {
    return external.correlate(message, key, payload);
  }

  @Override
  public void claimWorkItem(UUID workItemId) {
    external.claimWorkItem(workItemId);
  }

  @Override
  public void releaseWorkItem(UUID workItemId) {
    external.releaseWorkItem(workItemId);
  }

  @Override
  public void delegateWorkItem(UUID workItemId, Actor to) {
    external.delegateWorkItem(workItemId, to);
  }

  @Override
  public void setWorkItemPriority(UUID workItemId, int priority, @Nullable Instant dueAt) {
    external.setWorkItemPriority(workItemId, priority, dueAt);
  }
}

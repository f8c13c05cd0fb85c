package dev.tasquencer.api;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A durable job: the name of a handler registered with the job workers, and a payload stored as
 * JSON. Register one from an activity or action with {@code ctx.registerScheduled(when, job)}: the
 * job row is written in the same transaction as the state change, owned by the element whose
 * context registered it, and canceled when that element finishes.
 *
 * @param handler the handler's name ({@code tasquencer.*} names are the built-in handlers below)
 * @param payload any JSON-serializable value, or null
 * @param maxAttempts how often a failing handler is run before the job is parked as dead
 * @param retry how a failing handler is retried (backoff, retryable exceptions); null: the worker's
 *     backoff, every exception retried. Its {@code maxAttempts} equals the job's
 */
public record Job(
    String handler, @Nullable Object payload, int maxAttempts, @Nullable RetryPolicy retry) {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Built-in handler: creates a work item ({@link InitializeWorkItem}). */
  public static final String INITIALIZE_WORK_ITEM = "tasquencer.initializeWorkItem";

  /** Built-in handler: creates a child workflow ({@link InitializeWorkflow}). */
  public static final String INITIALIZE_WORKFLOW = "tasquencer.initializeWorkflow";

  /** Built-in handler: starts a work item ({@link WorkItemCommand}). */
  public static final String START_WORK_ITEM = "tasquencer.startWorkItem";

  /** Built-in handler: completes a work item, starting it first if needed. */
  public static final String COMPLETE_WORK_ITEM = "tasquencer.completeWorkItem";

  /** Built-in handler: fails a work item, starting it first if needed. */
  public static final String FAIL_WORK_ITEM = "tasquencer.failWorkItem";

  /** Built-in handler: cancels a work item. */
  public static final String CANCEL_WORK_ITEM = "tasquencer.cancelWorkItem";

  /** Built-in handler: cancels a workflow ({@link WorkflowCommand}). */
  public static final String CANCEL_WORKFLOW = "tasquencer.cancelWorkflow";

  /**
   * Built-in handler of the retention policy ({@code TasquencerBuilder.retention}): deletes a batch
   * of finished root workflows and runs again. The engine schedules it; it is not for {@code
   * registerScheduled}.
   */
  public static final String RETENTION = "tasquencer.retention";

  /**
   * Built-in handler of a work item's deadline counted from its initialize, its claim or its
   * payload (docs/deadlines.md); kept when the item is reset. The engine schedules it from the
   * item's definition; it is not for {@code registerScheduled}.
   */
  public static final String DEADLINE = "tasquencer.deadline";

  /**
   * Built-in handler of a work item's deadline counted from its start; canceled when the item is
   * reset (its next start schedules it anew). Scheduled by the engine, like {@link #DEADLINE}.
   */
  public static final String START_DEADLINE = "tasquencer.startDeadline";

  public Job {
    Objects.requireNonNull(handler, "handler");
    if (handler.isBlank()) {
      throw new IllegalArgumentException("a job needs a handler name");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (retry != null && retry.maxAttempts() != maxAttempts) {
      throw new IllegalArgumentException(
          "the job's maxAttempts "
              + maxAttempts
              + " differs from its retry policy's "
              + retry.maxAttempts()
              + ": use withRetry or withMaxAttempts, which keep them equal");
    }
  }

  /** A job without a retry policy. */
  public Job(String handler, @Nullable Object payload, int maxAttempts) {
    this(handler, payload, maxAttempts, null);
  }

  /** A job for a handler registered with the workers. */
  public static Job of(String handler, @Nullable Object payload) {
    return new Job(handler, payload, DEFAULT_MAX_ATTEMPTS);
  }

  public Job withMaxAttempts(int attempts) {
    return new Job(
        handler, payload, attempts, retry == null ? null : retry.withMaxAttempts(attempts));
  }

  /**
   * This job with a retry policy, stored on its row: its attempts, backoff and retryable exceptions
   * (docs/jobs.md, "Retry policies").
   */
  public Job withRetry(RetryPolicy policy) {
    return new Job(handler, payload, policy.maxAttempts(), policy);
  }

  /** Creates a work item of {@code task} in the workflow instance when the job runs. */
  public static Job initializeWorkItem(UUID workflowId, String task, @Nullable Object payload) {
    return of(INITIALIZE_WORK_ITEM, new InitializeWorkItem(workflowId, task, payload));
  }

  /** Creates a child workflow of a composite task when the job runs. */
  public static Job initializeWorkflow(
      UUID parentWorkflowId,
      String task,
      @Nullable String childWorkflow,
      @Nullable Object payload) {
    return of(
        INITIALIZE_WORKFLOW,
        new InitializeWorkflow(parentWorkflowId, task, childWorkflow, payload));
  }

  public static Job startWorkItem(UUID workItemId, @Nullable Object payload) {
    return of(START_WORK_ITEM, new WorkItemCommand(workItemId, payload));
  }

  /** Completes the work item (starting it first when it is only initialized): a timer firing. */
  public static Job completeWorkItem(UUID workItemId, @Nullable Object payload) {
    return of(COMPLETE_WORK_ITEM, new WorkItemCommand(workItemId, payload));
  }

  public static Job failWorkItem(UUID workItemId, @Nullable Object payload) {
    return of(FAIL_WORK_ITEM, new WorkItemCommand(workItemId, payload));
  }

  public static Job cancelWorkItem(UUID workItemId, @Nullable Object payload) {
    return of(CANCEL_WORK_ITEM, new WorkItemCommand(workItemId, payload));
  }

  public static Job cancelWorkflow(UUID workflowId, @Nullable Object payload) {
    return of(CANCEL_WORKFLOW, new WorkflowCommand(workflowId, payload));
  }

  /** Payload of {@link #INITIALIZE_WORK_ITEM}. */
  public record InitializeWorkItem(UUID workflowId, String task, @Nullable Object payload) {}

  /** Payload of {@link #INITIALIZE_WORKFLOW}. */
  public record InitializeWorkflow(
      UUID parentWorkflowId,
      String task,
      @Nullable String childWorkflow,
      @Nullable Object payload) {}

  /** Payload of the built-in work item commands. */
  public record WorkItemCommand(UUID workItemId, @Nullable Object payload) {}

  /** Payload of {@link #CANCEL_WORKFLOW}. */
  public record WorkflowCommand(UUID workflowId, @Nullable Object payload) {}
}

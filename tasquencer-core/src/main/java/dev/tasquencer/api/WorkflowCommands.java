package dev.tasquencer.api;

import dev.tasquencer.api.message.Correlation;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The engine's commands. Each call is one database transaction: the state changes it causes, and
 * the domain writes of the activities and actions they run, commit together or not at all.
 *
 * <p>Commands on {@link dev.tasquencer.Tasquencer} itself (and on {@code engine.as(actor)}) are
 * external calls: they may use only custom actions and actions with a policy (default actions
 * without one raise {@link dev.tasquencer.api.error.NotInternalCallException}), and an action's
 * policy must allow the call's actor ({@link dev.tasquencer.api.error.NotAuthorizedException}
 * otherwise). The same commands on {@code engine.internal()} are internal calls, for the
 * application's own trusted code (jobs, back-office tools): they skip policies.
 *
 * <p>Ids and names are required (only {@code version}, {@code childWorkflow} and payloads may be
 * null); a null one raises {@link dev.tasquencer.api.error.InvalidArgumentException} before the
 * call touches the database. A payload that does not fit its action raises {@link
 * dev.tasquencer.api.error.PayloadValidationException}.
 *
 * <p>Addressing errors follow one rule: an unknown id or name raises an {@link
 * dev.tasquencer.api.error.EntityNotFoundException}, an element of the wrong kind a {@link
 * dev.tasquencer.api.error.StructuralIntegrityException}, the right element in the wrong state or
 * generation a {@link dev.tasquencer.api.error.ConstraintViolationException}.
 */
public interface WorkflowCommands {

  /**
   * Creates a root workflow of {@code workflow} on the version its routing chooses ({@code
   * TasquencerBuilder.route}), else on the newest registered version that is not deprecated
   * (docs/versioning.md).
   *
   * @throws dev.tasquencer.api.error.WorkflowVersionDeprecatedException when the version chosen is
   *     deprecated (every version is, or a routing chose a deprecated one)
   */
  UUID initializeRootWorkflow(String workflow, @Nullable Object payload);

  /**
   * Creates a root workflow of the given version.
   *
   * @throws dev.tasquencer.api.error.WorkflowVersionDeprecatedException when that version is
   *     deprecated ({@code TasquencerBuilder.deprecate}); the error names the version to use
   */
  UUID initializeRootWorkflow(String workflow, String version, @Nullable Object payload);

  /**
   * Creates a root workflow of the given version (null: the routing's choice, which may depend on
   * the business key, else the newest that is not deprecated) with a business key: an application's
   * own identifier of the instance (an order number, a customer id), stored on the root, shown by
   * {@link WorkflowSnapshot#businessKey()} and searchable with {@code
   * queries().instances(InstanceFilter.ALL.withBusinessKey(key), page)} (docs/search.md).
   *
   * @param businessKey 1 to 200 characters
   * @throws dev.tasquencer.api.error.BusinessKeyConflictException when the definition declares
   *     business keys unique ({@code WorkflowBuilder.uniqueBusinessKey()}) and another root of the
   *     same workflow name that is initialized or started holds the key
   * @throws dev.tasquencer.api.error.WorkflowVersionDeprecatedException when the version given or
   *     chosen is deprecated
   */
  UUID initializeRootWorkflow(
      String workflow, @Nullable String version, @Nullable Object payload, String businessKey);

  /**
   * Creates a work item of {@code task} (an atomic task of the workflow instance) at the task's
   * current generation; the task must be enabled or started.
   *
   * @throws dev.tasquencer.api.error.TaskNotFoundException when the workflow has no such task
   * @throws dev.tasquencer.api.error.StructuralIntegrityException when it is a composite or dummy
   *     task
   * @throws dev.tasquencer.api.error.ConstraintViolationException when it is not enabled or started
   */
  UUID initializeWorkItem(UUID workflowId, String task, @Nullable Object payload);

  /**
   * Creates a child workflow of a composite task of the workflow instance, at the task's current
   * generation (the task must be enabled or started).
   *
   * @param childWorkflow the child workflow type; may be null when the task has only one
   * @throws dev.tasquencer.api.error.TaskNotFoundException when the workflow has no such task
   * @throws dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException when the task has no child
   *     workflow type of that name
   * @throws dev.tasquencer.api.error.StructuralIntegrityException when the task is not a composite
   *     task, or no type is named and it has several
   * @throws dev.tasquencer.api.error.ConstraintViolationException when it is not enabled or started
   */
  UUID initializeWorkflow(
      UUID parentWorkflowId,
      String compositeTask,
      @Nullable String childWorkflow,
      @Nullable Object payload);

  void startWorkItem(UUID workItemId, @Nullable Object payload);

  void completeWorkItem(UUID workItemId, @Nullable Object payload);

  /** A business failure: recorded state, handed to the task's policy. */
  void failWorkItem(UUID workItemId, @Nullable Object payload);

  void cancelWorkItem(UUID workItemId, @Nullable Object payload);

  /** Moves a started work item back to initialized; its task stays started. */
  void resetWorkItem(UUID workItemId, @Nullable Object payload);

  /** Cancels a workflow (root or child) and tears down everything in it. */
  void cancelWorkflow(UUID workflowId, @Nullable Object payload);

  /**
   * Claims an offered work item for the call's actor ({@code engine.as(actor)}): only that actor
   * (or a supervisor) may then start, complete or fail it. Claiming does not start the work item.
   * See {@code docs/work-allocation.md}.
   *
   * @throws dev.tasquencer.api.error.WorkItemAlreadyClaimedException when someone claimed it first
   * @throws dev.tasquencer.api.error.NotOfferedException when it is not offered to the actor
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the call names no actor, or the
   *     work item is not offered at all
   */
  void claimWorkItem(UUID workItemId);

  /**
   * Gives a claimed work item back: it is offered again to the same targets. Allowed to its
   * claimant and to holders of its offer's override scope (and to internal calls).
   *
   * @throws dev.tasquencer.api.error.NotClaimantException when the actor may not release it
   */
  void releaseWorkItem(UUID workItemId);

  /**
   * Hands a work item to {@code to}, who must be an actor it is offered to: its claimant (or a
   * supervisor) delegates a claimed item, a supervisor assigns an offered one.
   *
   * @throws dev.tasquencer.api.error.NotClaimantException when the actor may not delegate it
   * @throws dev.tasquencer.api.error.NotOfferedException when it is not offered to {@code to}
   */
  void delegateWorkItem(UUID workItemId, Actor to);

  /**
   * Changes the priority and due date (null: none) of an offered work item that is not done, which
   * moves it in the work queues ({@code docs/work-queues.md}). One transaction, like every command;
   * allowed to its claimant, to holders of its offer's override scope, and to internal calls.
   *
   * @throws dev.tasquencer.api.error.NotAuthorizedException when the actor may not change it
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the item is not offered or done
   */
  void setWorkItemPriority(UUID workItemId, int priority, @Nullable Instant dueAt);

  /**
   * Suspends the tree of a root workflow (docs/suspend.md): until {@link #resumeWorkflow}, external
   * commands on any element of the tree are refused with {@link
   * dev.tasquencer.api.error.WorkflowSuspendedException}, and job workers do not run the tree's
   * jobs and deadlines (they stay due). History records it with the actor and {@code reason}.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotRootException for a child workflow's id
   * @throws dev.tasquencer.api.error.WorkflowSuspendedException when it is suspended already
   * @throws dev.tasquencer.api.error.WorkflowInvalidStateException when it is final
   */
  void suspendWorkflow(UUID rootWorkflowId, @Nullable String reason);

  /**
   * Resumes a suspended tree: commands are accepted again, and the jobs that became due meanwhile
   * run at the workers' next poll.
   *
   * @throws dev.tasquencer.api.error.WorkflowNotRootException for a child workflow's id
   * @throws dev.tasquencer.api.error.WorkflowNotSuspendedException when it is not suspended
   */
  void resumeWorkflow(UUID rootWorkflowId);

  /**
   * Delivers the message {@code message} to the work items waiting for it under {@code key}
   * (docs/messages.md), in one transaction: each is started if it is initialized, then completed
   * with {@code payload} (validated by its complete action, like a completion payload), or its
   * wait's {@code onMessage} runs instead. A message is delivered once: of concurrent correlations
   * of one key, only those that find the wait still there deliver. When nobody waits and the
   * message is {@code bufferable}, it is kept until its time to live ends and delivered to the
   * first matching work item initialized meanwhile.
   *
   * <p>An external call needs the message to declare a policy ({@code Message.allowedBy}) that
   * allows its actor; the transitions the delivery causes run on the engine's account.
   *
   * @return the work items delivered to, or the buffered message
   * @throws dev.tasquencer.api.error.NoMessageReceiverException when nobody waits and the message
   *     is not bufferable; nothing was changed
   * @throws dev.tasquencer.api.error.InvalidArgumentException when no registered definition waits
   *     for {@code message}
   * @throws dev.tasquencer.api.error.WorkflowSuspendedException (external calls) when a waiting
   *     work item's tree is suspended; nothing was delivered
   * @throws dev.tasquencer.api.error.NotInternalCallException (external calls) when the message
   *     declares no policy
   * @throws dev.tasquencer.api.error.NotAuthorizedException when its policy refuses the actor
   */
  Correlation correlate(String message, String key, @Nullable Object payload);

  default void suspendWorkflow(UUID rootWorkflowId) {
    suspendWorkflow(rootWorkflowId, null);
  }

  default void startWorkItem(UUID workItemId) {
    startWorkItem(workItemId, null);
  }

  default void completeWorkItem(UUID workItemId) {
    completeWorkItem(workItemId, null);
  }

  default void failWorkItem(UUID workItemId) {
    failWorkItem(workItemId, null);
  }

  default void cancelWorkItem(UUID workItemId) {
    cancelWorkItem(workItemId, null);
  }

  default void resetWorkItem(UUID workItemId) {
    resetWorkItem(workItemId, null);
  }

  default void cancelWorkflow(UUID workflowId) {
    cancelWorkflow(workflowId, null);
  }
}

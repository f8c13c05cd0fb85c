package dev.tasquencer.api.authorization;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.context.Payloads;
import dev.tasquencer.api.context.WorkItemView;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a policy sees of the external call it decides: who makes it, which action of which element,
 * the work item it addresses (with its stored payload) and the action's payload, already validated
 * against the action's payload type. Read inside the call's transaction, before the call changes
 * anything.
 *
 * <p>It is an interface so that it can grow. Implemented by the engine only.
 */
public interface PolicyContext extends Payloads {

  /** On whose behalf the call is made (a call without an actor is refused before any policy). */
  Actor actor();

  /** The action: {@code initialize}, {@code start}, {@code complete}, {@code fail}, ... */
  String action();

  /** The name of the workflow definition the action belongs to (the child's, for a child). */
  String workflow();

  /** The task of a work item action, or the composite task of a child workflow initialized. */
  Optional<String> task();

  /**
   * The workflow instance the action is about: the work item's workflow, the workflow canceled, the
   * parent of a child workflow being initialized; empty when a root workflow is initialized.
   */
  Optional<UUID> workflowId();

  /**
   * The work item a start, complete, fail, cancel or reset addresses, as it is now (its state, its
   * initialize payload); empty for the initialize actions and workflow actions.
   */
  Optional<WorkItemView> workItem();

  /**
   * The allocation of the work item a start, complete, fail, cancel or reset addresses (its offer,
   * state and claimant), as it is before the call; empty when its definition declares no offer, and
   * for the initialize actions and workflow actions.
   */
  Optional<Allocation> allocation();

  /** The action's payload as validated (an instance of its payload type), or null when none. */
  @Nullable Object payload();

  /** The action's payload converted to {@code type}, or null when there is none. */
  @Override
  <T> @Nullable T payload(Class<T> type);

  /**
   * Whether the actor holds a grant covering {@code scope} (a declared scope, not a wildcard). The
   * actor's effective scopes are read once per call, in the call's transaction.
   */
  boolean hasScope(String scope);

  /** The call's transaction, for rules that read domain tables; a policy must not write. */
  Db db();

  /** The engine clock's time of the call. */
  Instant now();
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.api.error.WorkflowNotRootException;
import dev.tasquencer.api.error.WorkflowNotSuspendedException;
import dev.tasquencer.api.error.WorkflowSuspendedException;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.store.SuspensionStore;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Suspend and resume a root workflow's tree (docs/suspend.md), and the refusal of external commands
 * on a suspended tree. The flag lives on the root's row, which every command locks first, so the
 * check reads what the lock statement returned: no statement of its own.
 */
final class Suspensions {
  private Suspensions() {}

  private static <T> T sql(SqlFailures.SqlWork<T> work) {
    return SqlFailures.run("suspension statement failed", work);
  }

  /** Suspends the tree of root {@code rootId} in this call. */
  static void suspend(Call call, UUID rootId, @Nullable String reason) {
    WorkflowRow root = lockRoot(call, rootId, "suspendWorkflow");
    if (root.state().isFinal()) {
      throw new WorkflowInvalidStateException(
          "workflow " + rootId,
          root.state(),
          "suspend",
          Arrays.stream(WorkflowState.values()).filter(s -> !s.isFinal()).toList());
    }
    if (root.suspended()) {
      throw suspended(call, rootId, "cannot suspend workflow " + rootId + ": it is");
    }
    var actor = call.actor();
    sql(
        () -> {
          SuspensionStore.write(
              call.session.connection(),
              root,
              true,
              actor == null ? null : actor.toString(),
              call.now,
              reason);
          return true;
        });
    call.history.suspension(root, "suspend", reason);
  }

  /** Resumes the suspended tree of root {@code rootId} in this call. */
  static void resume(Call call, UUID rootId) {
    WorkflowRow root = lockRoot(call, rootId, "resumeWorkflow");
    if (!root.suspended()) {
      throw new WorkflowNotSuspendedException(
          "cannot resume workflow "
              + rootId
              + ": it is not suspended (state "
              + root.state().id()
              + "). Nothing to do; suspend it with suspendWorkflow(rootId, reason)");
    }
    sql(
        () -> {
          SuspensionStore.write(call.session.connection(), root, false, null, null, null);
          return true;
        });
    call.history.suspension(root, "resume", null);
  }

  /**
   * Refuses an external call on the tree of {@code rootId} (whose row this call locked) when the
   * tree is suspended. Internal calls pass: see docs/suspend.md.
   */
  static void refuseExternal(Call call, UUID rootId) {
    if (call.origin() != Origin.EXTERNAL) {
      return;
    }
    WorkflowRow root = call.session.loadedWorkflow(rootId).orElse(null);
    if (root != null && root.suspended()) {
      throw suspended(call, rootId, "the workflow tree of root " + rootId + " is");
    }
  }

  private static WorkflowRow lockRoot(Call call, UUID id, String command) {
    WorkflowRow row =
        call.session.lockAndLoadWorkflow(id).orElseThrow(() -> new WorkflowNotFoundException(id));
    call.traceSubject(row, null, null);
    if (!row.isRoot()) {
      throw new WorkflowNotRootException(
          row.rootId,
          command
              + ": workflow "
              + id
              + " is a child workflow; suspend and resume act on a whole tree, by its root."
              + " Call "
              + command
              + " with the root's id "
              + row.rootId);
    }
    return row;
  }

  private static WorkflowSuspendedException suspended(Call call, UUID rootId, String what) {
    SuspensionStore.Suspension s =
        sql(() -> SuspensionStore.read(call.session.connection(), rootId));
    return new WorkflowSuspendedException(
        rootId,
        what
            + " suspended"
            + (s.by() == null ? "" : " by " + s.by())
            + (s.at() == null ? "" : " at " + s.at())
            + (s.reason() == null ? "" : " (" + s.reason() + ")")
            + "; nothing was changed. Resume it with resumeWorkflow("
            + rootId
            + ") or ./tasquencer resume "
            + rootId
            + " --db URL, then call again");
  }
}

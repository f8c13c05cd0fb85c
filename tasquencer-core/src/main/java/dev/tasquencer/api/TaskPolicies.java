package dev.tasquencer.api;

import dev.tasquencer.api.context.WorkItemStateChangedContext;
import org.jspecify.annotations.Nullable;

/** Task policies written again and again, ready to use. See {@link #retryFailedWorkItems}. */
public final class TaskPolicies {
  private TaskPolicies() {}

  /**
   * Retries business failures of a task's work items: each failed work item is followed by a new
   * one (re-initialized in the same transaction as the failure), up to {@code retries} times per
   * task generation; the next failure fails the task. Install both halves on the task:
   *
   * <pre>{@code
   * var retry = TaskPolicies.retryFailedWorkItems(2)
   *     .withPayload((ctx, attempt) -> new Order(..., attempt));
   * Builder.task(item)
   *     .onWorkItemStateChanged(retry.onWorkItemStateChanged())
   *     .withPolicy(retry.policy());
   * }</pre>
   *
   * <p>Failures are counted by the task generation's counters ({@code ctx.task().getStats()
   * .failed()}), which cost nothing to read: a generation may fail {@code retries} work items in
   * all, whichever items they are, and a task enabled again starts counting anew. This fits a task
   * with one work item at a time; a task with many parallel items that each deserve their own
   * budget keeps the attempt in the items' payloads instead.
   *
   * <p>This retries a business failure ({@code failWorkItem}: recorded state). A technical failure
   * of a job's handler (an exception) is retried by the job's {@link RetryPolicy}.
   *
   * @param retries how many failed work items are followed by a new one (0: fail at once)
   */
  public static RetryFailedWorkItems retryFailedWorkItems(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, was " + retries);
    }
    return new RetryFailedWorkItems(retries, (ctx, attempt) -> null);
  }

  /** The payload of a new attempt. */
  @FunctionalInterface
  public interface AttemptPayload {
    /** Returns the payload of attempt number {@code attempt} (2 for the first retry). */
    @Nullable Object payload(WorkItemStateChangedContext ctx, int attempt) throws Exception;
  }

  /**
   * The two halves of {@link #retryFailedWorkItems}: the activity that initializes the next attempt
   * and the policy that continues while one is live.
   *
   * @param retries how many failed work items of a generation are followed by a new one
   * @param payload the initialize payload of each new attempt (none by default)
   */
  public record RetryFailedWorkItems(int retries, AttemptPayload payload) {

    /** Initializes each new attempt with the payload this function returns. */
    public RetryFailedWorkItems withPayload(AttemptPayload payload) {
      return new RetryFailedWorkItems(retries, payload);
    }

    /**
     * For {@code onWorkItemStateChanged}: re-initializes after a failure while retries are left.
     */
    public Activity<WorkItemStateChangedContext> onWorkItemStateChanged() {
      return ctx -> {
        long failed = ctx.task().getStats().failed();
        if (ctx.workItem().nextState() == WorkItemState.FAILED && failed <= retries) {
          ctx.workItem().initialize(payload.payload(ctx, (int) failed + 1));
        }
      };
    }

    /**
     * For {@code withPolicy}: a failure continues while it was within the retries and a new attempt
     * is live, else fails the task; otherwise the task completes once every work item is final.
     */
    public TaskPolicy policy() {
      return ctx -> {
        TaskStats stats = ctx.task().getStats();
        if (ctx.transition().nextState() == WorkItemState.FAILED) {
          return stats.failed() <= retries && stats.live() > 0
              ? PolicyResult.CONTINUE
              : PolicyResult.FAIL;
        }
        return stats.allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
      };
    }
  }
}

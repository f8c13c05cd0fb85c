package dev.tasquencer.api;

import dev.tasquencer.api.context.TaskPolicyContext;

/**
 * Decides what a task does when one of its work items reaches a final state (completed, failed or
 * canceled by a caller or an activity). Not called for teardown cancellations, starts or resets.
 */
@FunctionalInterface
public interface TaskPolicy {
  PolicyResult decide(TaskPolicyContext ctx) throws Exception;

  /**
   * The documented default: fail on a failed work item; complete once every work item of the
   * generation is final; continue otherwise.
   */
  TaskPolicy DEFAULT =
      ctx ->
          switch (ctx.transition().nextState()) {
            case FAILED -> PolicyResult.FAIL;
            case COMPLETED, CANCELED ->
                ctx.task().getStats().allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
            default -> PolicyResult.CONTINUE;
          };
}

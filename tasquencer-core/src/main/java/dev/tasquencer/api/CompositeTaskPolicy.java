package dev.tasquencer.api;

import dev.tasquencer.api.context.CompositeTaskPolicyContext;

/**
 * Decides what a composite (or dynamic composite) task does when one of its child workflows reaches
 * a final state. Not called for teardown cancellations or starts.
 */
@FunctionalInterface
public interface CompositeTaskPolicy {
  PolicyResult decide(CompositeTaskPolicyContext ctx) throws Exception;

  /**
   * The documented default: fail on a failed child; complete once at least one child exists and
   * every child of the generation is final; continue otherwise.
   */
  CompositeTaskPolicy DEFAULT =
      ctx ->
          switch (ctx.transition().nextState()) {
            case FAILED -> PolicyResult.FAIL;
            case COMPLETED, CANCELED -> {
              TaskStats s = ctx.task().getStats();
              yield s.total() > 0 && s.allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
            }
            default -> PolicyResult.CONTINUE;
          };
}

package dev.tasquencer.cli.ownnets;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;

/**
 * {@code review}: one task whose work items people create, start and complete through the engine's
 * external calls (its actions accept them), for the history of a run made by several actors.
 */
public final class ReviewNet {
  private ReviewNet() {}

  /** What a review work item is created with. */
  public record Request(String customer, int amount) {}

  /** What a review is completed with. */
  public record Decision(boolean approve, String note) {}

  public static WorkflowDefinition review() {
    var item =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .initialize(Request.class, (ctx, r) -> ctx.workItem().initialize())
                    .start(Void.class, (ctx, x) -> {})
                    .complete(Decision.class, (ctx, d) -> {}));
    return OrderNets.oneTask("review", "review", item)
        .withActions(Builder.workflowActions().initialize(Void.class, (ctx, x) -> {}))
        .build();
  }
}

package dev.tasquencer.examples.er;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.context.WorkItemActionContext.Complete;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInfo;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemActions;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.examples.er.ErPayloads.Claim;
import dev.tasquencer.examples.er.ErPayloads.Signed;
import dev.tasquencer.examples.er.ErPayloads.WorkOrder;
import java.util.Objects;

/**
 * Work items done by people. Their start and complete actions are custom, so staff call them from
 * outside the engine (external calls); each action first checks that the caller's role grants the
 * step's scope, then writes the domain rows in the engine's transaction. Creating the work items
 * (their initialize action) stays internal: the tasks do it when they are enabled.
 */
final class HumanSteps {
  private HumanSteps() {}

  /** Start = claim (scope checked); complete with a signed result (scope checked, then written). */
  static <R extends Signed> WorkItemActions actions(
      String workItem,
      Scope scope,
      Class<R> resultType,
      Action<WorkItemActionContext<Complete>, R> onComplete) {
    return Builder.workItemActions()
        .start(Claim.class, (ctx, claim) -> claim.role().require(scope, "start " + workItem))
        .complete(
            resultType,
            (ctx, result) -> {
              result.role().require(scope, "complete " + workItem);
              onComplete.run(ctx, result);
            });
  }

  static <R extends Signed> WorkItemBuilder step(
      String workItem,
      Scope scope,
      Class<R> resultType,
      Action<WorkItemActionContext<Complete>, R> onComplete) {
    return Builder.workItem(workItem).withActions(actions(workItem, scope, resultType, onComplete));
  }

  /** The patient of a work item created with a {@link WorkOrder}. */
  static WorkOrder order(WorkItemActionContext<?> ctx) {
    return order(ctx.workItem());
  }

  /** The same, in an activity of the work item. */
  static WorkOrder order(WorkItemActivityContext ctx) {
    return order(ctx.workItem());
  }

  private static WorkOrder order(WorkItemInfo item) {
    return Objects.requireNonNull(
        item.payload(WorkOrder.class), "the work item was created with a WorkOrder");
  }

  /** An onEnabled activity that creates the task's single work item for the journey's patient. */
  static Activity<TaskEnabledContext> oneWorkOrder(ErDomain domain) {
    return ctx ->
        ctx.workItem()
            .initialize(new WorkOrder(domain.patientId(ctx.db(), ctx.parent().rootWorkflowId())));
  }

  /** The same, after moving the patient to {@code status}. */
  static Activity<TaskEnabledContext> oneWorkOrder(ErDomain domain, PatientStatus status) {
    return ctx -> {
      long patientId = domain.patientId(ctx.db(), ctx.parent().rootWorkflowId());
      domain.moveTo(ctx.db(), patientId, status);
      ctx.workItem().initialize(new WorkOrder(patientId));
    };
  }
}

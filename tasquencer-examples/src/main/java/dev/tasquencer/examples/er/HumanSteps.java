package dev.tasquencer.examples.er;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferContext;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.CallContext;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.context.WorkItemActionContext.Complete;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInfo;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueRule;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemActions;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.examples.er.ErPayloads.Severity;
import dev.tasquencer.examples.er.ErPayloads.WorkOrder;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Work items done by people. Each is offered to the holders of the scope its step needs, with queue
 * data (priority from the patient's severity, the shift and the patient as attributes), so the
 * staff find it in their work queues ({@code engine.queues()}). Its start and complete actions
 * declare the scope as their policy: the engine refuses a call by an actor without it ({@code
 * NotAuthorizedException}) before anything changes, and lets only the claimant work a claimed item.
 * The complete action writes the domain rows in the engine's transaction and records the actor as
 * the one who did the step. Creating the work items stays internal: the tasks do it when they are
 * enabled.
 */
final class HumanSteps {
  private HumanSteps() {}

  /** Queue attribute: the shift the patient came in on (staff filter their queues by it). */
  static final String SHIFT = "shift";

  /** Queue attribute: the patient's id in the domain tables. */
  static final String PATIENT = "patient";

  /** Start (no payload) and complete with the result; both need {@code policy}. */
  static <R> WorkItemActions actions(
      Policy policy, Class<R> resultType, Action<WorkItemActionContext<Complete>, R> onComplete) {
    return Builder.workItemActions()
        .start(Void.class, policy)
        .complete(resultType, policy, onComplete);
  }

  /** A human step needing {@code scope}, offered to its holders, its patient from a WorkOrder. */
  static <R> WorkItemBuilder step(
      ErDomain domain,
      String workItem,
      Scope scope,
      Class<R> resultType,
      Action<WorkItemActionContext<Complete>, R> onComplete) {
    return offered(domain, Builder.workItem(workItem), scope, HumanSteps::workOrderPatient)
        .withActions(actions(Policy.requireScope(scope.id()), resultType, onComplete));
  }

  /**
   * Offers the work item to the holders of {@code scope}, with the queue data of its patient (read
   * from its initialize payload by {@code patientOf}).
   */
  static WorkItemBuilder offered(
      ErDomain domain, WorkItemBuilder item, Scope scope, ToLongFunction<OfferContext> patientOf) {
    QueueRule queue =
        ctx -> {
          long patientId = patientOf.applyAsLong(ctx);
          return QueueData.priority(priority(domain.severity(ctx.db(), patientId)))
              .attribute(SHIFT, domain.shiftId().toString())
              .attribute(PATIENT, Long.toString(patientId));
        };
    return item.offer(Offer.toScopes(scope.id())).queue(queue);
  }

  /**
   * Queue priority of a patient's steps: critical 30, urgent 20, routine 10; a patient not yet
   * triaged counts as urgent, so that triage comes before routine work.
   */
  static int priority(@Nullable Severity severity) {
    if (severity == null) {
      return 20;
    }
    return switch (severity) {
      case CRITICAL -> 30;
      case URGENT -> 20;
      case ROUTINE -> 10;
    };
  }

  /** The patient of an offered work item created with a {@link WorkOrder}. */
  static long workOrderPatient(OfferContext ctx) {
    return Objects.requireNonNull(
            ctx.payload(WorkOrder.class), "the work item was created with a WorkOrder")
        .patientId();
  }

  /**
   * Who made the call: the member of staff's user id (an internal call without actor: "system").
   */
  static String by(CallContext ctx) {
    return ctx.actor().map(Actor::id).orElse("system");
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

package dev.tasquencer.examples.er;

import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.examples.er.ErPayloads.Claim;
import dev.tasquencer.examples.er.ErPayloads.ConsultOrder;
import dev.tasquencer.examples.er.ErPayloads.ConsultRequest;
import dev.tasquencer.examples.er.ErPayloads.ConsultResult;
import dev.tasquencer.examples.er.ErPayloads.WorkOrder;
import java.util.Objects;

/**
 * The child workflow types of the dynamic composite task {@code consultations}, one per {@link
 * Specialty}; the review decides at run time which of them a patient gets. All share the work item
 * type {@code specialistConsult} (one type, three tasks); cardiology first records an ECG, an
 * automatic step that starts and completes itself (internal transitions).
 *
 * <pre>
 * cardiologyConsult:  start → recordEcg (automatic) → consultCardiologist → end
 * neurologyConsult:   start → consultNeurologist → end
 * orthopedicConsult:  start → consultOrthopedist → end
 * </pre>
 */
final class ConsultationWorkflows {
  private ConsultationWorkflows() {}

  static WorkflowBuilder[] all(ErDomain domain, TaskEvents events) {
    Specialty[] specialties = Specialty.values();
    WorkflowBuilder[] out = new WorkflowBuilder[specialties.length];
    for (int i = 0; i < specialties.length; i++) {
      out[i] = builder(specialties[i], domain, events);
    }
    return out;
  }

  /** The work item of every consultation: only the specialty's own specialists may do it. */
  static WorkItemBuilder specialistConsult(ErDomain domain) {
    return Builder.workItem("specialistConsult")
        .withActions(
            Builder.workItemActions()
                .start(
                    Claim.class,
                    (ctx, claim) -> requireSpecialist(claim.role(), consultOrder(ctx), "start"))
                .complete(
                    ConsultResult.class,
                    (ctx, result) -> {
                      ConsultOrder order = consultOrder(ctx);
                      requireSpecialist(result.role(), order, "complete");
                      domain.recordConsultation(
                          ctx.db(), order.patientId(), order.specialty(), result, ctx.now());
                    }));
  }

  private static ConsultOrder consultOrder(WorkItemActionContext<?> ctx) {
    return Objects.requireNonNull(
        ctx.workItem().payload(ConsultOrder.class), "a consultation step carries its ConsultOrder");
  }

  private static void requireSpecialist(Role role, ConsultOrder order, String what) {
    String step = what + " a " + order.specialty() + " consultation";
    role.require(Scope.SPECIALIST_CONSULT, step);
    role.require(order.specialty().scope(), step);
  }

  static WorkflowBuilder builder(Specialty specialty, ErDomain domain, TaskEvents events) {
    var consult =
        events.track(
            Builder.task(specialistConsult(domain))
                .onEnabled(
                    ctx -> {
                      ConsultRequest request = ctx.parent().workflowPayload(ConsultRequest.class);
                      ctx.workItem()
                          .initialize(new ConsultOrder(request.patientId(), request.specialty()));
                    }));
    WorkflowBuilder b =
        Builder.workflow(specialty.workflowName())
            .onInitialized(
                ctx -> {
                  ConsultRequest request =
                      Objects.requireNonNull(
                          ctx.workflow().payload(ConsultRequest.class),
                          "a consultation starts with its ConsultRequest");
                  domain.openConsultation(
                      ctx.db(),
                      request.patientId(),
                      ctx.workflow().id(),
                      request.specialty(),
                      ctx.now());
                })
            .onCanceled(
                ctx -> domain.consultationCanceled(ctx.db(), ctx.workflow().id(), ctx.now()))
            .startCondition("start")
            .endCondition("end");
    if (specialty == Specialty.CARDIOLOGY) {
      var recordEcg =
          Builder.workItem("recordEcg")
              .onInitialized(ctx -> ctx.workItem().start())
              .onStarted(
                  ctx -> {
                    long patientId = HumanSteps.order(ctx).patientId();
                    domain.recordEcg(ctx.db(), patientId, specialty, ecgRhythm(patientId));
                    ctx.workItem().complete();
                  });
      b =
          b.task(
                  "recordEcg",
                  events.track(
                      Builder.task(recordEcg)
                          .onEnabled(
                              ctx -> {
                                ConsultRequest request =
                                    ctx.parent().workflowPayload(ConsultRequest.class);
                                ctx.workItem().initialize(new WorkOrder(request.patientId()));
                              })))
              .task(specialty.taskName(), consult)
              .connectCondition("start", to -> to.task("recordEcg"))
              .connectTask("recordEcg", to -> to.task(specialty.taskName()));
    } else {
      b =
          b.task(specialty.taskName(), consult)
              .connectCondition("start", to -> to.task(specialty.taskName()));
    }
    return b.connectTask(specialty.taskName(), to -> to.condition("end"));
  }

  /** The simulated ECG device's reading. */
  static String ecgRhythm(long patientId) {
    return patientId % 7 == 0 ? "atrial fibrillation" : "sinus rhythm";
  }
}

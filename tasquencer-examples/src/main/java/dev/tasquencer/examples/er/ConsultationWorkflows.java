package dev.tasquencer.examples.er;

import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
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

  /**
   * The work item of a consultation, offered to the specialty's specialists; starting and
   * completing it needs {@code er:specialist:consult} and the specialty's scope.
   */
  static WorkItemBuilder specialistConsult(ErDomain domain, Specialty specialty) {
    Policy specialist =
        Policy.requireAllScopes(Scope.SPECIALIST_CONSULT.id(), specialty.scope().id());
    return HumanSteps.offered(
            domain,
            Builder.workItem("specialistConsult"),
            specialty.scope(),
            ctx ->
                Objects.requireNonNull(
                        ctx.payload(ConsultOrder.class),
                        "a consultation step carries its ConsultOrder")
                    .patientId())
        .withActions(
            HumanSteps.actions(
                specialist,
                ConsultResult.class,
                (ctx, result) -> {
                  ConsultOrder order = consultOrder(ctx);
                  domain.recordConsultation(
                      ctx.db(),
                      order.patientId(),
                      order.specialty(),
                      result,
                      HumanSteps.by(ctx),
                      ctx.now());
                }));
  }

  private static ConsultOrder consultOrder(WorkItemActionContext<?> ctx) {
    return Objects.requireNonNull(
        ctx.workItem().payload(ConsultOrder.class), "a consultation step carries its ConsultOrder");
  }

  static WorkflowBuilder builder(Specialty specialty, ErDomain domain, TaskEvents events) {
    var consult =
        events.track(
            Builder.task(specialistConsult(domain, specialty))
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

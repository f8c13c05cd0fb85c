package dev.tasquencer.examples.er;

import dev.tasquencer.api.TaskPolicies;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.examples.er.ErDomain.MedicationKind;
import dev.tasquencer.examples.er.ErPayloads.Admission;
import dev.tasquencer.examples.er.ErPayloads.CheckProblem;
import dev.tasquencer.examples.er.ErPayloads.DailyCheckResult;
import dev.tasquencer.examples.er.ErPayloads.DischargePlan;
import dev.tasquencer.examples.er.ErPayloads.MedicationGiven;
import dev.tasquencer.examples.er.ErPayloads.MedicationReconciliation;
import dev.tasquencer.examples.er.ErPayloads.PatientRef;
import dev.tasquencer.examples.er.ErPayloads.WorkOrder;

/**
 * The child workflow of the composite task {@code hospitalStay}: admission, then a loop of daily
 * checks (each day a new generation of {@code performDailyCheck}) while the pharmacy reconciles the
 * patient's medications in parallel; discharge is prepared once the last check says so and the
 * medications are reconciled.
 *
 * <pre>
 * start → admitToHospital (AND split) ─┬→ performDailyCheck (XOR join, XOR split)
 *                                      └→ reconcileMedications → prepareForDischarge
 * performDailyCheck ─┬─[ready]───────────→ prepareForDischarge (AND join) → end
 *                    ├─[needs medication]→ administerDailyMedication → performDailyCheck
 *                    └─[otherwise]───────→ continueObservation (dummy) → performDailyCheck
 * </pre>
 *
 * A daily check that cannot be done safely is failed by the nurse (a business failure). {@link
 * TaskPolicies#retryFailedWorkItems} absorbs the first failure of a day: its {@code
 * onWorkItemStateChanged} creates a second attempt in the same generation and its policy continues.
 * A second failure on the same day fails the task, so the stay fails (escalation to intensive
 * care), and with it the journey.
 */
final class HospitalStayWorkflow {
  static final String NAME = "hospitalStay";

  /** Attempts of a daily check before the stay escalates. */
  static final int MAX_CHECK_ATTEMPTS = 2;

  /** The policy of the nurses' steps. */
  private static final Policy NURSING = Policy.requireScope(Scope.NURSING_WRITE.id());

  private HospitalStayWorkflow() {}

  static WorkflowBuilder builder(ErDomain domain, TaskEvents events) {
    var admitToHospital =
        HumanSteps.step(
            domain,
            "admitToHospital",
            Scope.SUPPORT_ADMISSION,
            Admission.class,
            (ctx, a) -> domain.recordAdmission(ctx.db(), HumanSteps.order(ctx).patientId(), a));
    var performDailyCheck =
        HumanSteps.offered(
                domain,
                Builder.workItem("performDailyCheck"),
                Scope.NURSING_WRITE,
                HumanSteps::workOrderPatient)
            .withActions(
                HumanSteps.actions(
                        NURSING,
                        DailyCheckResult.class,
                        (ctx, r) -> {
                          WorkOrder order = HumanSteps.order(ctx);
                          domain.recordDailyCheck(
                              ctx.db(), order.patientId(), order.attempt(), r, ctx.now());
                        })
                    .fail(
                        CheckProblem.class,
                        NURSING,
                        (ctx, problem) -> {
                          WorkOrder order = HumanSteps.order(ctx);
                          domain.recordFailedCheck(
                              ctx.db(), order.patientId(), order.attempt(), problem, ctx.now());
                        }));
    var administerDailyMedication =
        HumanSteps.step(
            domain,
            "administerDailyMedication",
            Scope.NURSING_WRITE,
            MedicationGiven.class,
            (ctx, m) -> {
              long patientId = HumanSteps.order(ctx).patientId();
              var stay = domain.stay(ctx.db(), patientId);
              domain.recordMedication(
                  ctx.db(),
                  patientId,
                  stay.id(),
                  MedicationKind.DAILY,
                  stay.days(),
                  m.medications(),
                  HumanSteps.by(ctx),
                  ctx.now());
            });
    var reconcileMedications =
        HumanSteps.step(
            domain,
            "reconcileMedications",
            Scope.PHARMACY_WRITE,
            MedicationReconciliation.class,
            (ctx, m) ->
                domain.recordReconciliation(
                    ctx.db(),
                    HumanSteps.order(ctx).patientId(),
                    m.medications(),
                    HumanSteps.by(ctx),
                    ctx.now()));
    var prepareForDischarge =
        HumanSteps.step(
            domain,
            "prepareForDischarge",
            Scope.SUPPORT_DISCHARGE,
            DischargePlan.class,
            (ctx, p) -> domain.recordDischargePlan(ctx.db(), HumanSteps.order(ctx).patientId(), p));

    // a failed daily check is followed by another attempt, up to MAX_CHECK_ATTEMPTS in a day
    var dailyCheckRetry =
        TaskPolicies.retryFailedWorkItems(MAX_CHECK_ATTEMPTS - 1)
            .withPayload(
                (ctx, attempt) ->
                    new WorkOrder(
                        domain.patientId(ctx.db(), ctx.parent().rootWorkflowId()), attempt));
    return Builder.workflow(NAME)
        .onInitialized(
            ctx ->
                domain.openStay(
                    ctx.db(), PatientRef.of(ctx.workflow()), ctx.workflow().id(), ctx.now()))
        .onCompleted(ctx -> domain.closeStay(ctx.db(), ctx.workflow().id(), "completed", ctx.now()))
        .onFailed(ctx -> domain.closeStay(ctx.db(), ctx.workflow().id(), "escalated", ctx.now()))
        .onCanceled(ctx -> domain.closeStay(ctx.db(), ctx.workflow().id(), "canceled", ctx.now()))
        .startCondition("start")
        .task(
            "admitToHospital",
            events.track(Builder.task(admitToHospital).onEnabled(HumanSteps.oneWorkOrder(domain))))
        .task(
            "performDailyCheck",
            events.track(
                Builder.task(performDailyCheck)
                    .withJoinType(JoinType.XOR)
                    .withSplitType(SplitType.XOR)
                    .onEnabled(HumanSteps.oneWorkOrder(domain))
                    .onWorkItemStateChanged(dailyCheckRetry.onWorkItemStateChanged())
                    .withPolicy(dailyCheckRetry.policy())))
        .task(
            "administerDailyMedication",
            events.track(
                Builder.task(administerDailyMedication).onEnabled(HumanSteps.oneWorkOrder(domain))))
        .dummyTask("continueObservation", events.track(Builder.dummyTask()))
        .task(
            "reconcileMedications",
            events.track(
                Builder.task(reconcileMedications).onEnabled(HumanSteps.oneWorkOrder(domain))))
        .task(
            "prepareForDischarge",
            events.track(
                Builder.task(prepareForDischarge)
                    .withJoinType(JoinType.AND)
                    .onEnabled(HumanSteps.oneWorkOrder(domain))))
        .endCondition("end")
        .connectCondition("start", to -> to.task("admitToHospital"))
        .connectTask(
            "admitToHospital", to -> to.task("performDailyCheck").task("reconcileMedications"))
        .connectTask(
            "performDailyCheck",
            to ->
                to.task("prepareForDischarge")
                    .task("administerDailyMedication")
                    .task("continueObservation")
                    .route(
                        ctx -> {
                          long patientId =
                              domain.patientId(ctx.db(), ctx.parent().rootWorkflowId());
                          switch (ErRouting.afterDailyCheck(
                              domain.latestCheckDecision(ctx.db(), patientId))) {
                            case PREPARE_DISCHARGE:
                              return ctx.toTask("prepareForDischarge");
                            case DAILY_MEDICATION:
                              return ctx.toTask("administerDailyMedication");
                            default:
                              return ctx.toTask("continueObservation");
                          }
                        }))
        .connectTask("administerDailyMedication", to -> to.task("performDailyCheck"))
        .connectTask("continueObservation", to -> to.task("performDailyCheck"))
        .connectTask("reconcileMedications", to -> to.task("prepareForDischarge"))
        .connectTask("prepareForDischarge", to -> to.condition("end"));
  }
}

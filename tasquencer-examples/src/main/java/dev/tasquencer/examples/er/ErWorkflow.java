package dev.tasquencer.examples.er;

import dev.tasquencer.api.Route;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.examples.er.ErDomain.MedicationKind;
import dev.tasquencer.examples.er.ErPayloads.AdmitPatient;
import dev.tasquencer.examples.er.ErPayloads.ConsultRequest;
import dev.tasquencer.examples.er.ErPayloads.DiagnosticReview;
import dev.tasquencer.examples.er.ErPayloads.DischargeSummary;
import dev.tasquencer.examples.er.ErPayloads.LeaveAgainstAdvice;
import dev.tasquencer.examples.er.ErPayloads.MedicationGiven;
import dev.tasquencer.examples.er.ErPayloads.PatientRef;
import dev.tasquencer.examples.er.ErPayloads.SurgeryReport;
import dev.tasquencer.examples.er.ErPayloads.TriageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The emergency room's patient journey (the root workflow), with its nested workflows.
 *
 * <pre>
 * start → triage → diagnostics (composite, XOR split)
 *   diagnostics ─┬─[x-ray critical]→ performSurgery → hospitalStay
 *                └─[stable]────────→ reviewDiagnostics (OR split)
 *   reviewDiagnostics ─┬─ always ──────────→ gatherConsultations (dummy, OR join, XOR split)
 *                      └─ specialists asked → consultations (dynamic composite)
 *                                               → gatherConsultations
 *   gatherConsultations ─┬─[admission]──→ hospitalStay (composite, XOR join) → discharge
 *                        ├─[medication]─→ administerMedication → discharge
 *                        └─[otherwise]──→ discharge (XOR join) → end
 * </pre>
 *
 * Child workflows: {@link DiagnosticsWorkflow} (x-ray and blood in parallel, a cancellation
 * region), {@link ConsultationWorkflows} (one type per specialty, 1 to 3 chosen at run time) and
 * {@link HospitalStayWorkflow} (a loop of daily checks, medication reconciliation in parallel, a
 * retry policy).
 *
 * <p>Staff drive it from outside with external calls: {@code initializeRootWorkflow} with {@link
 * AdmitPatient} (policy: {@code er:staff}), then claim, start and complete (with the result) of
 * every human step, which they find in their work queues, and {@code cancelWorkflow} with {@link
 * LeaveAgainstAdvice} (policy: {@code er:physician:write}). Every call is made as a member of staff
 * ({@code engine.as(actor)}); every action declares the scope it needs as its policy, which the
 * engine checks. Final states: {@code completed} (discharged), {@code failed} (the stay escalated:
 * transferred to intensive care), {@code canceled} (left against medical advice).
 *
 * <p>Where it differs from the platform spec's ER example (section 8.5): the consultations are one
 * dynamic composite task (a child workflow type per specialty, three specialties) instead of two
 * atomic tasks; {@code gatherConsultations} can also admit the patient (so stable patients may get
 * a hospital stay too); {@code discharge} is a human step with a XOR join (its three inputs are
 * mutually exclusive) instead of a dummy task with an OR join; the hospital stay reconciles
 * medications in parallel and retries a failed daily check once; the cancellation region also
 * empties the blood analysis's output condition.
 */
public final class ErWorkflow {
  public static final String NAME = "erPatientJourney";

  /** The composite tasks of every level, whose children are workflows rather than work items. */
  public static final Set<String> COMPOSITE_TASKS =
      Set.of("diagnostics", "consultations", "hospitalStay");

  private ErWorkflow() {}

  public static WorkflowDefinition definition(ErDomain domain) {
    var events = new TaskEvents(domain);

    var triagePatient =
        HumanSteps.step(
            domain,
            "triagePatient",
            Scope.TRIAGE_WRITE,
            TriageResult.class,
            (ctx, r) ->
                domain.recordTriage(
                    ctx.db(), HumanSteps.order(ctx).patientId(), r, HumanSteps.by(ctx), ctx.now()));
    var performSurgery =
        HumanSteps.step(
            domain,
            "performSurgery",
            Scope.SPECIALIST_SURGERY,
            SurgeryReport.class,
            (ctx, r) ->
                domain.recordSurgery(
                    ctx.db(), HumanSteps.order(ctx).patientId(), r, HumanSteps.by(ctx), ctx.now()));
    var reviewDiagnostics =
        HumanSteps.step(
            domain,
            "reviewDiagnostics",
            Scope.PHYSICIAN_WRITE,
            DiagnosticReview.class,
            (ctx, r) ->
                domain.recordReview(ctx.db(), HumanSteps.order(ctx).patientId(), r, ctx.now()));
    var administerMedication =
        HumanSteps.step(
            domain,
            "administerMedication",
            Scope.NURSING_WRITE,
            MedicationGiven.class,
            (ctx, m) ->
                domain.recordMedication(
                    ctx.db(),
                    HumanSteps.order(ctx).patientId(),
                    null,
                    MedicationKind.INITIAL,
                    null,
                    m.medications(),
                    HumanSteps.by(ctx),
                    ctx.now()));
    var dischargePatient =
        HumanSteps.step(
            domain,
            "dischargePatient",
            Scope.SUPPORT_DISCHARGE,
            DischargeSummary.class,
            (ctx, s) ->
                domain.discharge(
                    ctx.db(), HumanSteps.order(ctx).patientId(), s, HumanSteps.by(ctx), ctx.now()));

    return Builder.workflow(NAME)
        .withDescription("Emergency room patient journey")
        .withActions(
            Builder.workflowActions()
                .initialize(
                    AdmitPatient.class,
                    Policy.requireScope(Scope.STAFF.id()),
                    (ctx, p) ->
                        domain.admitPatient(
                            ctx.db(),
                            ctx.workflow().initialize(),
                            p,
                            HumanSteps.by(ctx),
                            ctx.now()))
                .cancel(
                    LeaveAgainstAdvice.class,
                    Policy.requireScope(Scope.PHYSICIAN_WRITE.id()),
                    (ctx, p) -> domain.recordDeparture(ctx.db(), ctx.workflow().id(), p.reason())))
        .onFailed(
            ctx ->
                domain.endJourney(
                    ctx.db(),
                    ctx.workflow().id(),
                    PatientStatus.TRANSFERRED,
                    "transferred to intensive care: the hospital stay escalated",
                    ctx.now()))
        .onCanceled(
            ctx ->
                domain.endJourney(
                    ctx.db(),
                    ctx.workflow().id(),
                    PatientStatus.LEFT_AGAINST_ADVICE,
                    "left against medical advice",
                    ctx.now()))
        .startCondition("start")
        .task(
            "triage",
            events.track(Builder.task(triagePatient).onEnabled(HumanSteps.oneWorkOrder(domain))))
        .compositeTask(
            "diagnostics",
            events.track(
                Builder.compositeTask(DiagnosticsWorkflow.builder(domain, events))
                    .withSplitType(SplitType.XOR)
                    .onEnabled(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          domain.moveTo(ctx.db(), patientId, PatientStatus.DIAGNOSTICS);
                          ctx.workflow().initialize(new PatientRef(patientId));
                        })))
        .task(
            "performSurgery",
            events.track(
                Builder.task(performSurgery)
                    .onEnabled(HumanSteps.oneWorkOrder(domain, PatientStatus.EMERGENCY_SURGERY))))
        .task(
            "reviewDiagnostics",
            events.track(
                Builder.task(reviewDiagnostics)
                    .withSplitType(SplitType.OR)
                    .onEnabled(HumanSteps.oneWorkOrder(domain, PatientStatus.REVIEW))))
        .dynamicCompositeTask(
            "consultations",
            events.track(
                Builder.dynamicCompositeTask(ConsultationWorkflows.all(domain, events))
                    .onEnabled(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          domain.moveTo(ctx.db(), patientId, PatientStatus.CONSULTATION);
                          for (Specialty s :
                              ErRouting.consultationsToRequest(
                                  domain.review(ctx.db(), patientId))) {
                            ctx.workflow()
                                .initialize(s.workflowName(), new ConsultRequest(patientId, s));
                          }
                        })))
        .dummyTask(
            "gatherConsultations",
            events.track(
                Builder.dummyTask().withJoinType(JoinType.OR).withSplitType(SplitType.XOR)))
        .task(
            "administerMedication",
            events.track(
                Builder.task(administerMedication)
                    .onEnabled(HumanSteps.oneWorkOrder(domain, PatientStatus.TREATMENT))))
        .compositeTask(
            "hospitalStay",
            events.track(
                Builder.compositeTask(HospitalStayWorkflow.builder(domain, events))
                    .withJoinType(JoinType.XOR)
                    .onEnabled(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          domain.moveTo(ctx.db(), patientId, PatientStatus.ADMITTED);
                          ctx.workflow().initialize(new PatientRef(patientId));
                        })))
        .task(
            "discharge",
            events.track(
                Builder.task(dischargePatient)
                    .withJoinType(JoinType.XOR)
                    .onEnabled(HumanSteps.oneWorkOrder(domain, PatientStatus.READY_FOR_DISCHARGE))))
        .endCondition("end")
        .connectCondition("start", to -> to.task("triage"))
        .connectTask("triage", to -> to.task("diagnostics"))
        .connectTask(
            "diagnostics",
            to ->
                to.task("performSurgery")
                    .task("reviewDiagnostics")
                    .route(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          return ErRouting.afterDiagnostics(domain.diagnostics(ctx.db(), patientId))
                                  == ErRouting.AfterDiagnostics.SURGERY
                              ? ctx.toTask("performSurgery")
                              : ctx.toTask("reviewDiagnostics");
                        }))
        .connectTask("performSurgery", to -> to.task("hospitalStay"))
        .connectTask(
            "reviewDiagnostics",
            to ->
                to.task("gatherConsultations")
                    .task("consultations")
                    .routes(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          List<Route> routes = new ArrayList<>();
                          routes.add(ctx.toTask("gatherConsultations"));
                          if (!ErRouting.consultationsToRequest(domain.review(ctx.db(), patientId))
                              .isEmpty()) {
                            routes.add(ctx.toTask("consultations"));
                          }
                          return routes;
                        }))
        .connectTask("consultations", to -> to.task("gatherConsultations"))
        .connectTask(
            "gatherConsultations",
            to ->
                to.task("hospitalStay")
                    .task("administerMedication")
                    .task("discharge")
                    .route(
                        ctx -> {
                          long patientId = domain.patientId(ctx.db(), ctx.parent().workflowId());
                          switch (ErRouting.afterConsultations(
                              domain.review(ctx.db(), patientId),
                              domain.consultations(ctx.db(), patientId))) {
                            case ADMIT:
                              return ctx.toTask("hospitalStay");
                            case MEDICATION:
                              return ctx.toTask("administerMedication");
                            default:
                              return ctx.toTask("discharge");
                          }
                        }))
        .connectTask("administerMedication", to -> to.task("discharge"))
        .connectTask("hospitalStay", to -> to.task("discharge"))
        .connectTask("discharge", to -> to.condition("end"))
        .build();
  }
}

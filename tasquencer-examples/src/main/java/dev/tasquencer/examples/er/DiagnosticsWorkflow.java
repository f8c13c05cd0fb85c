package dev.tasquencer.examples.er;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.examples.er.ErPayloads.BloodResult;
import dev.tasquencer.examples.er.ErPayloads.PatientRef;
import dev.tasquencer.examples.er.ErPayloads.XRayResult;

/**
 * The child workflow of the composite task {@code diagnostics}: an x-ray and a blood analysis in
 * parallel. A critical x-ray ends the diagnostics at once (emergency surgery): the cancellation
 * region of {@code emergencySurgeryTrigger} withdraws the blood analysis if it has not been done,
 * and empties its output if it has.
 *
 * <pre>
 * start → initiateDiagnostics (dummy, AND split) ─┬→ conductXRay (XOR split)
 *                                                 └→ analyzeBloodSample
 *                                                      → stableDiagnosticsComplete
 * conductXRay ─┬─[critical]→ emergencySurgeryTrigger (dummy) → end
 *              └─[stable]──→ stableDiagnosticsComplete (dummy, AND join) → end
 * region of emergencySurgeryTrigger: initiateDiagnostics__to__analyzeBloodSample,
 *   analyzeBloodSample, analyzeBloodSample__to__stableDiagnosticsComplete
 * </pre>
 *
 * Initialized with {@link PatientRef}; creates the diagnostics record, which its x-ray and blood
 * results fill in.
 */
final class DiagnosticsWorkflow {
  static final String NAME = "diagnostics";

  private DiagnosticsWorkflow() {}

  static WorkflowBuilder builder(ErDomain domain, TaskEvents events) {
    var conductXRay =
        HumanSteps.step(
            domain,
            "conductXRay",
            Scope.DIAGNOSTICS_XRAY,
            XRayResult.class,
            (ctx, r) -> domain.recordXRay(ctx.db(), HumanSteps.order(ctx).patientId(), r));
    var analyzeBloodSample =
        HumanSteps.step(
                domain,
                "analyzeBloodSample",
                Scope.DIAGNOSTICS_LAB,
                BloodResult.class,
                (ctx, r) ->
                    domain.recordBloodResults(ctx.db(), HumanSteps.order(ctx).patientId(), r))
            // withdrawn by the region, or torn down with the journey
            .onCanceled(
                ctx -> domain.bloodAnalysisCanceled(ctx.db(), HumanSteps.order(ctx).patientId()));

    return Builder.workflow(NAME)
        .onInitialized(
            ctx ->
                domain.openDiagnostics(
                    ctx.db(), PatientRef.of(ctx.workflow()), ctx.workflow().id(), ctx.now()))
        .onCompleted(
            ctx -> domain.closeDiagnostics(ctx.db(), ctx.workflow().id(), "completed", ctx.now()))
        .onCanceled(
            ctx -> domain.closeDiagnostics(ctx.db(), ctx.workflow().id(), "canceled", ctx.now()))
        .startCondition("start")
        .dummyTask("initiateDiagnostics", events.track(Builder.dummyTask()))
        .task(
            "conductXRay",
            events.track(
                Builder.task(conductXRay)
                    .withSplitType(SplitType.XOR)
                    .onEnabled(HumanSteps.oneWorkOrder(domain))))
        .task(
            "analyzeBloodSample",
            events.track(
                Builder.task(analyzeBloodSample).onEnabled(HumanSteps.oneWorkOrder(domain))))
        .dummyTask("emergencySurgeryTrigger", events.track(Builder.dummyTask()))
        .dummyTask(
            "stableDiagnosticsComplete",
            events.track(Builder.dummyTask().withJoinType(JoinType.AND)))
        .endCondition("end")
        .connectCondition("start", to -> to.task("initiateDiagnostics"))
        .connectTask("initiateDiagnostics", to -> to.task("conductXRay").task("analyzeBloodSample"))
        .connectTask(
            "conductXRay",
            to ->
                to.task("emergencySurgeryTrigger")
                    .task("stableDiagnosticsComplete")
                    .route(
                        ctx -> {
                          long patientId =
                              domain.patientId(ctx.db(), ctx.parent().rootWorkflowId());
                          return ErRouting.afterDiagnostics(domain.diagnostics(ctx.db(), patientId))
                                  == ErRouting.AfterDiagnostics.SURGERY
                              ? ctx.toTask("emergencySurgeryTrigger")
                              : ctx.toTask("stableDiagnosticsComplete");
                        }))
        .connectTask("analyzeBloodSample", to -> to.task("stableDiagnosticsComplete"))
        .connectTask("emergencySurgeryTrigger", to -> to.condition("end"))
        .connectTask("stableDiagnosticsComplete", to -> to.condition("end"))
        .withCancellationRegion(
            "emergencySurgeryTrigger",
            region ->
                region
                    .condition("initiateDiagnostics__to__analyzeBloodSample")
                    .task("analyzeBloodSample")
                    .condition("analyzeBloodSample__to__stableDiagnosticsComplete"));
  }
}

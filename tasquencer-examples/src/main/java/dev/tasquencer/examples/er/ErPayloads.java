package dev.tasquencer.examples.er;

import dev.tasquencer.api.context.Payloads;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The payloads of the patient journey. What a member of staff sends through the engine's public
 * commands carries the result of the step, not who sent it: the engine knows the caller (the call's
 * actor, {@code engine.as(actor)}), checks the action's policy against the actor's scopes and gives
 * it to the action ({@code ctx.actor()}), which records it. The payloads the workflows create
 * internally (child workflows, work items) carry the patient.
 */
public final class ErPayloads {
  private ErPayloads() {}

  /** Triage severity. */
  public enum Severity {
    ROUTINE,
    URGENT,
    CRITICAL
  }

  /** What the physician's review decides for a patient without emergency surgery. */
  public enum Treatment {
    DISCHARGE,
    MEDICATION,
    ADMIT
  }

  /** The decision of a daily check in the hospital stay. */
  public enum CheckDecision {
    READY_FOR_DISCHARGE,
    NEEDS_MEDICATION,
    CONTINUE_OBSERVATION
  }

  // ------------------------------------------------------------------ workflows

  /** Starts a patient journey (external initialize of the root workflow; needs er:staff). */
  public record AdmitPatient(String name, String complaint) {}

  /** Initialize payload of the diagnostics and hospital stay child workflows. */
  public record PatientRef(long patientId) {
    /** The patient of a journey's child workflow, which is always started with one. */
    static long of(Payloads workflow) {
      return Objects.requireNonNull(
              workflow.payload(PatientRef.class), "the workflow was started with a PatientRef")
          .patientId();
    }
  }

  /** Initialize payload of a consultation child workflow. */
  public record ConsultRequest(long patientId, Specialty specialty) {}

  /** Cancels a journey: the patient leaves against medical advice (policy: er:physician:write). */
  public record LeaveAgainstAdvice(String reason) {}

  // ------------------------------------------------------------------ work items

  /** Initialize payload of most work items: the patient, and which attempt this is. */
  public record WorkOrder(long patientId, int attempt) {
    public WorkOrder(long patientId) {
      this(patientId, 1);
    }
  }

  /** Initialize payload of a {@code specialistConsult} work item. */
  public record ConsultOrder(long patientId, Specialty specialty) {}

  public record TriageResult(Severity severity, String vitalSigns) {}

  public record XRayResult(String findings, boolean critical) {}

  public record BloodResult(String results) {}

  /**
   * The review of the diagnostics: the specialists to consult (none to three) and the treatment.
   */
  public record DiagnosticReview(List<Specialty> consultations, Treatment treatment, String plan) {
    public DiagnosticReview {
      if (consultations != null && consultations.size() != new HashSet<>(consultations).size()) {
        throw new IllegalArgumentException("a specialty is consulted at most once");
      }
      consultations = consultations == null ? null : List.copyOf(consultations);
    }
  }

  public record ConsultResult(
      String recommendations, boolean prescribeMedication, boolean recommendAdmission) {}

  public record SurgeryReport(String procedure, String notes) {}

  public record MedicationGiven(String medications) {}

  public record Admission(String ward, String room) {}

  public record DailyCheckResult(String vitalSigns, CheckDecision decision) {}

  /** Fail payload of a daily check: the check could not be done safely. */
  public record CheckProblem(String reason) {}

  public record MedicationReconciliation(String medications) {}

  public record DischargePlan(String instructions, boolean followUpRequired) {}

  public record DischargeSummary(String summary) {}
}

package dev.tasquencer.examples.er;

import dev.tasquencer.api.context.Payloads;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The payloads of the patient journey. Everything a member of staff sends through the engine's
 * public commands is {@link Signed} with their role; the custom actions check the role before they
 * write anything. The payloads the workflows create internally (child workflows, work items) carry
 * the patient.
 */
public final class ErPayloads {
  private ErPayloads() {}

  /** A payload sent by a member of staff. */
  public interface Signed {
    Role role();
  }

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
  public record AdmitPatient(Role role, String name, String complaint) implements Signed {}

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

  /** Cancels a journey: the patient leaves against medical advice (needs er:physician:write). */
  public record LeaveAgainstAdvice(Role role, String reason) implements Signed {}

  // ------------------------------------------------------------------ work items

  /** Initialize payload of most work items: the patient, and which attempt this is. */
  public record WorkOrder(long patientId, int attempt) {
    public WorkOrder(long patientId) {
      this(patientId, 1);
    }
  }

  /** Initialize payload of a {@code specialistConsult} work item. */
  public record ConsultOrder(long patientId, Specialty specialty) {}

  /** Start payload of every human step: who claims it. */
  public record Claim(Role role, String staff) implements Signed {}

  public record TriageResult(Role role, Severity severity, String vitalSigns) implements Signed {}

  public record XRayResult(Role role, String findings, boolean critical) implements Signed {}

  public record BloodResult(Role role, String results) implements Signed {}

  /**
   * The review of the diagnostics: the specialists to consult (none to three) and the treatment.
   */
  public record DiagnosticReview(
      Role role, List<Specialty> consultations, Treatment treatment, String plan)
      implements Signed {
    public DiagnosticReview {
      if (consultations != null && consultations.size() != new HashSet<>(consultations).size()) {
        throw new IllegalArgumentException("a specialty is consulted at most once");
      }
      consultations = consultations == null ? null : List.copyOf(consultations);
    }
  }

  public record ConsultResult(
      Role role, String recommendations, boolean prescribeMedication, boolean recommendAdmission)
      implements Signed {}

  public record SurgeryReport(Role role, String procedure, String notes) implements Signed {}

  public record MedicationGiven(Role role, String medications) implements Signed {}

  public record Admission(Role role, String ward, String room) implements Signed {}

  public record DailyCheckResult(Role role, String vitalSigns, CheckDecision decision)
      implements Signed {}

  /** Fail payload of a daily check: the check could not be done safely. */
  public record CheckProblem(Role role, String reason) implements Signed {}

  public record MedicationReconciliation(Role role, String medications) implements Signed {}

  public record DischargePlan(Role role, String instructions, boolean followUpRequired)
      implements Signed {}

  public record DischargeSummary(Role role, String summary) implements Signed {}
}

package dev.tasquencer.examples.er;

import dev.tasquencer.api.WorkflowState;
import java.util.Locale;

/**
 * Where a patient is in the journey, as the domain records it. The last three are final, one per
 * final state of the journey's root workflow.
 */
public enum PatientStatus {
  TRIAGE,
  DIAGNOSTICS,
  EMERGENCY_SURGERY,
  REVIEW,
  CONSULTATION,
  TREATMENT,
  ADMITTED,
  READY_FOR_DISCHARGE,
  /** Journey completed. */
  DISCHARGED,
  /**
   * Journey failed: the hospital stay escalated and the patient was transferred to intensive care.
   */
  TRANSFERRED,
  /** Journey canceled: the patient left against medical advice. */
  LEFT_AGAINST_ADVICE;

  /** The value stored in {@code er_patients.status}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PatientStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The final status that matches a final state of the root workflow. */
  public static PatientStatus finalFor(WorkflowState state) {
    switch (state) {
      case COMPLETED:
        return DISCHARGED;
      case FAILED:
        return TRANSFERRED;
      case CANCELED:
        return LEFT_AGAINST_ADVICE;
      default:
        throw new IllegalArgumentException("not a final state: " + state);
    }
  }
}

package dev.tasquencer.examples.er;

import dev.tasquencer.examples.er.ErDomain.Consultation;
import dev.tasquencer.examples.er.ErDomain.Diagnostics;
import dev.tasquencer.examples.er.ErDomain.Review;
import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErPayloads.Treatment;
import java.util.List;

/**
 * The routing rules of the journey, in plain Java so that they can be tested without an engine. The
 * routers of the workflows read the domain rows and ask these rules; the demo's consistency check
 * asks them again afterwards.
 */
public final class ErRouting {
  private ErRouting() {}

  /** Where a patient goes after the diagnostics. */
  public enum AfterDiagnostics {
    /** The x-ray was critical: emergency surgery, then a hospital stay. */
    SURGERY,
    /** Stable: a physician reviews the diagnostics. */
    REVIEW
  }

  /** Where a patient goes once the review and its consultations are done. */
  public enum AfterConsultations {
    ADMIT,
    MEDICATION,
    DISCHARGE
  }

  /** Where the hospital stay goes after a daily check. */
  public enum AfterDailyCheck {
    PREPARE_DISCHARGE,
    DAILY_MEDICATION,
    OBSERVATION
  }

  public static AfterDiagnostics afterDiagnostics(Diagnostics d) {
    if (d.xrayCritical() == null) {
      throw new IllegalStateException(
          "the diagnostics of patient " + d.patientId() + " have no x-ray reading");
    }
    return d.xrayCritical() ? AfterDiagnostics.SURGERY : AfterDiagnostics.REVIEW;
  }

  /** The consultations the review asked for, in the order it listed them. */
  public static List<Specialty> consultationsToRequest(Review review) {
    return review.consultations();
  }

  /**
   * Admission when the review or any completed consultation asks for it; else medication when the
   * review or any completed consultation prescribes it; else discharge.
   */
  public static AfterConsultations afterConsultations(
      Review review, List<Consultation> consultations) {
    List<Consultation> given =
        consultations.stream().filter(c -> "completed".equals(c.status())).toList();
    if (review.treatment() == Treatment.ADMIT
        || given.stream().anyMatch(c -> Boolean.TRUE.equals(c.recommendAdmission()))) {
      return AfterConsultations.ADMIT;
    }
    if (review.treatment() == Treatment.MEDICATION
        || given.stream().anyMatch(c -> Boolean.TRUE.equals(c.prescribeMedication()))) {
      return AfterConsultations.MEDICATION;
    }
    return AfterConsultations.DISCHARGE;
  }

  public static AfterDailyCheck afterDailyCheck(CheckDecision latest) {
    switch (latest) {
      case READY_FOR_DISCHARGE:
        return AfterDailyCheck.PREPARE_DISCHARGE;
      case NEEDS_MEDICATION:
        return AfterDailyCheck.DAILY_MEDICATION;
      default:
        return AfterDailyCheck.OBSERVATION;
    }
  }
}

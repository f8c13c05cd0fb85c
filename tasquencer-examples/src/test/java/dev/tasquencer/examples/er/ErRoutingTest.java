package dev.tasquencer.examples.er;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.examples.er.ErDomain.Consultation;
import dev.tasquencer.examples.er.ErDomain.Diagnostics;
import dev.tasquencer.examples.er.ErDomain.Review;
import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErPayloads.Treatment;
import dev.tasquencer.examples.er.ErRouting.AfterConsultations;
import dev.tasquencer.examples.er.ErRouting.AfterDailyCheck;
import dev.tasquencer.examples.er.ErRouting.AfterDiagnostics;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The journey's routing rules, without an engine. */
class ErRoutingTest {
  private static final UUID WF = UUID.randomUUID();

  private static Consultation consult(String status, boolean prescribes, boolean admits) {
    return new Consultation(1, WF, Specialty.CARDIOLOGY, status, prescribes, admits);
  }

  @Test
  void criticalXRayMeansSurgery() {
    assertThat(ErRouting.afterDiagnostics(new Diagnostics(1, WF, "completed", true, "canceled")))
        .isEqualTo(AfterDiagnostics.SURGERY);
    assertThat(ErRouting.afterDiagnostics(new Diagnostics(1, WF, "completed", false, "completed")))
        .isEqualTo(AfterDiagnostics.REVIEW);
    assertThatThrownBy(
            () -> ErRouting.afterDiagnostics(new Diagnostics(1, WF, "pending", null, "pending")))
        .hasMessageContaining("no x-ray reading");
  }

  @Test
  void admissionWinsOverMedicationWhichWinsOverDischarge() {
    Review discharge = new Review(1, List.of(Specialty.CARDIOLOGY), Treatment.DISCHARGE);
    assertThat(ErRouting.afterConsultations(discharge, List.of(consult("completed", false, false))))
        .isEqualTo(AfterConsultations.DISCHARGE);
    assertThat(ErRouting.afterConsultations(discharge, List.of(consult("completed", true, false))))
        .isEqualTo(AfterConsultations.MEDICATION);
    assertThat(ErRouting.afterConsultations(discharge, List.of(consult("completed", true, true))))
        .isEqualTo(AfterConsultations.ADMIT);
    assertThat(
            ErRouting.afterConsultations(new Review(1, List.of(), Treatment.MEDICATION), List.of()))
        .isEqualTo(AfterConsultations.MEDICATION);
    assertThat(ErRouting.afterConsultations(new Review(1, List.of(), Treatment.ADMIT), List.of()))
        .isEqualTo(AfterConsultations.ADMIT);
  }

  @Test
  void consultationsWithoutRecommendationsDoNotCount() {
    Review discharge = new Review(1, List.of(Specialty.CARDIOLOGY), Treatment.DISCHARGE);
    assertThat(ErRouting.afterConsultations(discharge, List.of(consult("canceled", true, true))))
        .isEqualTo(AfterConsultations.DISCHARGE);
  }

  @Test
  void dailyCheckDecisions() {
    assertThat(ErRouting.afterDailyCheck(CheckDecision.READY_FOR_DISCHARGE))
        .isEqualTo(AfterDailyCheck.PREPARE_DISCHARGE);
    assertThat(ErRouting.afterDailyCheck(CheckDecision.NEEDS_MEDICATION))
        .isEqualTo(AfterDailyCheck.DAILY_MEDICATION);
    assertThat(ErRouting.afterDailyCheck(CheckDecision.CONTINUE_OBSERVATION))
        .isEqualTo(AfterDailyCheck.OBSERVATION);
  }

  @Test
  void plansAreDeterministicAndWellFormed() {
    for (int i = 1; i <= 500; i++) {
      PatientPlan p = PatientPlan.draw(42, i);
      assertThat(PatientPlan.draw(42, i)).isEqualTo(p);
      assertThat(p.xrayCritical() && !p.consultations().isEmpty()).isFalse();
      assertThat(p.consultations()).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
      assertThat(p.decisionOn(p.dayDecisions().size()))
          .isEqualTo(CheckDecision.READY_FOR_DISCHARGE);
    }
    assertThat(PatientPlan.draw(1, 1)).isNotEqualTo(PatientPlan.draw(2, 1));
  }
}

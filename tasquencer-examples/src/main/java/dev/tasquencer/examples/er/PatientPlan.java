package dev.tasquencer.examples.er;

import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErPayloads.Severity;
import dev.tasquencer.examples.er.ErPayloads.Treatment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the simulated staff will decide for one patient, drawn in advance from the demo's seed and
 * the patient's number, so that a run can be repeated exactly.
 *
 * @param number the patient's number in the shift (1, 2, ...)
 * @param xrayCritical the x-ray shows a critical finding: emergency surgery, then a stay
 * @param consultations specialists the review asks for (stable patients only; 0 to 3)
 * @param prescribing specialists whose consultation prescribes medication
 * @param admitting specialists whose consultation recommends admission
 * @param treatment what the review decides
 * @param dayDecisions the decision of each day's check in a stay; the last is ready-for-discharge
 * @param failingCheckDay the day whose check fails (0: none)
 * @param failedAttempts how many attempts of that day fail: 1 is absorbed by the retry, 2 escalates
 *     the stay (the journey fails)
 * @param leavesAgainstAdvice the patient leaves at the first chance (waiting for a specialist, or
 *     after the first day of a stay): the journey is canceled
 * @param pickSeed seed of the order in which staff pick the patient's open work items
 */
public record PatientPlan(
    int number,
    String name,
    String complaint,
    Severity severity,
    boolean xrayCritical,
    List<Specialty> consultations,
    Set<Specialty> prescribing,
    Set<Specialty> admitting,
    Treatment treatment,
    List<CheckDecision> dayDecisions,
    int failingCheckDay,
    int failedAttempts,
    boolean leavesAgainstAdvice,
    long pickSeed) {

  private static final String[] COMPLAINTS = {
    "chest pain",
    "fall from a ladder",
    "severe headache",
    "abdominal pain",
    "shortness of breath",
    "car accident",
    "sports injury",
    "high fever"
  };

  public PatientPlan {
    consultations = List.copyOf(consultations);
    prescribing = Set.copyOf(prescribing);
    admitting = Set.copyOf(admitting);
    dayDecisions = List.copyOf(dayDecisions);
    if (dayDecisions.isEmpty()
        || dayDecisions.get(dayDecisions.size() - 1) != CheckDecision.READY_FOR_DISCHARGE) {
      throw new IllegalArgumentException("the last day of a stay must be ready for discharge");
    }
    if (failingCheckDay < 0 || failingCheckDay > dayDecisions.size()) {
      throw new IllegalArgumentException("failing check day out of the stay: " + failingCheckDay);
    }
    if (failedAttempts < 0 || failedAttempts > HospitalStayWorkflow.MAX_CHECK_ATTEMPTS) {
      throw new IllegalArgumentException("failed attempts: " + failedAttempts);
    }
  }

  /** A stable patient: no consultation, discharged after the review, a one-day stay if admitted. */
  public static PatientPlan routine(int number) {
    return new PatientPlan(
        number,
        "Patient " + number,
        "sprained ankle",
        Severity.ROUTINE,
        false,
        List.of(),
        Set.of(),
        Set.of(),
        Treatment.DISCHARGE,
        List.of(CheckDecision.READY_FOR_DISCHARGE),
        0,
        0,
        false,
        number);
  }

  /**
   * Draws a patient: about a quarter need emergency surgery; of the others about 40% get 1 to 3
   * consultations and the review admits about 30%; stays last 1 to 4 days; about 15% of the stays
   * have a failing check, half of which escalate; about 8% leave against advice when they can.
   */
  @SuppressWarnings("EnumOrdinal") // a severity drawn by position, the same for the same seed
  public static PatientPlan draw(long seed, int number) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number);
    Severity severity = Severity.values()[r.nextInt(Severity.values().length)];
    boolean critical = r.nextInt(100) < 25;
    List<Specialty> consults = new ArrayList<>();
    Set<Specialty> prescribing = EnumSet.noneOf(Specialty.class);
    Set<Specialty> admitting = EnumSet.noneOf(Specialty.class);
    if (!critical && r.nextInt(100) < 40) {
      List<Specialty> all = new ArrayList<>(List.of(Specialty.values()));
      int count = 1 + r.nextInt(all.size());
      for (int i = 0; i < count; i++) {
        Specialty s = all.remove(r.nextInt(all.size()));
        consults.add(s);
        if (r.nextInt(100) < 30) {
          prescribing.add(s);
        }
        if (r.nextInt(100) < 15) {
          admitting.add(s);
        }
      }
    }
    int t = r.nextInt(100);
    Treatment treatment =
        t < 30 ? Treatment.ADMIT : t < 65 ? Treatment.MEDICATION : Treatment.DISCHARGE;
    int days = 1 + r.nextInt(4);
    List<CheckDecision> decisions = new ArrayList<>();
    for (int d = 1; d < days; d++) {
      decisions.add(
          r.nextInt(100) < 40
              ? CheckDecision.NEEDS_MEDICATION
              : CheckDecision.CONTINUE_OBSERVATION);
    }
    decisions.add(CheckDecision.READY_FOR_DISCHARGE);
    int failingDay = r.nextInt(100) < 15 ? 1 + r.nextInt(days) : 0;
    int failedAttempts = failingDay == 0 ? 0 : 1 + r.nextInt(2);
    boolean leaves = r.nextInt(100) < 8;
    return new PatientPlan(
        number,
        String.format("Patient %05d", number),
        COMPLAINTS[r.nextInt(COMPLAINTS.length)],
        severity,
        critical,
        consults,
        prescribing,
        admitting,
        treatment,
        decisions,
        failingDay,
        failedAttempts,
        leaves,
        r.nextLong());
  }

  /** The decision of the check of {@code day} (1-based); ready after the planned last day. */
  public CheckDecision decisionOn(int day) {
    return day >= dayDecisions.size()
        ? CheckDecision.READY_FOR_DISCHARGE
        : dayDecisions.get(day - 1);
  }

  /** How many attempts of the check of {@code day} fail. */
  public int failedAttemptsOn(int day) {
    return day == failingCheckDay ? failedAttempts : 0;
  }

  public PatientPlan withSurgery() {
    return new PatientPlan(
        number,
        name,
        complaint,
        Severity.CRITICAL,
        true,
        List.of(),
        Set.of(),
        Set.of(),
        treatment,
        dayDecisions,
        failingCheckDay,
        failedAttempts,
        leavesAgainstAdvice,
        pickSeed);
  }

  public PatientPlan withConsultations(
      List<Specialty> consultations, Set<Specialty> prescribing, Set<Specialty> admitting) {
    return new PatientPlan(
        number,
        name,
        complaint,
        severity,
        false,
        consultations,
        prescribing,
        admitting,
        treatment,
        dayDecisions,
        failingCheckDay,
        failedAttempts,
        leavesAgainstAdvice,
        pickSeed);
  }

  public PatientPlan withTreatment(Treatment treatment) {
    return new PatientPlan(
        number,
        name,
        complaint,
        severity,
        xrayCritical,
        consultations,
        prescribing,
        admitting,
        treatment,
        dayDecisions,
        failingCheckDay,
        failedAttempts,
        leavesAgainstAdvice,
        pickSeed);
  }

  public PatientPlan withStay(List<CheckDecision> dayDecisions) {
    return new PatientPlan(
        number,
        name,
        complaint,
        severity,
        xrayCritical,
        consultations,
        prescribing,
        admitting,
        treatment,
        dayDecisions,
        0,
        0,
        leavesAgainstAdvice,
        pickSeed);
  }

  public PatientPlan withFailedCheck(int day, int attempts) {
    return new PatientPlan(
        number,
        name,
        complaint,
        severity,
        xrayCritical,
        consultations,
        prescribing,
        admitting,
        treatment,
        dayDecisions,
        day,
        attempts,
        leavesAgainstAdvice,
        pickSeed);
  }

  public PatientPlan leavingAgainstAdvice() {
    return new PatientPlan(
        number,
        name,
        complaint,
        severity,
        xrayCritical,
        consultations,
        prescribing,
        admitting,
        treatment,
        dayDecisions,
        failingCheckDay,
        failedAttempts,
        true,
        pickSeed);
  }
}

package dev.tasquencer.examples.er;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.RowMapper;
import dev.tasquencer.examples.er.ErPayloads.Admission;
import dev.tasquencer.examples.er.ErPayloads.AdmitPatient;
import dev.tasquencer.examples.er.ErPayloads.BloodResult;
import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErPayloads.CheckProblem;
import dev.tasquencer.examples.er.ErPayloads.ConsultResult;
import dev.tasquencer.examples.er.ErPayloads.DailyCheckResult;
import dev.tasquencer.examples.er.ErPayloads.DiagnosticReview;
import dev.tasquencer.examples.er.ErPayloads.DischargePlan;
import dev.tasquencer.examples.er.ErPayloads.DischargeSummary;
import dev.tasquencer.examples.er.ErPayloads.Severity;
import dev.tasquencer.examples.er.ErPayloads.SurgeryReport;
import dev.tasquencer.examples.er.ErPayloads.Treatment;
import dev.tasquencer.examples.er.ErPayloads.TriageResult;
import dev.tasquencer.examples.er.ErPayloads.XRayResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The emergency room's domain functions, on SQL. Every method takes the transaction it runs in:
 * inside the workflows that is {@code ctx.db()}, so the domain rows commit together with the
 * engine's state change (or not at all).
 *
 * <p>One instance belongs to one {@linkplain #shiftId() shift}: the patients it admits are recorded
 * with it, so the report of a demo run reads its own patients only.
 */
public final class ErDomain {
  private final UUID shiftId;

  /** The domain of one shift; the shift row is written by {@link #openShift}. */
  public ErDomain(UUID shiftId) {
    this.shiftId = shiftId;
  }

  /** Opens a new shift and returns its domain. */
  public static ErDomain openShift(Db db, Instant now) {
    UUID id = UUID.randomUUID();
    db.update("insert into er_shifts (id, started_at) values (?, ?)", id, now);
    return new ErDomain(id);
  }

  public UUID shiftId() {
    return shiftId;
  }

  // ------------------------------------------------------------------ rows

  /** A patient; {@code workflowId} is the root workflow of the journey. */
  public record Patient(
      long id, UUID workflowId, String name, PatientStatus status, String severity) {}

  /** The diagnostics of a patient ({@code xrayCritical} is null until the x-ray is read). */
  public record Diagnostics(
      long patientId, UUID workflowId, String status, Boolean xrayCritical, String bloodStatus) {}

  /** The physician's review of the diagnostics. */
  public record Review(long patientId, List<Specialty> consultations, Treatment treatment) {}

  /** A specialist consultation; the recommendations are null until it is given. */
  public record Consultation(
      long patientId,
      UUID workflowId,
      Specialty specialty,
      String status,
      Boolean prescribeMedication,
      Boolean recommendAdmission) {}

  /** A hospital stay; {@code days} counts the completed daily checks. */
  public record HospitalStay(
      long id, long patientId, UUID workflowId, String status, int days, boolean reconciled) {}

  /** One attempt of a daily check. */
  public record DailyCheck(
      long stayId, int day, int attempt, String status, CheckDecision decision) {}

  // The rows read both here (one patient) and by ErReport (a whole shift): one column list and
  // one mapper each.

  static final String DIAGNOSTICS_COLUMNS =
      "patient_id, workflow_id, status, xray_critical, blood_status";

  static final RowMapper<Diagnostics> DIAGNOSTICS =
      rs ->
          new Diagnostics(
              rs.getLong(1),
              rs.getObject(2, UUID.class),
              rs.getString(3),
              (Boolean) rs.getObject(4),
              rs.getString(5));

  static final String REVIEW_COLUMNS = "patient_id, consultations, treatment";

  static final RowMapper<Review> REVIEW =
      rs ->
          new Review(
              rs.getLong(1), specialties(rs.getString(2)), Treatment.valueOf(rs.getString(3)));

  static final String CONSULTATION_COLUMNS =
      "patient_id, workflow_id, specialty, status, prescribe_medication, recommend_admission";

  static final RowMapper<Consultation> CONSULTATION =
      rs ->
          new Consultation(
              rs.getLong(1),
              rs.getObject(2, UUID.class),
              Specialty.valueOf(rs.getString(3)),
              rs.getString(4),
              (Boolean) rs.getObject(5),
              (Boolean) rs.getObject(6));

  // ------------------------------------------------------------------ patients

  /** Creates the patient of a new journey (the root workflow's initialize action). */
  public long admitPatient(Db db, UUID journeyId, AdmitPatient p, String by, Instant now) {
    db.update(
        "insert into er_patients (shift_id, workflow_id, name, complaint, status, admitted_by,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?)",
        shiftId,
        journeyId,
        p.name(),
        p.complaint(),
        PatientStatus.TRIAGE.id(),
        by,
        now);
    return patientOfJourney(db, journeyId).id();
  }

  /** The patient of a journey, by the journey's root workflow id. */
  public Patient patientOfJourney(Db db, UUID journeyId) {
    return db.queryOne(
            "select id, workflow_id, name, status, severity from er_patients where workflow_id = ?",
            rs ->
                new Patient(
                    rs.getLong(1),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    PatientStatus.of(rs.getString(4)),
                    rs.getString(5)),
            journeyId)
        .orElseThrow(() -> new IllegalStateException("journey " + journeyId + " has no patient"));
  }

  /** The patient's triage severity; null until triage. */
  public @Nullable Severity severity(Db db, long patientId) {
    return db.queryOne(
            "select severity from er_patients where id = ? and severity is not null",
            rs -> rs.getString(1),
            patientId)
        .map(Severity::valueOf)
        .orElse(null);
  }

  public long patientId(Db db, UUID journeyId) {
    return patientOfJourney(db, journeyId).id();
  }

  public void moveTo(Db db, long patientId, PatientStatus status) {
    db.update("update er_patients set status = ? where id = ?", status.id(), patientId);
  }

  /** Records how a journey ended (failed or canceled; a discharge records its own end). */
  public void endJourney(Db db, UUID journeyId, PatientStatus status, String reason, Instant now) {
    db.update(
        "update er_patients set status = ?, ended_at = ?,"
            + " end_reason = coalesce(end_reason, ?) where workflow_id = ?",
        status.id(),
        now,
        reason,
        journeyId);
  }

  /** Records why a patient is leaving (the journey's cancel action, before the teardown). */
  public void recordDeparture(Db db, UUID journeyId, String reason) {
    db.update("update er_patients set end_reason = ? where workflow_id = ?", reason, journeyId);
  }

  // ------------------------------------------------------------------ triage and diagnostics

  public void recordTriage(Db db, long patientId, TriageResult r, String by, Instant now) {
    db.update(
        "insert into er_triage (patient_id, severity, vital_signs, nurse_role, created_at)"
            + " values (?, ?, ?, ?, ?)",
        patientId,
        r.severity().name(),
        r.vitalSigns(),
        by,
        now);
    db.update("update er_patients set severity = ? where id = ?", r.severity().name(), patientId);
  }

  public void openDiagnostics(Db db, long patientId, UUID workflowId, Instant now) {
    db.update(
        "insert into er_diagnostics (patient_id, workflow_id, status, blood_status, created_at)"
            + " values (?, ?, 'pending', 'pending', ?)",
        patientId,
        workflowId,
        now);
  }

  public void recordXRay(Db db, long patientId, XRayResult r) {
    db.update(
        "update er_diagnostics set xray_findings = ?, xray_critical = ? where patient_id = ?",
        r.findings(),
        r.critical(),
        patientId);
  }

  public void recordBloodResults(Db db, long patientId, BloodResult r) {
    db.update(
        "update er_diagnostics set blood_status = 'completed', blood_results = ?"
            + " where patient_id = ?",
        r.results(),
        patientId);
  }

  /** The blood analysis was withdrawn (emergency surgery, or the journey ended). */
  public void bloodAnalysisCanceled(Db db, long patientId) {
    db.update(
        "update er_diagnostics set blood_status = 'canceled'"
            + " where patient_id = ? and blood_status = 'pending'",
        patientId);
  }

  /** Closes the diagnostics record of a child workflow: completed or canceled. */
  public void closeDiagnostics(Db db, UUID workflowId, String status, Instant now) {
    db.update(
        "update er_diagnostics set status = ?, ended_at = ? where workflow_id = ?",
        status,
        now,
        workflowId);
  }

  public Diagnostics diagnostics(Db db, long patientId) {
    return findDiagnostics(db, patientId)
        .orElseThrow(
            () -> new IllegalStateException("patient " + patientId + " has no diagnostics"));
  }

  public Optional<Diagnostics> findDiagnostics(Db db, long patientId) {
    return db.queryOne(
        "select " + DIAGNOSTICS_COLUMNS + " from er_diagnostics where patient_id = ?",
        DIAGNOSTICS,
        patientId);
  }

  // ------------------------------------------------------------------ review and consultations

  public void recordReview(Db db, long patientId, DiagnosticReview r, Instant now) {
    db.update(
        "insert into er_reviews (patient_id, consultations, treatment, plan, created_at)"
            + " values (?, ?, ?, ?, ?)",
        patientId,
        String.join(",", r.consultations().stream().map(Specialty::name).toList()),
        r.treatment().name(),
        r.plan(),
        now);
  }

  public Review review(Db db, long patientId) {
    return db.queryOne(
            "select " + REVIEW_COLUMNS + " from er_reviews where patient_id = ?", REVIEW, patientId)
        .orElseThrow(() -> new IllegalStateException("patient " + patientId + " has no review"));
  }

  static List<Specialty> specialties(String csv) {
    List<Specialty> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(Specialty.valueOf(s.trim()));
      }
    }
    return List.copyOf(out);
  }

  public void openConsultation(
      Db db, long patientId, UUID workflowId, Specialty specialty, Instant now) {
    db.update(
        "insert into er_consultations (patient_id, workflow_id, specialty, status, created_at)"
            + " values (?, ?, ?, 'pending', ?)",
        patientId,
        workflowId,
        specialty.name(),
        now);
  }

  public void recordEcg(Db db, long patientId, Specialty specialty, String rhythm) {
    db.update(
        "update er_consultations set ecg_rhythm = ? where patient_id = ? and specialty = ?",
        rhythm,
        patientId,
        specialty.name());
  }

  public void recordConsultation(
      Db db, long patientId, Specialty specialty, ConsultResult r, String by, Instant now) {
    int updated =
        db.update(
            "update er_consultations set status = 'completed', recommendations = ?,"
                + " prescribe_medication = ?, recommend_admission = ?, specialist_role = ?,"
                + " ended_at = ? where patient_id = ? and specialty = ? and status = 'pending'",
            r.recommendations(),
            r.prescribeMedication(),
            r.recommendAdmission(),
            by,
            now,
            patientId,
            specialty.name());
    if (updated != 1) {
      throw new IllegalStateException(
          "patient " + patientId + " has no pending " + specialty + " consultation");
    }
  }

  /** A consultation's workflow ended without a recommendation (the journey was canceled). */
  public void consultationCanceled(Db db, UUID workflowId, Instant now) {
    db.update(
        "update er_consultations set status = 'canceled', ended_at = ?"
            + " where workflow_id = ? and status = 'pending'",
        now,
        workflowId);
  }

  public List<Consultation> consultations(Db db, long patientId) {
    return db.query(
        "select "
            + CONSULTATION_COLUMNS
            + " from er_consultations where patient_id = ?"
            + " order by id",
        CONSULTATION,
        patientId);
  }

  // ------------------------------------------------------------------ treatment

  public void recordSurgery(Db db, long patientId, SurgeryReport r, String by, Instant now) {
    db.update(
        "insert into er_surgeries (patient_id, procedure_name, notes, surgeon_role, created_at)"
            + " values (?, ?, ?, ?, ?)",
        patientId,
        r.procedure(),
        r.notes(),
        by,
        now);
  }

  /** Kinds of medication given: in the ER, daily in a stay, reconciled by the pharmacy. */
  public enum MedicationKind {
    INITIAL,
    DAILY,
    RECONCILIATION
  }

  public void recordMedication(
      Db db,
      long patientId,
      @Nullable Long stayId,
      MedicationKind kind,
      @Nullable Integer day,
      String medications,
      String givenBy,
      Instant now) {
    db.update(
        "insert into er_medications (patient_id, stay_id, kind, stay_day, medications, given_by,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?)",
        patientId,
        stayId,
        kind.name(),
        day,
        medications,
        givenBy,
        now);
  }

  // ------------------------------------------------------------------ hospital stay

  public void openStay(Db db, long patientId, UUID workflowId, Instant now) {
    db.update(
        "insert into er_hospital_stays (patient_id, workflow_id, status, days, reconciled,"
            + " created_at) values (?, ?, 'admitted', 0, false, ?)",
        patientId,
        workflowId,
        now);
  }

  public void recordAdmission(Db db, long patientId, Admission a) {
    db.update(
        "update er_hospital_stays set ward = ?, room = ? where patient_id = ?",
        a.ward(),
        a.room(),
        patientId);
  }

  public HospitalStay stay(Db db, long patientId) {
    return findStay(db, patientId)
        .orElseThrow(() -> new IllegalStateException("patient " + patientId + " has no stay"));
  }

  public Optional<HospitalStay> findStay(Db db, long patientId) {
    return db.queryOne(
        "select id, patient_id, workflow_id, status, days, reconciled from er_hospital_stays"
            + " where patient_id = ?",
        rs ->
            new HospitalStay(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getInt(5),
                rs.getBoolean(6)),
        patientId);
  }

  /** Records a completed daily check: day {@code days + 1} of the stay; the day counter moves. */
  public void recordDailyCheck(
      Db db, long patientId, int attempt, DailyCheckResult r, Instant now) {
    HospitalStay stay = stay(db, patientId);
    db.update(
        "insert into er_daily_checks (stay_id, check_day, attempt, status, vital_signs, decision,"
            + " created_at) values (?, ?, ?, 'completed', ?, ?, ?)",
        stay.id(),
        stay.days() + 1,
        attempt,
        r.vitalSigns(),
        r.decision().name(),
        now);
    db.update("update er_hospital_stays set days = days + 1 where id = ?", stay.id());
  }

  /** Records a failed attempt of today's check; the day counter does not move. */
  public void recordFailedCheck(Db db, long patientId, int attempt, CheckProblem p, Instant now) {
    HospitalStay stay = stay(db, patientId);
    db.update(
        "insert into er_daily_checks (stay_id, check_day, attempt, status, reason, created_at)"
            + " values (?, ?, ?, 'failed', ?, ?)",
        stay.id(),
        stay.days() + 1,
        attempt,
        p.reason(),
        now);
  }

  /** The decision of the latest completed daily check of the patient's stay. */
  public CheckDecision latestCheckDecision(Db db, long patientId) {
    HospitalStay stay = stay(db, patientId);
    return db.queryOne(
            "select decision from er_daily_checks where stay_id = ? and status = 'completed'"
                + " and check_day = ?",
            rs -> CheckDecision.valueOf(rs.getString(1)),
            stay.id(),
            stay.days())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "stay " + stay.id() + " has no check for day " + stay.days()));
  }

  public void recordReconciliation(
      Db db, long patientId, String medications, String by, Instant now) {
    HospitalStay stay = stay(db, patientId);
    recordMedication(
        db, patientId, stay.id(), MedicationKind.RECONCILIATION, null, medications, by, now);
    db.update("update er_hospital_stays set reconciled = true where id = ?", stay.id());
  }

  public void recordDischargePlan(Db db, long patientId, DischargePlan p) {
    db.update(
        "update er_hospital_stays set discharge_instructions = ?, follow_up_required = ?"
            + " where patient_id = ?",
        p.instructions(),
        p.followUpRequired(),
        patientId);
  }

  /** Closes a stay by its child workflow: completed, escalated or canceled. */
  public void closeStay(Db db, UUID workflowId, String status, Instant now) {
    db.update(
        "update er_hospital_stays set status = ?, ended_at = ? where workflow_id = ?",
        status,
        now,
        workflowId);
  }

  // ------------------------------------------------------------------ discharge and timeline

  /** Discharges the patient: the discharge row, and the patient's final status. */
  public void discharge(Db db, long patientId, DischargeSummary s, String by, Instant now) {
    db.update(
        "insert into er_discharges (patient_id, summary, coordinator_role, created_at)"
            + " values (?, ?, ?, ?)",
        patientId,
        s.summary(),
        by,
        now);
    db.update(
        "update er_patients set status = ?, ended_at = ? where id = ?",
        PatientStatus.DISCHARGED.id(),
        now,
        patientId);
  }

  /** Appends a task event (completed, failed, canceled, withdrawn) to the journey's timeline. */
  public void logTaskEvent(
      Db db,
      UUID journeyId,
      UUID workflowId,
      String workflowName,
      String taskName,
      int generation,
      String event,
      Instant now) {
    db.update(
        "insert into er_timeline (root_workflow_id, workflow_id, workflow_name, task_name,"
            + " generation, event, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        journeyId,
        workflowId,
        workflowName,
        taskName,
        generation,
        event,
        now);
  }
}

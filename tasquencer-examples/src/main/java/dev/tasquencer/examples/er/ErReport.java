package dev.tasquencer.examples.er;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.er.ErDomain.Consultation;
import dev.tasquencer.examples.er.ErDomain.Diagnostics;
import dev.tasquencer.examples.er.ErDomain.Review;
import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErRouting.AfterConsultations;
import dev.tasquencer.examples.support.Jdbc;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a shift, read back from the database after the run: how the journeys ended, how
 * often each task ended in each way (from the timeline, across all levels), and whether the domain
 * tables are consistent with each other and with the journeys' final states.
 *
 * @param finalStates root workflows per state (from the engine)
 * @param patientStatuses patients per status (from the domain)
 * @param tasks per task name, how many task generations completed, failed, were canceled or
 *     withdrawn (timeline)
 * @param openJourneys journeys whose root workflow is not final (must be 0)
 * @param violations the first consistency violations found (empty when consistent)
 * @param violationCount how many were found in all
 * @param durationMs how long the staff took (admissions to the last journey's end)
 * @param engineCalls the engine commands the staff issued
 * @param staff what the staff did that the engine checked: claims, lost races, refused attempts
 */
public record ErReport(
    UUID shiftId,
    int patients,
    Map<String, Long> finalStates,
    Map<String, Long> patientStatuses,
    Map<String, Map<String, Long>> tasks,
    Counts counts,
    long openJourneys,
    List<String> violations,
    long violationCount,
    long durationMs,
    long engineCalls,
    Staff staff) {

  /** Violations listed in the report at most. */
  static final int MAX_LISTED = 20;

  /** Whether every journey is final and the domain tables agree with each other and with them. */
  public boolean consistent() {
    return openJourneys == 0 && violationCount == 0;
  }

  /**
   * The engine's checks as the staff met them.
   *
   * @param members staff users (one per role and team), each holding one engine role
   * @param claims work items claimed from a queue
   * @param lostRaces claims refused because another member had claimed the item first
   * @param refusedAttempts steps tried by a member without the step's scope that the engine refused
   *     ({@code NotAuthorizedException}); equals {@code expectedRefusals}
   * @param expectedRefusals how many such attempts the simulation made
   */
  public record Staff(
      int members, long claims, long lostRaces, long refusedAttempts, long expectedRefusals) {}

  /** Domain rows of the shift. */
  public record Counts(
      long triaged,
      long surgeries,
      long consultations,
      long canceledConsultations,
      long hospitalStays,
      long escalatedStays,
      long dailyChecks,
      long failedChecks,
      long medications,
      long discharges) {}

  /** Reads the report of a shift. */
  public static ErReport read(
      DataSource dataSource,
      WorkflowQueries queries,
      UUID shiftId,
      long durationMs,
      long engineCalls,
      Staff staff) {
    Shift shift = Jdbc.inTransaction(dataSource, db -> Shift.load(db, shiftId));
    Map<Long, WorkflowState> states = new HashMap<>();
    for (PatientRow p : shift.patients) {
      states.put(p.id, queries.workflowState(p.workflowId));
    }
    Map<String, Long> finalStates = new LinkedHashMap<>();
    for (WorkflowState s : WorkflowState.values()) {
      long n = states.values().stream().filter(x -> x == s).count();
      if (n > 0 || s.isFinal()) {
        finalStates.put(s.id(), n);
      }
    }
    Map<String, Long> statuses = new LinkedHashMap<>();
    for (PatientStatus s : PatientStatus.values()) {
      long n = shift.patients.stream().filter(p -> p.status == s).count();
      if (n > 0) {
        statuses.put(s.id(), n);
      }
    }
    long open = states.values().stream().filter(s -> !s.isFinal()).count();
    List<String> violations = new Checker(shift, states).check();
    return new ErReport(
        shiftId,
        shift.patients.size(),
        finalStates,
        statuses,
        shift.taskEvents,
        shift.counts(),
        open,
        List.copyOf(violations.subList(0, Math.min(MAX_LISTED, violations.size()))),
        violations.size(),
        durationMs,
        engineCalls,
        staff);
  }

  // ------------------------------------------------------------------ rows of one shift

  record PatientRow(long id, UUID workflowId, PatientStatus status) {}

  record StayRow(long id, long patientId, String status, int days, boolean reconciled) {}

  record CheckRow(
      long stayId, int day, int attempt, String status, @Nullable CheckDecision decision) {}

  record MedicationRow(long patientId, Long stayId, String kind) {}

  /** Everything the checks read, loaded in one transaction. */
  static final class Shift {
    final List<PatientRow> patients;
    final Set<Long> triaged;
    final Map<Long, Diagnostics> diagnostics = new HashMap<>();
    final Map<Long, Review> reviews = new HashMap<>();
    final Map<Long, List<Consultation>> consultations = new HashMap<>();
    final Map<Long, Long> surgeries = new HashMap<>();
    final Map<Long, StayRow> stays = new HashMap<>();
    final Map<Long, List<CheckRow>> checks = new HashMap<>();
    final Map<Long, List<MedicationRow>> medications = new HashMap<>();
    final Map<Long, Long> discharges = new HashMap<>();
    final Map<String, Map<String, Long>> taskEvents = new TreeMap<>();

    private Shift(List<PatientRow> patients, Set<Long> triaged) {
      this.patients = patients;
      this.triaged = triaged;
    }

    private static final String OF_SHIFT =
        " where patient_id in (select id from er_patients where shift_id = ?)";

    static Shift load(Db db, UUID shiftId) {
      List<PatientRow> patients =
          db.query(
              "select id, workflow_id, status from er_patients where shift_id = ? order by id",
              rs ->
                  new PatientRow(
                      rs.getLong(1),
                      rs.getObject(2, UUID.class),
                      PatientStatus.of(rs.getString(3))),
              shiftId);
      Set<Long> triaged =
          Set.copyOf(
              db.query(
                  "select patient_id from er_triage" + OF_SHIFT, rs -> rs.getLong(1), shiftId));
      Shift s = new Shift(patients, triaged);
      db.query(
              "select " + ErDomain.DIAGNOSTICS_COLUMNS + " from er_diagnostics" + OF_SHIFT,
              ErDomain.DIAGNOSTICS,
              shiftId)
          .forEach(d -> s.diagnostics.put(d.patientId(), d));
      db.query(
              "select " + ErDomain.REVIEW_COLUMNS + " from er_reviews" + OF_SHIFT,
              ErDomain.REVIEW,
              shiftId)
          .forEach(r -> s.reviews.put(r.patientId(), r));
      db.query(
              "select "
                  + ErDomain.CONSULTATION_COLUMNS
                  + " from er_consultations"
                  + OF_SHIFT
                  + " order by id",
              ErDomain.CONSULTATION,
              shiftId)
          .forEach(
              c -> s.consultations.computeIfAbsent(c.patientId(), k -> new ArrayList<>()).add(c));
      db.query(
              "select patient_id, count(*) from er_surgeries" + OF_SHIFT + " group by patient_id",
              rs -> new long[] {rs.getLong(1), rs.getLong(2)},
              shiftId)
          .forEach(r -> s.surgeries.put(r[0], r[1]));
      db.query(
              "select id, patient_id, status, days, reconciled from er_hospital_stays" + OF_SHIFT,
              rs ->
                  new StayRow(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getString(3),
                      rs.getInt(4),
                      rs.getBoolean(5)),
              shiftId)
          .forEach(st -> s.stays.put(st.patientId(), st));
      db.query(
              "select c.stay_id, c.check_day, c.attempt, c.status, c.decision from er_daily_checks"
                  + " c join er_hospital_stays st on st.id = c.stay_id join er_patients p on p.id ="
                  + " st.patient_id where p.shift_id = ? order by c.stay_id, c.check_day,"
                  + " c.attempt",
              rs ->
                  new CheckRow(
                      rs.getLong(1),
                      rs.getInt(2),
                      rs.getInt(3),
                      rs.getString(4),
                      rs.getString(5) == null ? null : CheckDecision.valueOf(rs.getString(5))),
              shiftId)
          .forEach(c -> s.checks.computeIfAbsent(c.stayId(), k -> new ArrayList<>()).add(c));
      db.query(
              "select patient_id, stay_id, kind from er_medications" + OF_SHIFT,
              rs -> new MedicationRow(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3)),
              shiftId)
          .forEach(
              m -> s.medications.computeIfAbsent(m.patientId(), k -> new ArrayList<>()).add(m));
      db.query(
              "select patient_id, count(*) from er_discharges" + OF_SHIFT + " group by patient_id",
              rs -> new long[] {rs.getLong(1), rs.getLong(2)},
              shiftId)
          .forEach(r -> s.discharges.put(r[0], r[1]));
      db.query(
              "select t.task_name, t.event, count(*) from er_timeline t"
                  + " join er_patients p on p.workflow_id = t.root_workflow_id"
                  + " where p.shift_id = ? group by t.task_name, t.event",
              rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)},
              shiftId)
          .forEach(
              r ->
                  s.taskEvents
                      .computeIfAbsent((String) r[0], k -> new TreeMap<>())
                      .put((String) r[1], (Long) r[2]));
      return s;
    }

    Counts counts() {
      List<CheckRow> allChecks = checks.values().stream().flatMap(List::stream).toList();
      List<Consultation> allConsults =
          consultations.values().stream().flatMap(List::stream).toList();
      return new Counts(
          triaged.size(),
          surgeries.values().stream().mapToLong(Long::longValue).sum(),
          allConsults.stream().filter(c -> c.status().equals("completed")).count(),
          allConsults.stream().filter(c -> c.status().equals("canceled")).count(),
          stays.size(),
          stays.values().stream().filter(st -> st.status().equals("escalated")).count(),
          allChecks.stream().filter(c -> c.status().equals("completed")).count(),
          allChecks.stream().filter(c -> c.status().equals("failed")).count(),
          medications.values().stream().mapToLong(List::size).sum(),
          discharges.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  // ------------------------------------------------------------------ the checks

  /** The consistency rules, each producing readable violations. */
  static final class Checker {
    private final Shift s;
    private final Map<Long, WorkflowState> states;
    private final List<String> violations = new ArrayList<>();

    Checker(Shift shift, Map<Long, WorkflowState> states) {
      this.s = shift;
      this.states = states;
    }

    private void require(boolean ok, long patientId, String what) {
      if (!ok) {
        violations.add("patient " + patientId + ": " + what);
      }
    }

    List<String> check() {
      for (PatientRow p : s.patients) {
        checkPatient(p);
      }
      return violations;
    }

    private void checkPatient(PatientRow p) {
      long id = p.id();
      WorkflowState state =
          Objects.requireNonNull(states.get(id), "no journey state read for patient " + id);
      require(state.isFinal(), id, "journey " + p.workflowId() + " is not final but " + state.id());
      if (state.isFinal()) {
        require(
            p.status() == PatientStatus.finalFor(state),
            id,
            "status " + p.status().id() + " does not match the journey's state " + state.id());
      }
      long discharges = s.discharges.getOrDefault(id, 0L);
      require(discharges <= 1, id, discharges + " discharges");
      require(
          (discharges == 1) == (p.status() == PatientStatus.DISCHARGED),
          id,
          "status " + p.status().id() + " with " + discharges + " discharge(s)");

      Diagnostics d = s.diagnostics.get(id);
      Review review = s.reviews.get(id);
      List<Consultation> consults = s.consultations.getOrDefault(id, List.of());
      StayRow stay = s.stays.get(id);
      long surgeries = s.surgeries.getOrDefault(id, 0L);
      boolean critical = d != null && Boolean.TRUE.equals(d.xrayCritical());

      // every surgery belongs to a patient whose diagnostics said surgery
      require(surgeries <= 1, id, surgeries + " surgeries");
      require(surgeries == 0 || critical, id, "surgery without a critical x-ray");
      require(
          !critical || review == null, id, "a critical patient was reviewed instead of operated");
      // consultations only as the review asked
      Set<Specialty> asked = review == null ? Set.of() : Set.copyOf(review.consultations());
      for (Consultation c : consults) {
        require(
            asked.contains(c.specialty()), id, c.specialty() + " consultation nobody asked for");
      }
      // domain records of an ended journey are closed
      if (state.isFinal()) {
        require(d == null || !d.status().equals("pending"), id, "diagnostics still pending");
        require(
            consults.stream().noneMatch(c -> c.status().equals("pending")),
            id,
            "a consultation is still pending");
        require(stay == null || !stay.status().equals("admitted"), id, "stay still open");
      }
      if (stay != null) {
        checkStay(p, stay);
      }
      if (p.status() == PatientStatus.TRANSFERRED) {
        require(
            stay != null && stay.status().equals("escalated"),
            id,
            "transferred without escalation");
      }
      if (p.status() == PatientStatus.DISCHARGED) {
        checkDischarged(id, d, review, consults, stay, critical, surgeries);
      }
    }

    private void checkDischarged(
        long id,
        @Nullable Diagnostics d,
        @Nullable Review review,
        List<Consultation> consults,
        @Nullable StayRow stay,
        boolean critical,
        long surgeries) {
      require(s.triaged.contains(id), id, "discharged without triage");
      require(
          d != null && d.status().equals("completed") && d.xrayCritical() != null,
          id,
          "discharged without completed diagnostics");
      if (d == null) {
        return;
      }
      if (critical) {
        require(surgeries == 1, id, "critical x-ray but no surgery");
        require(stay != null && stay.status().equals("completed"), id, "surgery without a stay");
        return;
      }
      require(d.bloodStatus().equals("completed"), id, "stable diagnostics without blood results");
      require(review != null, id, "discharged without a review");
      if (review == null) {
        return;
      }
      require(
          consults.size() == review.consultations().size()
              && consults.stream().allMatch(c -> c.status().equals("completed")),
          id,
          "consultations " + consults + " differ from the review's " + review.consultations());
      AfterConsultations route = ErRouting.afterConsultations(review, consults);
      boolean initialMedication =
          s.medications.getOrDefault(id, List.of()).stream()
              .anyMatch(m -> m.kind().equals(ErDomain.MedicationKind.INITIAL.name()));
      require(
          (route == AfterConsultations.ADMIT) == (stay != null),
          id,
          "routed " + route + " but stay " + stay);
      require(
          (route == AfterConsultations.MEDICATION) == initialMedication,
          id,
          "routed " + route + " but initial medication " + initialMedication);
    }

    private void checkStay(PatientRow p, StayRow stay) {
      long id = p.id();
      List<CheckRow> rows = s.checks.getOrDefault(stay.id(), List.of());
      List<CheckRow> completed = rows.stream().filter(c -> c.status().equals("completed")).toList();
      // the day counter matches the completed daily checks, one per day 1..days
      require(
          stay.days() == completed.size(),
          id,
          "stay counts " + stay.days() + " days but has " + completed.size() + " completed checks");
      for (int i = 0; i < completed.size(); i++) {
        require(completed.get(i).day() == i + 1, id, "check days are not 1.." + completed.size());
      }
      Map<Integer, Long> failedPerDay = new HashMap<>();
      rows.stream()
          .filter(c -> c.status().equals("failed"))
          .forEach(c -> failedPerDay.merge(c.day(), 1L, Long::sum));
      boolean escalated = stay.status().equals("escalated");
      long maxFailed = failedPerDay.values().stream().mapToLong(Long::longValue).max().orElse(0);
      require(
          escalated == (maxFailed >= HospitalStayWorkflow.MAX_CHECK_ATTEMPTS),
          id,
          "stay " + stay.status() + " with " + maxFailed + " failed attempts on one day");
      if (escalated) {
        require(
            failedPerDay.getOrDefault(stay.days() + 1, 0L)
                == HospitalStayWorkflow.MAX_CHECK_ATTEMPTS,
            id,
            "escalated, but not on the day after the last completed check");
        require(
            p.status() == PatientStatus.TRANSFERRED,
            id,
            "escalated stay, patient " + p.status().id());
      }
      long daily =
          s.medications.getOrDefault(id, List.of()).stream()
              .filter(m -> m.kind().equals(ErDomain.MedicationKind.DAILY.name()))
              .count();
      long needed =
          completed.stream().filter(c -> c.decision() == CheckDecision.NEEDS_MEDICATION).count();
      require(
          daily == needed,
          id,
          daily + " daily medications for " + needed + " checks that needed them");
      long ready =
          completed.stream().filter(c -> c.decision() == CheckDecision.READY_FOR_DISCHARGE).count();
      if (stay.status().equals("completed")) {
        require(stay.reconciled(), id, "stay completed without medication reconciliation");
        require(
            ready == 1
                && completed.get(completed.size() - 1).decision()
                    == CheckDecision.READY_FOR_DISCHARGE,
            id,
            "completed stay whose last check is not the only ready-for-discharge");
      } else {
        require(ready == 0, id, "a stay " + stay.status() + " after a ready-for-discharge check");
      }
      require(
          EnumSet.of(
                  PatientStatus.DISCHARGED,
                  PatientStatus.TRANSFERRED,
                  PatientStatus.LEFT_AGAINST_ADVICE,
                  PatientStatus.ADMITTED,
                  PatientStatus.READY_FOR_DISCHARGE)
              .contains(p.status()),
          id,
          "has a stay but status " + p.status().id());
    }
  }
}

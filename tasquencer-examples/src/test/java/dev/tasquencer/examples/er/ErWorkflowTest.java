package dev.tasquencer.examples.er;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotClaimantException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.examples.er.ErPayloads.CheckDecision;
import dev.tasquencer.examples.er.ErPayloads.ConsultResult;
import dev.tasquencer.examples.er.ErPayloads.LeaveAgainstAdvice;
import dev.tasquencer.examples.er.ErPayloads.Treatment;
import dev.tasquencer.examples.er.ErPayloads.TriageResult;
import dev.tasquencer.examples.er.StaffSimulation.Journey;
import dev.tasquencer.examples.support.Jdbc;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The emergency-room journey, one patient at a time, driven by the simulated staff: every path of
 * the platform spec's ER example (critical x-ray with surgery and a stay, stable without
 * consultations, stable with consultations and medication, the stay's loop) plus the failure and
 * cancellation paths of the demo.
 */
class ErWorkflowTest {

  /** An engine with the journey on a fresh database, for one shift. */
  record Er(TestDatabase db, ErDomain domain, Tasquencer engine, StaffSimulation staff) {
    static Er on(TestDatabase db) {
      ErSchema.create(db.dataSource());
      ErDomain domain =
          Jdbc.inTransaction(db.dataSource(), tx -> ErDomain.openShift(tx, Instant.now()));
      Tasquencer engine = db.engine(engineOf(domain));
      return new Er(db, domain, engine, new StaffSimulation(engine, domain).hire(1));
    }

    /** The engine of the demo: the ER's scopes and roles, the journey. */
    static TasquencerBuilder engineOf(ErDomain domain) {
      return Tasquencer.builder()
          .identity(Role::declareAll)
          .register(ErWorkflow.definition(domain));
    }

    List<String> open(Journey j) {
      return staff.openWorkItems(j).stream().map(OpenWorkItem::name).toList();
    }

    /** Does the open work item named {@code name} (exactly one must be open). */
    void perform(Journey j, String name) {
      var items = staff.openWorkItems(j).stream().filter(w -> w.name().equals(name)).toList();
      assertThat(items).as("open %s work items", name).hasSize(1);
      staff.perform(j, items.get(0));
    }

    String status(Journey j) {
      return (String)
          db.rows("select status from er_patients where workflow_id = ?", j.id()).get(0).get(0);
    }

    long patientId(Journey j) {
      return db.queryLong("select id from er_patients where workflow_id = ?", j.id());
    }

    long count(String table, Journey j) {
      return db.queryLong("select count(*) from " + table + " where patient_id = ?", patientId(j));
    }

    UUID child(Journey j, String compositeTask) {
      List<WorkflowSnapshot> children = engine.queries().childWorkflows(j.id(), compositeTask);
      assertThat(children).hasSize(1);
      return children.get(0).id();
    }

    ErReport report() {
      return ErReport.read(
          db.dataSource(), engine.queries(), domain.shiftId(), 0, 0, staff.counts());
    }
  }

  /** Spec 8.5, path "stable with no consults": triage, diagnostics, review, discharge. */
  @DbTest
  void stablePatientWithoutConsultationsIsDischarged(TestDatabase db) {
    Er er = Er.on(db);
    Journey j = er.staff.admit(PatientPlan.routine(1));
    assertThat(er.status(j)).isEqualTo("triage");
    assertThat(er.open(j)).containsExactly("triagePatient");

    er.perform(j, "triagePatient");
    assertThat(er.status(j)).isEqualTo("diagnostics");
    assertThat(er.open(j)).containsExactlyInAnyOrder("conductXRay", "analyzeBloodSample");
    er.perform(j, "analyzeBloodSample");
    er.perform(j, "conductXRay");

    UUID diagnostics = er.child(j, "diagnostics");
    assertThat(er.engine.queries().workflowState(diagnostics)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(er.engine.queries().task(diagnostics, "stableDiagnosticsComplete").state())
        .isEqualTo(TaskState.COMPLETED);
    assertThat(er.engine.queries().task(diagnostics, "emergencySurgeryTrigger").state())
        .isEqualTo(TaskState.DISABLED);
    assertThat(er.open(j)).containsExactly("reviewDiagnostics");
    assertThat(er.status(j)).isEqualTo("review");

    er.perform(j, "reviewDiagnostics");
    // no consultation asked: the OR split took the direct branch only, the OR join fired at once
    assertThat(er.engine.queries().task(j.id(), "consultations").generation()).isZero();
    assertThat(er.engine.queries().task(j.id(), "gatherConsultations").state())
        .isEqualTo(TaskState.COMPLETED);
    assertThat(er.open(j)).containsExactly("dischargePatient");
    assertThat(er.status(j)).isEqualTo("ready_for_discharge");

    er.perform(j, "dischargePatient");
    assertThat(er.engine.queries().workflowState(j.id())).isEqualTo(WorkflowState.COMPLETED);
    assertThat(er.status(j)).isEqualTo("discharged");
    assertThat(er.count("er_triage", j)).isEqualTo(1);
    assertThat(er.count("er_discharges", j)).isEqualTo(1);
    assertThat(er.count("er_surgeries", j)).isZero();
    assertThat(er.count("er_hospital_stays", j)).isZero();
    assertThat(er.count("er_consultations", j)).isZero();
    assertThat(er.count("er_medications", j)).isZero();
    assertThat(
            db.rows(
                "select status, xray_critical, blood_status from er_diagnostics where patient_id ="
                    + " ?",
                er.patientId(j)))
        .containsExactly(List.of("completed", false, "completed"));
    ErReport report = er.report();
    assertThat(report.consistent()).as("%s", report.violations()).isTrue();
    assertThat(report.tasks().keySet())
        .containsExactly(
            "analyzeBloodSample",
            "conductXRay",
            "diagnostics",
            "discharge",
            "gatherConsultations",
            "initiateDiagnostics",
            "reviewDiagnostics",
            "stableDiagnosticsComplete",
            "triage");
  }

  /**
   * Spec 8.5, path "critical x-ray": the x-ray is read first, so the cancellation region of
   * emergencySurgeryTrigger withdraws the blood analysis; surgery, then a stay whose daily checks
   * loop (one generation per day) until the patient is ready.
   */
  @DbTest
  void criticalXRayLeadsToSurgeryAndAHospitalStay(TestDatabase db) {
    Er er = Er.on(db);
    Journey j =
        er.staff.admit(
            PatientPlan.routine(1)
                .withSurgery()
                .withStay(
                    List.of(
                        CheckDecision.CONTINUE_OBSERVATION,
                        CheckDecision.NEEDS_MEDICATION,
                        CheckDecision.READY_FOR_DISCHARGE)));
    er.perform(j, "triagePatient");
    UUID diagnostics = er.child(j, "diagnostics");
    er.perform(j, "conductXRay");

    var q = er.engine.queries();
    assertThat(q.workflowState(diagnostics)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(q.task(diagnostics, "analyzeBloodSample").state()).isEqualTo(TaskState.CANCELED);
    assertThat(q.workItems(diagnostics, "analyzeBloodSample"))
        .extracting("state")
        .containsExactly(WorkItemState.CANCELED);
    assertThat(q.marking(diagnostics).values()).allMatch(m -> m == 0 || m == 1);
    assertThat(q.marking(diagnostics).get("initiateDiagnostics__to__analyzeBloodSample")).isZero();
    assertThat(q.task(diagnostics, "stableDiagnosticsComplete").state())
        .isEqualTo(TaskState.DISABLED);
    assertThat(
            db.rows(
                "select status, xray_critical, blood_status from er_diagnostics where patient_id ="
                    + " ?",
                er.patientId(j)))
        .containsExactly(List.of("completed", true, "canceled"));
    assertThat(er.open(j)).containsExactly("performSurgery");
    assertThat(er.status(j)).isEqualTo("emergency_surgery");
    assertThat(q.task(j.id(), "reviewDiagnostics").generation()).isZero();

    er.perform(j, "performSurgery");
    assertThat(er.status(j)).isEqualTo("admitted");
    assertThat(er.open(j)).containsExactly("admitToHospital");
    er.perform(j, "admitToHospital");
    // the AND split: the first daily check and the medication reconciliation in parallel
    assertThat(er.open(j)).containsExactlyInAnyOrder("performDailyCheck", "reconcileMedications");

    er.staff.runToEnd(j);

    assertThat(j.finalState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(er.status(j)).isEqualTo("discharged");
    UUID stay = er.child(j, "hospitalStay");
    assertThat(q.workflowState(stay)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(q.task(stay, "performDailyCheck").generation()).isEqualTo(3);
    assertThat(q.task(stay, "administerDailyMedication").generation()).isEqualTo(1);
    assertThat(q.task(stay, "continueObservation").generation()).isEqualTo(1);
    assertThat(
            db.rows(
                "select status, days, reconciled from er_hospital_stays where patient_id = ?",
                er.patientId(j)))
        .containsExactly(List.of("completed", 3, true));
    assertThat(
            db.rows(
                "select c.check_day, c.attempt, c.status, c.decision from er_daily_checks c"
                    + " join er_hospital_stays s on s.id = c.stay_id where s.patient_id = ?"
                    + " order by c.check_day",
                er.patientId(j)))
        .containsExactly(
            List.of(1, 1, "completed", "CONTINUE_OBSERVATION"),
            List.of(2, 1, "completed", "NEEDS_MEDICATION"),
            List.of(3, 1, "completed", "READY_FOR_DISCHARGE"));
    assertThat(
            db.rows(
                "select kind, stay_day from er_medications where patient_id = ? order by kind",
                er.patientId(j)))
        .containsExactly(List.of("DAILY", 2), Arrays.asList("RECONCILIATION", null));
    assertThat(er.count("er_surgeries", j)).isEqualTo(1);
    assertThat(er.count("er_discharges", j)).isEqualTo(1);
    assertThat(er.report().consistent()).isTrue();
  }

  /** The blood was analysed before the critical x-ray: its result stays, its token is removed. */
  @DbTest
  void bloodAnalysedBeforeACriticalXRayIsKept(TestDatabase db) {
    Er er = Er.on(db);
    Journey j = er.staff.admit(PatientPlan.routine(1).withSurgery());
    er.perform(j, "triagePatient");
    UUID diagnostics = er.child(j, "diagnostics");
    er.perform(j, "analyzeBloodSample");
    assertThat(er.engine.queries().marking(diagnostics))
        .containsEntry("analyzeBloodSample__to__stableDiagnosticsComplete", 1);

    er.perform(j, "conductXRay");

    var q = er.engine.queries();
    assertThat(q.workflowState(diagnostics)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(q.task(diagnostics, "analyzeBloodSample").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(q.marking(diagnostics))
        .containsEntry("analyzeBloodSample__to__stableDiagnosticsComplete", 0)
        .containsEntry("end", 1);
    assertThat(
            db.rows(
                "select blood_status from er_diagnostics where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of("completed"));
    assertThat(er.open(j)).containsExactly("performSurgery");
  }

  /**
   * Spec 8.5, path "stable with consults and medication": the review asks for two specialists; the
   * dynamic composite creates one child workflow of each specialty's type; the OR join of
   * gatherConsultations waits for both; a prescription routes to medication.
   */
  @DbTest
  void consultationsRunAsChildWorkflowsOfTheirSpecialty(TestDatabase db) {
    Er er = Er.on(db);
    Journey j =
        er.staff.admit(
            PatientPlan.routine(1)
                .withConsultations(
                    List.of(Specialty.CARDIOLOGY, Specialty.NEUROLOGY),
                    Set.of(Specialty.NEUROLOGY),
                    Set.of()));
    er.perform(j, "triagePatient");
    er.perform(j, "conductXRay");
    er.perform(j, "analyzeBloodSample");
    er.perform(j, "reviewDiagnostics");

    var q = er.engine.queries();
    List<WorkflowSnapshot> consults = q.childWorkflows(j.id(), "consultations");
    assertThat(consults)
        .extracting(WorkflowSnapshot::name)
        .containsExactly("cardiologyConsult", "neurologyConsult");
    // the ECG is automatic: it started and completed itself, which started the composite task
    UUID cardiology = consults.get(0).id();
    assertThat(q.task(cardiology, "recordEcg").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(q.task(j.id(), "consultations").state()).isEqualTo(TaskState.STARTED);
    assertThat(er.status(j)).isEqualTo("consultation");
    assertThat(er.open(j)).containsExactly("specialistConsult", "specialistConsult");
    // the OR join waits for the consultations: the direct branch's token is there, it did not fire
    assertThat(q.marking(j.id())).containsEntry("reviewDiagnostics__to__gatherConsultations", 1);
    assertThat(q.task(j.id(), "gatherConsultations").generation()).isZero();

    // only a cardiologist may give the cardiology consultation: the engine checks the policy
    var cardiologyItem =
        er.staff.openWorkItems(j).stream()
            .filter(w -> w.workflowName().equals("cardiologyConsult"))
            .findFirst()
            .orElseThrow();
    assertThat(cardiologyItem.staff()).isEqualTo(Role.CARDIOLOGIST.member(1));
    assertThatThrownBy(
            () -> er.engine.as(Role.NEUROLOGIST.member(1)).startWorkItem(cardiologyItem.id()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("er:specialist:cardiology");
    er.staff.perform(j, cardiologyItem);
    assertThatThrownBy(
            () ->
                er.engine
                    .as(Role.CARDIOLOGIST.member(1))
                    .completeWorkItem(
                        cardiologyItem.id(), new ConsultResult("again", false, false)))
        .isInstanceOf(dev.tasquencer.api.error.InvalidStateTransitionException.class);

    assertThat(q.task(j.id(), "gatherConsultations").generation()).isZero();
    assertThat(er.open(j)).containsExactly("specialistConsult");
    er.perform(j, "specialistConsult");

    assertThat(q.task(j.id(), "consultations").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(q.task(j.id(), "gatherConsultations").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(er.open(j)).containsExactly("administerMedication");
    assertThat(er.status(j)).isEqualTo("treatment");
    er.perform(j, "administerMedication");
    er.perform(j, "dischargePatient");

    assertThat(q.workflowState(j.id())).isEqualTo(WorkflowState.COMPLETED);
    assertThat(
            db.rows(
                "select specialty, status, prescribe_medication, ecg_rhythm is not null"
                    + " from er_consultations where patient_id = ? order by specialty",
                er.patientId(j)))
        .containsExactly(
            List.of("CARDIOLOGY", "completed", false, true),
            List.of("NEUROLOGY", "completed", true, false));
    assertThat(db.rows("select kind from er_medications where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of("INITIAL"));
    assertThat(er.count("er_hospital_stays", j)).isZero();
    assertThat(er.report().consistent()).isTrue();
  }

  /** A consultation that recommends admission overrides the review's "discharge". */
  @DbTest
  void aConsultationCanAdmitThePatient(TestDatabase db) {
    Er er = Er.on(db);
    Journey j =
        er.staff.admit(
            PatientPlan.routine(1)
                .withConsultations(
                    List.of(Specialty.ORTHOPEDICS), Set.of(), Set.of(Specialty.ORTHOPEDICS)));

    er.staff.runToEnd(j);

    assertThat(j.finalState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(er.count("er_hospital_stays", j)).isEqualTo(1);
    assertThat(er.count("er_surgeries", j)).isZero();
    assertThat(er.engine.queries().task(j.id(), "administerMedication").generation()).isZero();
    assertThat(er.report().consistent()).isTrue();
  }

  /**
   * A daily check fails once (a business failure): the task's policy absorbs it, the second attempt
   * in the same generation completes, the stay and the journey complete.
   */
  @DbTest
  void aFailedDailyCheckIsRetriedOnce(TestDatabase db) {
    Er er = Er.on(db);
    Journey j =
        er.staff.admit(
            PatientPlan.routine(1)
                .withTreatment(Treatment.ADMIT)
                .withStay(
                    List.of(CheckDecision.CONTINUE_OBSERVATION, CheckDecision.READY_FOR_DISCHARGE))
                .withFailedCheck(2, 1));

    er.staff.runToEnd(j);

    assertThat(j.finalState()).isEqualTo(WorkflowState.COMPLETED);
    UUID stay = er.child(j, "hospitalStay");
    var q = er.engine.queries();
    assertThat(q.task(stay, "performDailyCheck").generation()).isEqualTo(2);
    assertThat(q.stats(stay, "performDailyCheck", 2)).isEqualTo(new TaskStats(2, 0, 0, 1, 1, 0));
    // the retry is a new work item of the same generation, its attempt in its payload
    assertThat(q.workItems(stay, "performDailyCheck", 2))
        .extracting(w -> w.state() + " " + w.payloadJson())
        .satisfiesExactly(
            first -> assertThat(first).startsWith("FAILED").contains("\"attempt\":1"),
            second -> assertThat(second).startsWith("COMPLETED").contains("\"attempt\":2"));
    assertThat(
            db.rows(
                "select c.check_day, c.attempt, c.status from er_daily_checks c"
                    + " join er_hospital_stays s on s.id = c.stay_id where s.patient_id = ?"
                    + " order by c.check_day, c.attempt",
                er.patientId(j)))
        .containsExactly(
            List.of(1, 1, "completed"), List.of(2, 1, "failed"), List.of(2, 2, "completed"));
    assertThat(
            db.rows(
                "select days, status from er_hospital_stays where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of(2, "completed"));
    assertThat(er.status(j)).isEqualTo("discharged");
    assertThat(er.report().consistent()).isTrue();
  }

  /**
   * The second attempt fails too: the policy fails the task, the stay fails, the composite task's
   * default policy fails the journey; the patient is transferred, never discharged.
   */
  @DbTest
  void twoFailedChecksOnOneDayEscalateAndFailTheJourney(TestDatabase db) {
    Er er = Er.on(db);
    Journey j = er.staff.admit(PatientPlan.routine(1).withSurgery().withFailedCheck(1, 2));

    er.staff.runToEnd(j);

    var q = er.engine.queries();
    assertThat(j.finalState()).isEqualTo(WorkflowState.FAILED);
    UUID stay = er.child(j, "hospitalStay");
    assertThat(q.workflowState(stay)).isEqualTo(WorkflowState.FAILED);
    assertThat(q.task(stay, "performDailyCheck").state()).isEqualTo(TaskState.FAILED);
    assertThat(q.stats(stay, "performDailyCheck")).isEqualTo(new TaskStats(2, 0, 0, 0, 2, 0));
    assertThat(q.task(stay, "prepareForDischarge").generation()).isZero();
    assertThat(q.task(j.id(), "hospitalStay").state()).isEqualTo(TaskState.FAILED);
    assertThat(q.task(j.id(), "discharge").generation()).isZero();
    assertThat(er.status(j)).isEqualTo("transferred");
    assertThat(
            db.rows(
                "select status, days from er_hospital_stays where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of("escalated", 0));
    assertThat(er.count("er_discharges", j)).isZero();
    ErReport report = er.report();
    assertThat(report.finalStates()).containsEntry("failed", 1L).containsEntry("completed", 0L);
    assertThat(report.consistent()).as("%s", report.violations()).isTrue();
  }

  /**
   * The patient leaves while waiting for a specialist: the journey is canceled through its custom
   * cancel action; the consultations' child workflows are torn down with it.
   */
  @DbTest
  void leavingAgainstAdviceCancelsTheJourneyAndItsChildren(TestDatabase db) {
    Er er = Er.on(db);
    Journey j =
        er.staff.admit(
            PatientPlan.routine(1)
                .withConsultations(
                    List.of(Specialty.NEUROLOGY, Specialty.ORTHOPEDICS), Set.of(), Set.of())
                .leavingAgainstAdvice());

    er.staff.runToEnd(j);

    var q = er.engine.queries();
    assertThat(j.finalState()).isEqualTo(WorkflowState.CANCELED);
    assertThat(q.childWorkflows(j.id(), "consultations"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.CANCELED, WorkflowState.CANCELED);
    assertThat(er.status(j)).isEqualTo("left_against_advice");
    assertThat(db.rows("select status from er_consultations where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of("canceled"), List.of("canceled"));
    assertThat(er.count("er_discharges", j)).isZero();
    assertThat(er.open(j)).isEmpty();
    assertThat(er.report().consistent()).isTrue();
  }

  /**
   * Every external step is checked by the engine: a member of staff without the step's scope is
   * refused ({@code NotAuthorizedException}) and nothing changes, in the engine's tables (the
   * allocation included) or the ER's.
   */
  @DbTest
  void staffWithoutTheScopeAreRefusedByTheEngineAndNothingChanges(TestDatabase db) {
    Er er = Er.on(db);
    Journey j = er.staff.admit(PatientPlan.routine(1));
    UUID triage = er.staff.openWorkItems(j).get(0).id();
    Actor floorNurse = Role.FLOOR_NURSE.member(1);
    Actor triageNurse = Role.TRIAGE_NURSE.member(1);
    TriageResult urgent = new TriageResult(ErPayloads.Severity.URGENT, "BP 120/80");

    String[] erTables = {"er_patients", "er_triage", "er_diagnostics", "er_timeline"};
    DbSnapshot before = DbSnapshot.take(db, erTables);
    assertThatThrownBy(() -> er.engine.as(floorNurse).startWorkItem(triage))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("er:triage:write");
    // only a physician records a departure against advice
    assertThatThrownBy(
            () ->
                er.engine
                    .as(floorNurse)
                    .cancelWorkflow(j.id(), new LeaveAgainstAdvice("wants to go home")))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("er:physician:write");
    // a call without an actor names no one the policy could allow
    assertThatThrownBy(() -> er.engine.startWorkItem(triage))
        .isInstanceOf(NotAuthorizedException.class);
    // actions left to their defaults are internal only
    assertThatThrownBy(() -> er.engine.as(triageNurse).cancelWorkItem(triage))
        .isInstanceOf(NotInternalCallException.class);
    assertThat(DbSnapshot.take(db, erTables)).isEqualTo(before);
    assertThat(er.engine.queries().workItemState(triage)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(er.engine.queries().allocation(triage).orElseThrow().state())
        .isEqualTo(AllocationState.OFFERED);
    assertThat(er.count("er_triage", j)).isZero();
    assertThat(er.status(j)).isEqualTo("triage");

    // the triage nurse claims and starts it; the floor nurse still may not complete it, and
    // another holder of the scope may not work an item claimed by someone else
    er.engine.as(triageNurse).claimWorkItem(triage);
    er.engine.as(triageNurse).startWorkItem(triage);
    er.staff.hire(2);
    before = DbSnapshot.take(db, erTables);
    assertThatThrownBy(() -> er.engine.as(floorNurse).completeWorkItem(triage, urgent))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("er:triage:write");
    assertThatThrownBy(
            () -> er.engine.as(Role.TRIAGE_NURSE.member(2)).completeWorkItem(triage, urgent))
        .isInstanceOf(NotClaimantException.class);
    assertThat(DbSnapshot.take(db, erTables)).isEqualTo(before);
    assertThat(er.count("er_triage", j)).isZero();
    er.engine.as(triageNurse).completeWorkItem(triage, urgent);
    assertThat(
            db.rows(
                "select severity, nurse_role from er_triage where patient_id = ?", er.patientId(j)))
        .containsExactly(List.of("URGENT", triageNurse.id()));
  }

  /**
   * The staff find their work in the engine's queues: each member sees the items offered to the
   * scopes its role grants, of its shift, with the patient's priority and attributes, and nothing
   * else.
   */
  @DbTest
  void staffSeeOnlyTheItemsOfTheirScopesInTheirQueues(TestDatabase db) {
    Er er = Er.on(db);
    Journey j = er.staff.admit(PatientPlan.routine(1));
    er.perform(j, "triagePatient");
    assertThat(er.open(j)).containsExactlyInAnyOrder("conductXRay", "analyzeBloodSample");

    QueueFilter shift =
        QueueFilter.all().attribute(HumanSteps.SHIFT, er.domain.shiftId().toString());
    var queues = er.engine.queues();
    List<QueueEntry> radiology =
        queues.available(Role.RADIOLOGIST.member(1), shift, QueuePage.first(10)).items();
    assertThat(radiology).extracting(QueueEntry::task).containsExactly("conductXRay");
    assertThat(radiology.get(0).rootId()).isEqualTo(j.id());
    assertThat(radiology.get(0).attributes())
        .containsEntry(HumanSteps.PATIENT, Long.toString(er.patientId(j)));
    assertThat(radiology.get(0).priority())
        .isEqualTo(HumanSteps.priority(PatientPlan.routine(1).severity()));
    assertThat(queues.available(Role.LAB_TECHNICIAN.member(1), shift, QueuePage.first(10)).items())
        .extracting(QueueEntry::task)
        .containsExactly("analyzeBloodSample");
    for (Role other :
        List.of(Role.TRIAGE_NURSE, Role.FLOOR_NURSE, Role.SENIOR_DOCTOR, Role.CARDIOLOGIST)) {
      assertThat(queues.available(other.member(1), shift, QueuePage.first(10)).items())
          .as("%s's queue", other)
          .isEmpty();
    }
    // another shift's filter shows nothing of this one
    assertThat(
            queues
                .available(
                    Role.RADIOLOGIST.member(1),
                    QueueFilter.all().attribute(HumanSteps.SHIFT, UUID.randomUUID().toString()),
                    QueuePage.first(10))
                .items())
        .isEmpty();

    // a claimed item leaves the available queue and shows in the claimant's own
    UUID xray = radiology.get(0).workItemId();
    er.engine.as(Role.RADIOLOGIST.member(1)).claimWorkItem(xray);
    assertThat(queues.available(Role.RADIOLOGIST.member(1), shift, QueuePage.first(10)).items())
        .isEmpty();
    assertThat(queues.claimedBy(Role.RADIOLOGIST.member(1), shift, QueuePage.first(10)).items())
        .extracting(QueueEntry::workItemId)
        .containsExactly(xray);
    assertThat(er.staff.openWorkItems(j))
        .filteredOn(w -> w.name().equals("conductXRay"))
        .extracting(OpenWorkItem::state)
        .containsExactly(AllocationState.CLAIMED);
    er.staff.runToEnd(j);
    assertThat(j.finalState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(er.staff.counts().claims()).isGreaterThan(3);
    assertThat(er.report().consistent()).isTrue();
  }

  /**
   * A small shift: every journey ends, the domain tables are consistent, several final states
   * occur, and the outcome is the same whether one team or three work in parallel.
   */
  @DbTest
  void aSmallShiftIsConsistentWhateverTheNumberOfTeams(TestDatabase db) {
    ErReport one = ErDemo.run(db.dataSource(), new ErDemo.Options(40, 11, 1), ErProgress.NONE);
    ErReport three = ErDemo.run(db.dataSource(), new ErDemo.Options(40, 11, 3), ErProgress.NONE);

    for (ErReport r : List.of(one, three)) {
      assertThat(r.consistent()).as("%s", r.violations()).isTrue();
      assertThat(r.openJourneys()).isZero();
      assertThat(r.patients()).isEqualTo(40);
      assertThat(r.finalStates().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
    }
    assertThat(one.finalStates().values().stream().filter(n -> n > 0).count())
        .as("final states %s", one.finalStates())
        .isGreaterThanOrEqualTo(2);
    assertThat(three.finalStates()).isEqualTo(one.finalStates());
    assertThat(three.patientStatuses()).isEqualTo(one.patientStatuses());
    assertThat(three.tasks()).isEqualTo(one.tasks());
    assertThat(three.counts()).isEqualTo(one.counts());
    assertThat(three.engineCalls()).isEqualTo(one.engineCalls());
    // the staff worked through the engine's queues and checks
    assertThat(three.staff().claims()).isEqualTo(one.staff().claims()).isPositive();
    assertThat(one.staff().lostRaces()).isZero();
    assertThat(one.staff().expectedRefusals()).isEqualTo(4); // patients 10, 20, 30, 40
    assertThat(one.staff().refusedAttempts()).isEqualTo(one.staff().expectedRefusals());
    assertThat(three.staff().refusedAttempts()).isEqualTo(4);
    assertThat(three.staff().members()).isEqualTo(3 * Role.values().length);
    assertThat(three.shiftId()).isNotEqualTo(one.shiftId());

    // the timeline (domain) agrees with the engine: root tasks run once per journey, so the
    // journeys whose root task is completed are the timeline's completions of that task
    Tasquencer engine = db.engine(Er.engineOf(new ErDomain(one.shiftId())));
    List<UUID> journeys =
        db.rows("select workflow_id from er_patients where shift_id = ?", one.shiftId()).stream()
            .map(row -> (UUID) row.get(0))
            .toList();
    for (String task :
        List.of(
            "triage",
            "diagnostics",
            "performSurgery",
            "reviewDiagnostics",
            "consultations",
            "gatherConsultations",
            "administerMedication",
            "hospitalStay",
            "discharge")) {
      long completed =
          journeys.stream()
              .filter(id -> engine.queries().task(id, task).state() == TaskState.COMPLETED)
              .count();
      assertThat(one.tasks().getOrDefault(task, java.util.Map.of()).getOrDefault("completed", 0L))
          .as(task)
          .isEqualTo(completed);
    }
  }
}

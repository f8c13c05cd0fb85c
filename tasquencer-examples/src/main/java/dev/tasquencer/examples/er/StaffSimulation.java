package dev.tasquencer.examples.er;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskSnapshot;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.er.ErPayloads.Admission;
import dev.tasquencer.examples.er.ErPayloads.AdmitPatient;
import dev.tasquencer.examples.er.ErPayloads.BloodResult;
import dev.tasquencer.examples.er.ErPayloads.CheckProblem;
import dev.tasquencer.examples.er.ErPayloads.Claim;
import dev.tasquencer.examples.er.ErPayloads.ConsultResult;
import dev.tasquencer.examples.er.ErPayloads.DailyCheckResult;
import dev.tasquencer.examples.er.ErPayloads.DiagnosticReview;
import dev.tasquencer.examples.er.ErPayloads.DischargePlan;
import dev.tasquencer.examples.er.ErPayloads.DischargeSummary;
import dev.tasquencer.examples.er.ErPayloads.LeaveAgainstAdvice;
import dev.tasquencer.examples.er.ErPayloads.MedicationGiven;
import dev.tasquencer.examples.er.ErPayloads.MedicationReconciliation;
import dev.tasquencer.examples.er.ErPayloads.Signed;
import dev.tasquencer.examples.er.ErPayloads.SurgeryReport;
import dev.tasquencer.examples.er.ErPayloads.TriageResult;
import dev.tasquencer.examples.er.ErPayloads.XRayResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The simulated ER staff. They admit patients and work in rounds: in each round they look at every
 * journey that is still open, find its open work items through the engine's queries (the root
 * workflow and, through {@code childWorkflows}, every nested workflow), pick one and do it as the
 * {@link PatientPlan} says: start (claim) and complete it, or fail it. Every command is an external
 * call signed with the role the step needs, so the workflows' custom actions check it.
 */
public final class StaffSimulation {
  /** A journey that needs more steps than this is considered stuck. */
  static final int MAX_STEPS = 200;

  /** Patients arrive over this many rounds. */
  static final int ARRIVAL_ROUNDS = 10;

  private final Tasquencer engine;
  private final WorkflowQueries queries;
  private final AtomicLong commands = new AtomicLong();

  public StaffSimulation(Tasquencer engine) {
    this.engine = engine;
    this.queries = engine.queries();
  }

  /** One patient's journey as the staff see it. */
  public static final class Journey {
    private final PatientPlan plan;
    private final UUID id;
    private final SplittableRandom picks;
    private int checksCompleted;
    private int failuresToday;
    private int steps;
    private @Nullable WorkflowState finalState; // null until the journey ends
    private boolean stuck;

    Journey(PatientPlan plan, UUID id) {
      this.plan = plan;
      this.id = id;
      this.picks = new SplittableRandom(plan.pickSeed());
    }

    public PatientPlan plan() {
      return plan;
    }

    /** The root workflow of the journey. */
    public UUID id() {
      return id;
    }

    /** The root workflow's final state, or null while it runs (or when it got stuck). */
    public @Nullable WorkflowState finalState() {
      return finalState;
    }

    /** The journey has no open work item although its root workflow is not final. */
    public boolean stuck() {
      return stuck;
    }

    public int steps() {
      return steps;
    }
  }

  /** Engine commands issued so far (admissions, starts, completions, failures, cancellations). */
  public long commands() {
    return commands.get();
  }

  /** Admits a patient: the journey's root workflow, created by an external call. */
  public Journey admit(PatientPlan plan) {
    commands.incrementAndGet();
    UUID id =
        engine.initializeRootWorkflow(
            ErWorkflow.NAME, new AdmitPatient(Role.TRIAGE_NURSE, plan.name(), plan.complaint()));
    return new Journey(plan, id);
  }

  /**
   * Runs a shift: the patients arrive over the first {@link #ARRIVAL_ROUNDS} rounds and the staff
   * work until every journey is final (or stuck). {@code teams} teams work in parallel, each caring
   * for its own share of the patients (every {@code teams}-th one); in each round a team admits its
   * next arrivals, then does one step of each of its open journeys. A journey's outcome depends on
   * its plan only, so the number of teams changes the timing, not the outcome. {@code progress} is
   * called from the teams' threads, one call at a time.
   *
   * @return the journeys, in the order of the plans
   */
  public List<Journey> runShift(List<PatientPlan> plans, int teams, ErProgress progress) {
    if (teams < 1) {
      throw new IllegalArgumentException("teams must be 1 or more, was " + teams);
    }
    Journey[] journeys = new Journey[plans.size()];
    AtomicInteger finished = new AtomicInteger();
    Runnable journeyFinished =
        () -> {
          synchronized (finished) {
            progress.journeyFinished(finished.incrementAndGet(), plans.size());
          }
        };
    if (teams == 1 || plans.size() < 2) {
      work(plans, 0, 1, journeys, journeyFinished);
      return List.of(journeys);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            teams,
            r -> {
              Thread t = new Thread(r, "er-staff");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int team = 0; team < teams; team++) {
        int first = team;
        running.add(pool.submit(() -> work(plans, first, teams, journeys, journeyFinished)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the staff worked", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.of(journeys);
  }

  /** One team: the plans {@code first, first + stride, ...}, in rounds until all are over. */
  private void work(
      List<PatientPlan> plans, int first, int stride, Journey[] journeys, Runnable finished) {
    List<Integer> share = new ArrayList<>();
    for (int i = first; i < plans.size(); i += stride) {
      share.add(i);
    }
    int perRound = Math.max(1, (share.size() + ARRIVAL_ROUNDS - 1) / ARRIVAL_ROUNDS);
    int arrived = 0;
    List<Journey> open = new ArrayList<>();
    while (arrived < share.size() || !open.isEmpty()) {
      for (int n = 0; n < perRound && arrived < share.size(); n++, arrived++) {
        int i = share.get(arrived);
        journeys[i] = admit(plans.get(i));
        open.add(journeys[i]);
      }
      for (Iterator<Journey> it = open.iterator(); it.hasNext(); ) {
        if (!step(it.next())) {
          it.remove();
          finished.run();
        }
      }
    }
  }

  /** Runs one journey alone to its end. */
  public void runToEnd(Journey journey) {
    while (step(journey)) {
      // next step
    }
  }

  /**
   * One step of a journey: one open work item done (or the patient leaves). False when the journey
   * is over: final, or stuck with nothing to do.
   */
  public boolean step(Journey j) {
    List<OpenWorkItem> open = openWorkItems(j.id);
    if (open.isEmpty()) {
      WorkflowState state = queries.workflowState(j.id);
      if (state.isFinal()) {
        j.finalState = state;
      } else {
        j.stuck = true;
      }
      return false;
    }
    if (++j.steps > MAX_STEPS) {
      j.stuck = true;
      return false;
    }
    if (j.plan.leavesAgainstAdvice() && canLeave(j, open)) {
      commands.incrementAndGet();
      engine.cancelWorkflow(
          j.id, new LeaveAgainstAdvice(Role.SENIOR_DOCTOR, "patient declined further treatment"));
      return true;
    }
    perform(j, open.get(j.picks.nextInt(open.size())));
    return true;
  }

  /** The patient leaves while waiting for a specialist, or once a stay has lasted a day. */
  private static boolean canLeave(Journey j, List<OpenWorkItem> open) {
    return open.stream()
        .anyMatch(
            w ->
                w.name().equals("specialistConsult")
                    || (w.name().equals("performDailyCheck") && j.checksCompleted >= 1));
  }

  /**
   * The open work items of a journey: in every workflow of its tree, the initialized and started
   * work items of the enabled and started tasks, in declaration order.
   */
  public List<OpenWorkItem> openWorkItems(UUID journeyId) {
    List<OpenWorkItem> out = new ArrayList<>();
    collect(journeyId, ErWorkflow.NAME, out);
    return out;
  }

  private void collect(UUID workflowId, String workflowName, List<OpenWorkItem> out) {
    for (TaskSnapshot t : queries.tasks(workflowId)) {
      if (!t.state().isActive()) {
        continue;
      }
      if (ErWorkflow.COMPOSITE_TASKS.contains(t.name())) {
        for (WorkflowSnapshot child : queries.childWorkflows(workflowId, t.name())) {
          if (!child.state().isFinal()) {
            collect(child.id(), child.name(), out);
          }
        }
        continue;
      }
      for (WorkItemSnapshot w : queries.workItems(workflowId, t.name())) {
        if (!w.state().isFinal()) {
          out.add(
              new OpenWorkItem(w.id(), w.name(), t.name(), workflowId, workflowName, w.state()));
        }
      }
    }
  }

  /** Does one open work item of the journey as the plan says (start and complete, or fail). */
  public void perform(Journey j, OpenWorkItem w) {
    PatientPlan p = j.plan;
    switch (w.name()) {
      case "triagePatient" ->
          finish(
              w,
              new TriageResult(
                  Role.TRIAGE_NURSE, p.severity(), "BP 128/84, HR " + (60 + p.number() % 40)));
      case "conductXRay" ->
          finish(
              w,
              new XRayResult(
                  Role.RADIOLOGIST,
                  p.xrayCritical() ? "internal bleeding, surgery needed" : "no acute findings",
                  p.xrayCritical()));
      case "analyzeBloodSample" ->
          finish(w, new BloodResult(Role.LAB_TECHNICIAN, "CBC within normal limits"));
      case "reviewDiagnostics" ->
          finish(
              w,
              new DiagnosticReview(
                  Role.SENIOR_DOCTOR, p.consultations(), p.treatment(), "treat " + p.complaint()));
      case "specialistConsult" -> {
        Specialty s = Specialty.ofWorkflow(w.workflowName());
        finish(
            w,
            new ConsultResult(
                s.role(),
                s + " review of " + p.complaint(),
                p.prescribing().contains(s),
                p.admitting().contains(s)));
      }
      case "performSurgery" ->
          finish(w, new SurgeryReport(Role.SURGEON, "emergency laparotomy", "no complications"));
      case "administerMedication" ->
          finish(w, new MedicationGiven(Role.FLOOR_NURSE, "paracetamol 1g"));
      case "admitToHospital" ->
          finish(
              w,
              new Admission(Role.ADMISSIONS_CLERK, "general ward", "R" + (100 + p.number() % 300)));
      case "performDailyCheck" -> dailyCheck(j, w);
      case "administerDailyMedication" ->
          finish(w, new MedicationGiven(Role.FLOOR_NURSE, "antibiotics, day " + j.checksCompleted));
      case "reconcileMedications" ->
          finish(
              w, new MedicationReconciliation(Role.PHARMACIST, "home medication list confirmed"));
      case "prepareForDischarge" ->
          finish(
              w,
              new DischargePlan(
                  Role.DISCHARGE_COORDINATOR, "rest, follow-up in two weeks", p.number() % 2 == 0));
      case "dischargePatient" ->
          finish(w, new DischargeSummary(Role.DISCHARGE_COORDINATOR, "discharged home"));
      default -> throw new IllegalStateException("staff do not know work item " + w.name());
    }
  }

  private void dailyCheck(Journey j, OpenWorkItem w) {
    int day = j.checksCompleted + 1;
    if (j.failuresToday < j.plan.failedAttemptsOn(day)) {
      j.failuresToday++;
      start(w, Role.FLOOR_NURSE);
      commands.incrementAndGet();
      engine.failWorkItem(
          w.id(), new CheckProblem(Role.FLOOR_NURSE, "patient unstable during check, day " + day));
      return;
    }
    finish(
        w,
        new DailyCheckResult(
            Role.FLOOR_NURSE, "BP 120/80, temperature 37.0", j.plan.decisionOn(day)));
    j.checksCompleted++;
    j.failuresToday = 0;
  }

  /** Starts (claims) the work item if needed, then completes it with the signed result. */
  private void finish(OpenWorkItem w, Signed result) {
    start(w, result.role());
    commands.incrementAndGet();
    engine.completeWorkItem(w.id(), result);
  }

  private void start(OpenWorkItem w, Role role) {
    if (w.state() == WorkItemState.INITIALIZED) {
      commands.incrementAndGet();
      engine.startWorkItem(
          w.id(), new Claim(role, role.name().toLowerCase(Locale.ROOT) + "-on-duty"));
    }
  }
}

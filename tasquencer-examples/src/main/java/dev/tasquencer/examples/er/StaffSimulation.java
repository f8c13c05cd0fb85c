package dev.tasquencer.examples.er;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.api.queue.WorkQueues;
import dev.tasquencer.examples.er.ErPayloads.Admission;
import dev.tasquencer.examples.er.ErPayloads.AdmitPatient;
import dev.tasquencer.examples.er.ErPayloads.BloodResult;
import dev.tasquencer.examples.er.ErPayloads.CheckProblem;
import dev.tasquencer.examples.er.ErPayloads.ConsultResult;
import dev.tasquencer.examples.er.ErPayloads.DailyCheckResult;
import dev.tasquencer.examples.er.ErPayloads.DiagnosticReview;
import dev.tasquencer.examples.er.ErPayloads.DischargePlan;
import dev.tasquencer.examples.er.ErPayloads.DischargeSummary;
import dev.tasquencer.examples.er.ErPayloads.LeaveAgainstAdvice;
import dev.tasquencer.examples.er.ErPayloads.MedicationGiven;
import dev.tasquencer.examples.er.ErPayloads.MedicationReconciliation;
import dev.tasquencer.examples.er.ErPayloads.SurgeryReport;
import dev.tasquencer.examples.er.ErPayloads.TriageResult;
import dev.tasquencer.examples.er.ErPayloads.XRayResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * The simulated ER staff: users holding the ER's engine roles ({@link Role#member}), one of each
 * role per team. They admit patients and work in rounds: at the start of a round each member of a
 * team reads its work queues ({@code engine.queues().claimedBy} and {@code available}, narrowed to
 * the shift) and keeps the items of its own role; then the team does one step of each of its open
 * journeys, picked among the journey's items as the {@link PatientPlan} says: the member claims it
 * (a lost race, {@code WorkItemAlreadyClaimedException}, is normal and skips the journey for the
 * round), starts it and completes it with the plan's result, or fails it. Every command is an
 * external call as that member ({@code engine.as(actor)}): the engine checks the actions' policies,
 * the offers and the claims. Some patients also meet a member of staff who tries a step their role
 * does not allow; the engine must refuse it ({@code NotAuthorizedException}).
 */
public final class StaffSimulation {
  /** A journey that needs more steps than this is considered stuck. */
  static final int MAX_STEPS = 200;

  /** Patients arrive over this many rounds. */
  static final int ARRIVAL_ROUNDS = 10;

  /** Every this many patients (by number), a floor nurse tries to start the triage. */
  static final int ROGUE_EVERY = 10;

  /** Queue page size when the staff read their queues. */
  static final int PAGE = 200;

  private final Tasquencer engine;
  private final WorkflowQueries queries;
  private final WorkQueues queues;
  private final QueueFilter shift;
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong claims = new AtomicLong();
  private final AtomicLong lostRaces = new AtomicLong();
  private final AtomicLong rogueAttempts = new AtomicLong();
  private final AtomicLong refusedAttempts = new AtomicLong();
  private final AtomicInteger members = new AtomicInteger();

  /** The staff of {@code domain}'s shift: they see only the work items of that shift. */
  public StaffSimulation(Tasquencer engine, ErDomain domain) {
    this.engine = engine;
    this.queries = engine.queries();
    this.queues = engine.queues();
    this.shift = QueueFilter.all().attribute(HumanSteps.SHIFT, domain.shiftId().toString());
  }

  /**
   * Gives {@code teams} members of staff each role (through {@code engine.identity()}; assigning a
   * role a user holds already renews it, so a database of earlier shifts keeps its staff).
   */
  public StaffSimulation hire(int teams) {
    for (Role r : Role.values()) {
      for (int n = 1; n <= teams; n++) {
        engine.identity().assignRoleToUser(r.engineName(), r.member(n).id(), null);
      }
    }
    members.set(Math.max(members.get(), teams * Role.values().length));
    return this;
  }

  /** What the staff did that the engine checked. */
  public ErReport.Staff counts() {
    return new ErReport.Staff(
        members.get(), claims.get(), lostRaces.get(), refusedAttempts.get(), rogueAttempts.get());
  }

  /** One patient's journey as the staff see it. */
  public static final class Journey {
    private final PatientPlan plan;
    private final UUID id;
    private final int team;
    private final SplittableRandom picks;
    private int checksCompleted;
    private int failuresToday;
    private int steps;
    private @Nullable WorkflowState finalState; // null until the journey ends
    private boolean stuck;

    Journey(PatientPlan plan, UUID id, int team) {
      this.plan = plan;
      this.id = id;
      this.team = team;
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

  /** Engine commands issued so far (admissions, claims, starts, completions, failures, ...). */
  public long commands() {
    return commands.get();
  }

  /** Admits a patient as team 0's triage nurse. */
  public Journey admit(PatientPlan plan) {
    return admit(plan, 0);
  }

  /** Admits a patient: the journey's root workflow, created by the team's triage nurse. */
  public Journey admit(PatientPlan plan, int team) {
    commands.incrementAndGet();
    UUID id =
        as(Role.TRIAGE_NURSE, team)
            .initializeRootWorkflow(
                ErWorkflow.NAME, new AdmitPatient(plan.name(), plan.complaint()));
    return new Journey(plan, id, team);
  }

  private WorkflowCommands as(Role role, int team) {
    return engine.as(role.member(team + 1));
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
        journeys[i] = admit(plans.get(i), first);
        open.add(journeys[i]);
      }
      Map<UUID, List<OpenWorkItem>> work = lookForWork(first);
      for (Iterator<Journey> it = open.iterator(); it.hasNext(); ) {
        Journey j = it.next();
        if (!step(j, work.getOrDefault(j.id, List.of()))) {
          it.remove();
          finished.run();
        }
      }
    }
  }

  /** Runs one journey alone to its end (its team reads its queues before each step). */
  public void runToEnd(Journey journey) {
    while (step(journey)) {
      // next step
    }
  }

  /**
   * One step of a journey, its work items read from its team's queues. False when the journey is
   * over: final, or stuck with nothing to do.
   */
  public boolean step(Journey j) {
    return step(j, openWorkItems(j));
  }

  /**
   * One step of a journey with the open work items its team found for it at the start of the round:
   * one item done (or the patient leaves).
   */
  private boolean step(Journey j, List<OpenWorkItem> open) {
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
      as(Role.SENIOR_DOCTOR, j.team)
          .cancelWorkflow(j.id, new LeaveAgainstAdvice("patient declined further treatment"));
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
   * The open work items of a journey as its team's members find them in their queues (claimed by
   * them or available to them, of their own role), in the order of workflow and task names.
   */
  public List<OpenWorkItem> openWorkItems(Journey j) {
    return lookForWork(j.team).getOrDefault(j.id, List.of());
  }

  /**
   * What a team's members find in their work queues, by journey (root workflow): every member reads
   * the items it has claimed, then those available to it, page by page, and keeps those of its own
   * role (a triage nurse also holds the floor nurses' scope, but leaves their steps to them).
   */
  Map<UUID, List<OpenWorkItem>> lookForWork(int team) {
    Map<UUID, List<OpenWorkItem>> byJourney = new HashMap<>();
    for (Role role : Role.values()) {
      Actor member = role.member(team + 1);
      read(member, role, queues::claimedBy, byJourney);
      read(member, role, queues::available, byJourney);
    }
    Comparator<OpenWorkItem> order =
        Comparator.comparing(OpenWorkItem::workflowName).thenComparing(OpenWorkItem::task);
    byJourney.values().forEach(items -> items.sort(order));
    return byJourney;
  }

  /** A queue read: the actor, a filter and a page. */
  @FunctionalInterface
  private interface QueueRead {
    QueueItems read(Actor actor, QueueFilter filter, QueuePage page);
  }

  private void read(
      Actor member, Role role, QueueRead queue, Map<UUID, List<OpenWorkItem>> byJourney) {
    QueuePage page = QueuePage.first(PAGE);
    while (true) {
      QueueItems items = queue.read(member, shift, page);
      for (QueueEntry e : items.items()) {
        Step step = stepOf(e.workflow(), e.task());
        if (step.role() == role) {
          byJourney
              .computeIfAbsent(e.rootId(), k -> new ArrayList<>())
              .add(
                  new OpenWorkItem(
                      e.workItemId(),
                      step.workItem(),
                      e.task(),
                      e.workflowId(),
                      e.workflow(),
                      e.state(),
                      member));
        }
      }
      if (items.next().isEmpty()) {
        return;
      }
      page = page.next(items);
    }
  }

  /** A human step: its work item and the role whose members do it. */
  private record Step(String workItem, Role role) {}

  /** The step of a task, as the staff know their work. */
  private static Step stepOf(String workflow, String task) {
    return switch (task) {
      case "triage" -> new Step("triagePatient", Role.TRIAGE_NURSE);
      case "conductXRay" -> new Step(task, Role.RADIOLOGIST);
      case "analyzeBloodSample" -> new Step(task, Role.LAB_TECHNICIAN);
      case "reviewDiagnostics" -> new Step(task, Role.SENIOR_DOCTOR);
      case "performSurgery" -> new Step(task, Role.SURGEON);
      case "administerMedication", "performDailyCheck", "administerDailyMedication" ->
          new Step(task, Role.FLOOR_NURSE);
      case "admitToHospital" -> new Step(task, Role.ADMISSIONS_CLERK);
      case "reconcileMedications" -> new Step(task, Role.PHARMACIST);
      case "prepareForDischarge" -> new Step(task, Role.DISCHARGE_COORDINATOR);
      case "discharge" -> new Step("dischargePatient", Role.DISCHARGE_COORDINATOR);
      default -> new Step("specialistConsult", Specialty.ofWorkflow(workflow).role());
    };
  }

  /** Does one open work item of the journey as the plan says (claim, start, complete or fail). */
  public void perform(Journey j, OpenWorkItem w) {
    PatientPlan p = j.plan;
    switch (w.name()) {
      case "triagePatient" -> {
        TriageResult triage =
            new TriageResult(p.severity(), "BP 128/84, HR " + (60 + p.number() % 40));
        if (p.number() % ROGUE_EVERY == 0) {
          rogueTriage(j, w);
        }
        finish(w, triage);
      }
      case "conductXRay" ->
          finish(
              w,
              new XRayResult(
                  p.xrayCritical() ? "internal bleeding, surgery needed" : "no acute findings",
                  p.xrayCritical()));
      case "analyzeBloodSample" -> finish(w, new BloodResult("CBC within normal limits"));
      case "reviewDiagnostics" ->
          finish(
              w, new DiagnosticReview(p.consultations(), p.treatment(), "treat " + p.complaint()));
      case "specialistConsult" -> {
        Specialty s = Specialty.ofWorkflow(w.workflowName());
        finish(
            w,
            new ConsultResult(
                s + " review of " + p.complaint(),
                p.prescribing().contains(s),
                p.admitting().contains(s)));
      }
      case "performSurgery" ->
          finish(w, new SurgeryReport("emergency laparotomy", "no complications"));
      case "administerMedication" -> finish(w, new MedicationGiven("paracetamol 1g"));
      case "admitToHospital" ->
          finish(w, new Admission("general ward", "R" + (100 + p.number() % 300)));
      case "performDailyCheck" -> dailyCheck(j, w);
      case "administerDailyMedication" ->
          finish(w, new MedicationGiven("antibiotics, day " + j.checksCompleted));
      case "reconcileMedications" ->
          finish(w, new MedicationReconciliation("home medication list confirmed"));
      case "prepareForDischarge" ->
          finish(w, new DischargePlan("rest, follow-up in two weeks", p.number() % 2 == 0));
      case "dischargePatient" -> finish(w, new DischargeSummary("discharged home"));
      default -> throw new IllegalStateException("staff do not know work item " + w.name());
    }
  }

  /**
   * A floor nurse of the team tries to start the triage: the engine must refuse it (the triage's
   * policy needs er:triage:write) and change nothing.
   */
  private void rogueTriage(Journey j, OpenWorkItem w) {
    rogueAttempts.incrementAndGet();
    commands.incrementAndGet();
    try {
      as(Role.FLOOR_NURSE, j.team).startWorkItem(w.id());
    } catch (NotAuthorizedException expected) {
      refusedAttempts.incrementAndGet();
      return;
    }
    throw new IllegalStateException(
        "the engine let a floor nurse start the triage " + w.id() + " of journey " + j.id);
  }

  private void dailyCheck(Journey j, OpenWorkItem w) {
    int day = j.checksCompleted + 1;
    if (j.failuresToday < j.plan.failedAttemptsOn(day)) {
      if (!claimAndStart(w)) {
        return;
      }
      j.failuresToday++;
      commands.incrementAndGet();
      engine
          .as(w.staff())
          .failWorkItem(w.id(), new CheckProblem("patient unstable during check, day " + day));
      return;
    }
    if (finish(w, new DailyCheckResult("BP 120/80, temperature 37.0", j.plan.decisionOn(day)))) {
      j.checksCompleted++;
      j.failuresToday = 0;
    }
  }

  /** Claims and starts the work item, then completes it with the result; false on a lost race. */
  private boolean finish(OpenWorkItem w, Object result) {
    if (!claimAndStart(w)) {
      return false;
    }
    commands.incrementAndGet();
    engine.as(w.staff()).completeWorkItem(w.id(), result);
    return true;
  }

  /**
   * Claims the work item when it is only offered (false when another member claimed it first: the
   * step waits for a later round), then starts it.
   */
  private boolean claimAndStart(OpenWorkItem w) {
    WorkflowCommands staff = engine.as(w.staff());
    if (w.state() == AllocationState.OFFERED) {
      commands.incrementAndGet();
      try {
        staff.claimWorkItem(w.id());
      } catch (WorkItemAlreadyClaimedException lost) {
        lostRaces.incrementAndGet();
        return false;
      }
      claims.incrementAndGet();
    }
    commands.incrementAndGet();
    staff.startWorkItem(w.id());
    return true;
  }
}

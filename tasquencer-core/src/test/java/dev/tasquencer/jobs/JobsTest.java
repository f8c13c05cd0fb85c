package dev.tasquencer.jobs;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.DeadWorker;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Durable jobs: registration, ownership and teardown, retries, dead jobs, timers. */
class JobsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private record Setup(Tasquencer engine, ManualClock clock, JobWorker worker) {}

  private static Setup setup(
      TestDatabase db,
      WorkflowDefinition def,
      java.util.function.UnaryOperator<JobWorker.Builder> w) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(def));
    JobWorker worker =
        w.apply(engine.jobWorker().backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))).build();
    return new Setup(engine, clock, worker);
  }

  private static Setup setup(TestDatabase db, WorkflowDefinition def) {
    return setup(db, def, b -> b);
  }

  private static List<JobState> jobStates(Tasquencer engine, UUID owner) {
    return engine.queries().jobsOwnedBy(owner).stream().map(JobSnapshot::state).toList();
  }

  /** start -> delayedTask -> end; delayedTask schedules its own work item 200 ms after enable. */
  static WorkflowDefinition scheduledWorkItem() {
    return Builder.workflow("scheduled-work-item")
        .startCondition("start")
        .task(
            "delayedTask",
            Nets.noInit()
                .onEnabled(
                    ctx ->
                        ctx.registerScheduled(
                            Duration.ofMillis(200),
                            Job.initializeWorkItem(
                                ctx.parent().workflowId(), ctx.task().name(), null))))
        .endCondition("end")
        .connectCondition("start", to -> to.task("delayedTask"))
        .connectTask("delayedTask", to -> to.condition("end"))
        .build();
  }

  /** CS-113: a scheduled work-item initialization fires later; the ownership stays recorded. */
  @DbTest
  void scheduledWorkItemInitializationFiresLater(TestDatabase db) {
    var s = setup(db, scheduledWorkItem());
    var d = Driver.start(s.engine, "scheduled-work-item");
    assertThat(d.wi("delayedTask")).isEmpty();
    List<JobSnapshot> jobs = s.engine.queries().jobsOwnedBy(d.id);
    assertThat(jobs)
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.ownerKind()).isEqualTo(JobOwnerKind.TASK);
              assertThat(j.ownerTask()).isEqualTo("delayedTask");
              assertThat(j.ownerGeneration()).isEqualTo(1);
              assertThat(j.state()).isEqualTo(JobState.PENDING);
              assertThat(j.runAt()).isEqualTo(T0.plusMillis(200));
            });
    assertThat(s.worker.runDue()).as("nothing is due before 200 ms").isZero();
    s.clock.advance(Duration.ofMillis(199));
    assertThat(s.worker.runDue()).isZero();
    s.clock.advance(Duration.ofMillis(1));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(d.wiStates("delayedTask")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(jobStates(s.engine, d.id)).containsExactly(JobState.DONE);
  }

  /** CS-114: cancelling the workflow first cancels the pending job; nothing is initialized. */
  @DbTest
  void cancellingTheWorkflowCancelsThePendingJob(TestDatabase db) {
    var s = setup(db, scheduledWorkItem());
    var d = Driver.start(s.engine, "scheduled-work-item");
    s.clock.advance(Duration.ofMillis(50));
    d.cmd().cancelWorkflow(d.id);
    s.clock.advance(Duration.ofMillis(500));
    assertThat(s.worker.runDue()).isZero();
    assertThat(d.wi("delayedTask")).isEmpty();
    assertThat(jobStates(s.engine, d.id)).containsExactly(JobState.CANCELED);
  }

  /** Registering twice in one hook keeps two jobs; both run. */
  @DbTest
  void twoRegistrationsRunTwice(TestDatabase db) {
    var def =
        Builder.workflow("twice")
            .startCondition("start")
            .task(
                "t",
                Nets.noInit()
                    .onEnabled(
                        ctx -> {
                          for (int i = 0; i < 2; i++) {
                            ctx.registerScheduled(
                                Duration.ZERO,
                                Job.initializeWorkItem(ctx.parent().workflowId(), "t", null));
                          }
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"))
            .build();
    var s = setup(db, def);
    var d = Driver.start(s.engine, "twice");
    assertThat(s.worker.runDue()).isEqualTo(2);
    assertThat(d.wi("t")).hasSize(2);
  }

  /** CS-116: a scheduled child workflow initialization of a composite task. */
  @DbTest
  void scheduledChildWorkflowInitialization(TestDatabase db) {
    var child =
        Builder.workflow("scheduled-child-workflow")
            .startCondition("start")
            .task("childTask", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("childTask"))
            .connectTask("childTask", to -> to.condition("end"));
    var def =
        Builder.workflow("scheduled-composite-workflow")
            .startCondition("start")
            .compositeTask(
                "delayedComposite",
                Builder.compositeTask(child)
                    .onEnabled(
                        ctx ->
                            ctx.registerScheduled(
                                Duration.ofMillis(200),
                                Job.initializeWorkflow(
                                    ctx.parent().workflowId(), "delayedComposite", null, null))))
            .endCondition("end")
            .connectCondition("start", to -> to.task("delayedComposite"))
            .connectTask("delayedComposite", to -> to.condition("end"))
            .build();
    var s = setup(db, def);
    var d = Driver.start(s.engine, "scheduled-composite-workflow");
    assertThat(d.q().childWorkflows(d.id, "delayedComposite")).isEmpty();
    s.clock.advance(Duration.ofMillis(200));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(d.q().childWorkflows(d.id, "delayedComposite"))
        .singleElement()
        .satisfies(w -> assertThat(w.state()).isEqualTo(WorkflowState.INITIALIZED));
  }

  /**
   * CS-117: a job owned by a work item is canceled when the item completes, although its task stays
   * started (policy CONTINUE).
   */
  @DbTest
  void workItemJobCanceledWhenTheItemCompletes(TestDatabase db) {
    var def =
        Builder.workflow("wi-job")
            .startCondition("start")
            .task(
                "unitTask",
                Builder.task(
                        Builder.workItem("unitWork")
                            .withActions(
                                Builder.workItemActions()
                                    .initialize(
                                        Object.class,
                                        (ctx, p) -> {
                                          ctx.workItem().initialize();
                                          ctx.registerScheduled(
                                              Duration.ofMillis(200),
                                              Job.cancelWorkflow(ctx.parent().workflowId(), null));
                                        })))
                    .onEnabled(ctx -> ctx.workItem().initialize())
                    .withPolicy(ctx -> PolicyResult.CONTINUE))
            .endCondition("end")
            .connectCondition("start", to -> to.task("unitTask"))
            .connectTask("unitTask", to -> to.condition("end"))
            .build();
    var s = setup(db, def);
    var d = Driver.start(s.engine, "wi-job");
    UUID wi = d.initialized("unitTask");
    assertThat(jobStates(s.engine, wi)).containsExactly(JobState.PENDING);
    d.start(wi);
    d.complete(wi);
    assertThat(d.task("unitTask")).isEqualTo(TaskState.STARTED);
    assertThat(jobStates(s.engine, wi)).containsExactly(JobState.CANCELED);
    s.clock.advance(Duration.ofMillis(250));
    assertThat(s.worker.runDue()).isZero();
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
  }

  /** A net whose workflow, task and work item each own a job due in 60 s. */
  static WorkflowDefinition ownedEverywhere() {
    var work =
        Builder.workItem("unitWork")
            .onInitialized(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ofSeconds(60), Job.cancelWorkItem(ctx.workItem().id(), null)));
    return Builder.workflow("owned")
        .startCondition("start")
        .task(
            "unitTask",
            Builder.task(work)
                .onEnabled(
                    ctx -> {
                      ctx.registerScheduled(
                          Duration.ofSeconds(60),
                          Job.cancelWorkflow(ctx.parent().workflowId(), null));
                      ctx.workItem().initialize();
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("unitTask"))
        .connectTask("unitTask", to -> to.condition("end"))
        .onInitialized(
            ctx ->
                ctx.registerScheduled(
                    Duration.ofSeconds(60), Job.cancelWorkflow(ctx.workflow().id(), null)))
        .build();
  }

  private static List<JobOwnerKind> owners(Tasquencer engine, JobState state) {
    return engine.queries().jobs(state, 100).stream().map(JobSnapshot::ownerKind).sorted().toList();
  }

  /** CS-118: workflow completion clears workflow, task and work-item jobs. */
  @DbTest
  void completionCancelsEveryOwnedJob(TestDatabase db) {
    var s = setup(db, ownedEverywhere());
    var d = Driver.start(s.engine, "owned");
    assertThat(owners(s.engine, JobState.PENDING))
        .containsExactly(JobOwnerKind.WORKFLOW, JobOwnerKind.TASK, JobOwnerKind.WORK_ITEM);
    d.fire("unitTask");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(owners(s.engine, JobState.PENDING)).isEmpty();
    assertThat(owners(s.engine, JobState.CANCELED))
        .containsExactly(JobOwnerKind.WORKFLOW, JobOwnerKind.TASK, JobOwnerKind.WORK_ITEM);
    s.clock.advance(Duration.ofMinutes(2));
    assertThat(s.worker.runDue()).isZero();
  }

  /** CS-119: workflow cancellation clears them. */
  @DbTest
  void cancellationCancelsEveryOwnedJob(TestDatabase db) {
    var s = setup(db, ownedEverywhere());
    var d = Driver.start(s.engine, "owned");
    d.cmd().cancelWorkflow(d.id);
    assertThat(owners(s.engine, JobState.PENDING)).isEmpty();
    assertThat(owners(s.engine, JobState.CANCELED))
        .containsExactly(JobOwnerKind.WORKFLOW, JobOwnerKind.TASK, JobOwnerKind.WORK_ITEM);
  }

  /** CS-120: workflow failure clears them. */
  @DbTest
  void failureCancelsEveryOwnedJob(TestDatabase db) {
    var s = setup(db, ownedEverywhere());
    var d = Driver.start(s.engine, "owned");
    UUID wi = d.initialized("unitTask");
    d.start(wi);
    d.cmd().failWorkItem(wi);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(owners(s.engine, JobState.PENDING)).isEmpty();
  }

  /** A reset cancels the work item's jobs. */
  @DbTest
  void resetCancelsTheWorkItemsJobs(TestDatabase db) {
    var work =
        Builder.workItem("w")
            .onStarted(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ofSeconds(10), Job.failWorkItem(ctx.workItem().id(), null)));
    var def =
        Builder.workflow("reset-job")
            .startCondition("start")
            .task("t", Builder.task(work).onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"))
            .build();
    var s = setup(db, def);
    var d = Driver.start(s.engine, "reset-job");
    UUID wi = d.initialized("t");
    d.start(wi);
    assertThat(jobStates(s.engine, wi)).containsExactly(JobState.PENDING);
    d.cmd().resetWorkItem(wi);
    assertThat(jobStates(s.engine, wi)).containsExactly(JobState.CANCELED);
    s.clock.advance(Duration.ofSeconds(20));
    assertThat(s.worker.runDue()).isZero();
    assertThat(d.wiStates("t")).containsExactly(WorkItemState.INITIALIZED);
  }

  /** Jobs cannot be owned by an element that is ending. */
  @DbTest
  void teardownHooksCannotRegisterJobs(TestDatabase db) {
    var def =
        Builder.workflow("late")
            .startCondition("start")
            .task(
                "t",
                autoInit()
                    .onCompleted(
                        ctx ->
                            ((dev.tasquencer.api.context.JobScheduling) ctx)
                                .registerScheduled(Duration.ZERO, Job.of("x", null))))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"))
            .build();
    var s = setup(db, def);
    var d = Driver.start(s.engine, "late");
    UUID wi = d.initialized("t");
    d.start(wi);
    assertThatThrownBy(() -> d.complete(wi))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("registerScheduled is not available in onCompleted");
    assertThat(d.wiStates("t")).containsExactly(WorkItemState.STARTED);
  }

  /** A registered custom job: the workflow's onInitialized schedules it, a handler runs it. */
  static WorkflowDefinition withCustomJob(int maxAttempts) {
    return Builder.workflow("custom")
        .startCondition("start")
        .task("t", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .onInitialized(
            ctx ->
                ctx.registerScheduled(
                    Duration.ZERO,
                    Job.of("greet", new Greeting("hello")).withMaxAttempts(maxAttempts)))
        .build();
  }

  record Greeting(String text) {}

  /** Failing attempts are retried with exponential backoff until they succeed. */
  @DbTest
  void failingJobsAreRetriedWithBackoff(TestDatabase db) {
    AtomicInteger attempts = new AtomicInteger();
    var s =
        setup(
            db,
            withCustomJob(5),
            b ->
                b.handler(
                    "greet",
                    JobHandler.inTransaction(
                        Greeting.class,
                        (ctx, g) -> {
                          ctx.db().update("insert into greetings (text) values (?)", g.text());
                          if (attempts.incrementAndGet() < 3) {
                            throw new IllegalStateException("mail server down");
                          }
                        })));
    db.sql("create table greetings (text varchar(100))");
    var d = Driver.start(s.engine, "custom");
    assertThat(s.worker.runDue()).isEqualTo(1);
    JobSnapshot j = s.engine.queries().jobsOwnedBy(d.id).get(0);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempts()).isEqualTo(1);
    assertThat(j.lastError()).contains("mail server down");
    assertThat(j.runAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(db.queryLong("select count(*) from greetings"))
        .as("a failed attempt's domain writes are rolled back")
        .isZero();
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.queries().job(j.id()).runAt()).isEqualTo(T0.plusSeconds(3));
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).as("backoff doubles: not due yet").isZero();
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.queries().job(j.id()).state()).isEqualTo(JobState.DONE);
    assertThat(s.engine.queries().job(j.id()).attempts()).isEqualTo(3);
    assertThat(db.queryLong("select count(*) from greetings")).isEqualTo(1);
    assertThat(s.worker.stats().done()).isEqualTo(1);
    assertThat(s.worker.stats().failedAttempts()).isEqualTo(2);
  }

  /** After its last attempt a job is parked as dead with its error, visible through queries. */
  @DbTest
  void jobsAreParkedAsDeadAfterTheirLastAttempt(TestDatabase db) {
    var s =
        setup(
            db,
            withCustomJob(2),
            b ->
                b.handler(
                    "greet",
                    JobHandler.external(
                        Greeting.class,
                        (ctx, g) -> {
                          throw new java.io.IOException("connection refused");
                        })));
    Driver.start(s.engine, "custom");
    s.worker.runDue();
    s.clock.advance(Duration.ofSeconds(1));
    s.worker.runDue();
    s.clock.advance(Duration.ofMinutes(10));
    assertThat(s.worker.runDue()).isZero();
    List<JobSnapshot> dead = s.engine.queries().jobs(JobState.DEAD, 10);
    assertThat(dead)
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.attempts()).isEqualTo(2);
              assertThat(j.lastError()).contains("IOException: connection refused");
            });
    assertThat(s.worker.stats().dead()).isEqualTo(1);
  }

  /** A job whose handler is unknown to the worker fails with a clear error. */
  @DbTest
  void unknownHandlersFailClearly(TestDatabase db) {
    var s = setup(db, withCustomJob(1));
    Driver.start(s.engine, "custom");
    s.worker.runDue();
    assertThat(s.engine.queries().jobs(JobState.DEAD, 10))
        .singleElement()
        .satisfies(j -> assertThat(j.lastError()).contains("no handler named 'greet'"));
  }

  /** A workflow with one job whose transactional handler throws {@code error}. */
  private static Setup throwing(TestDatabase db, Error error) {
    return setup(
        db,
        withCustomJob(5),
        b ->
            b.handler(
                "greet",
                JobHandler.inTransaction(
                    Greeting.class,
                    (ctx, g) -> {
                      throw error;
                    })));
  }

  /** The job of the run is pending again after one failed attempt, with {@code error}. */
  private static void assertOneFailedAttempt(Setup s, Driver d, String error) {
    JobSnapshot j = s.engine.queries().jobsOwnedBy(d.id).get(0);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.lastError()).contains(error);
    assertThat(s.worker.stats().failedAttempts()).isEqualTo(1);
  }

  /**
   * An Error thrown by a handler (here a broken class path) is recorded as a failed attempt like
   * any failure, and then rethrown: the worker does not swallow it.
   */
  @DbTest
  void errorsAreRecordedThenRethrown(TestDatabase db) {
    var s = throwing(db, new LinkageError("class path broken"));
    var d = Driver.start(s.engine, "custom");
    assertThatThrownBy(s.worker::runDue)
        .isInstanceOf(LinkageError.class)
        .hasMessage("class path broken");
    assertOneFailedAttempt(s, d, "LinkageError: class path broken");
  }

  /** A failed assertion in a handler is a failed attempt: recorded, and the worker goes on. */
  @DbTest
  void failedAssertionsAreRecordedFailures(TestDatabase db) {
    var s = throwing(db, new AssertionError("unexpected reply"));
    var d = Driver.start(s.engine, "custom");
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertOneFailedAttempt(s, d, "AssertionError: unexpected reply");
  }

  /**
   * An external handler reports back through an action; run twice (a worker died after the report),
   * the second report is rejected by the work item's state guard and changes nothing.
   */
  @DbTest
  void externalHandlersReportBackAndToleratesReplays(TestDatabase db) {
    var work =
        Builder.workItem("charge")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ZERO, Job.of("charge-card", new Charge(ctx.workItem().id()))));
    var def =
        Builder.workflow("payment")
            .startCondition("start")
            .task("charge", Builder.task(work).onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("charge"))
            .connectTask("charge", to -> to.condition("end"))
            .build();
    AtomicInteger reports = new AtomicInteger();
    JobHandler<Charge> handler =
        JobHandler.external(
            Charge.class,
            (ctx, c) -> {
              // the call to the payment provider would happen here, outside any transaction
              try {
                ctx.engine().completeWorkItem(c.workItem(), null);
                reports.incrementAndGet();
              } catch (dev.tasquencer.api.error.WorkItemInvalidStateException alreadyDone) {
                // a replay: the first run's report committed
              }
            });
    var s = setup(db, def, b -> b.handler("charge-card", handler));
    var d = Driver.start(s.engine, "payment");
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    // replay the same report as a second worker would after a crash
    UUID wi = d.q().workItems(d.id, "charge").get(0).id();
    var second = s.engine.jobWorker().handler("charge-card", handler).build();
    assertThatThrownBy(() -> d.cmd().completeWorkItem(wi))
        .isInstanceOf(dev.tasquencer.api.error.WorkItemInvalidStateException.class);
    assertThat(reports.get()).isEqualTo(1);
    assertThat(second.runDue()).isZero();
  }

  record Charge(UUID workItem) {}

  /** A claimed job whose worker vanished becomes due again when its lease expires. */
  @DbTest
  void expiredLeasesAreClaimedAgain(TestDatabase db) {
    AtomicInteger runs = new AtomicInteger();
    JobHandler<Greeting> handler =
        JobHandler.inTransaction(Greeting.class, (ctx, g) -> runs.incrementAndGet());
    var s =
        setup(db, withCustomJob(3), b -> b.handler("greet", handler).lease(Duration.ofSeconds(30)));
    var d = Driver.start(s.engine, "custom");
    UUID job = s.engine.queries().jobsOwnedBy(d.id).get(0).id();
    claimByAWorkerThatDies(db, s);
    assertThat(s.engine.queries().job(job).state()).isEqualTo(JobState.RUNNING);
    assertThat(s.worker.runDue()).as("the lease still holds").isZero();
    s.clock.advance(Duration.ofSeconds(31));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(runs.get()).isEqualTo(1);
    JobSnapshot j = s.engine.queries().job(job);
    assertThat(j.state()).isEqualTo(JobState.DONE);
    assertThat(j.attempts()).isEqualTo(2);
  }

  /**
   * A job claimed before its owner ended is not canceled by the teardown (only pending jobs are);
   * the worker that takes it over after the lease finds the owner gone and cancels it unrun.
   */
  @DbTest
  void aClaimedJobWhoseOwnerEndedIsCanceledUnrun(TestDatabase db) {
    AtomicInteger runs = new AtomicInteger();
    JobHandler<Greeting> handler =
        JobHandler.inTransaction(Greeting.class, (ctx, g) -> runs.incrementAndGet());
    var s =
        setup(db, withCustomJob(3), b -> b.handler("greet", handler).lease(Duration.ofSeconds(30)));
    var d = Driver.start(s.engine, "custom");
    UUID job = s.engine.queries().jobsOwnedBy(d.id).get(0).id();
    claimByAWorkerThatDies(db, s);
    s.engine.internal().cancelWorkflow(d.id);
    assertThat(s.engine.queries().job(job).state()).isEqualTo(JobState.RUNNING);

    s.clock.advance(Duration.ofSeconds(31));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(runs.get()).as("the handler never ran").isZero();
    assertThat(s.engine.queries().job(job).state()).isEqualTo(JobState.CANCELED);
    assertThat(s.worker.stats().canceled()).isEqualTo(1);
  }

  /** A worker claims every due job and dies before running them. */
  private static void claimByAWorkerThatDies(TestDatabase db, Setup s) {
    DeadWorker.claimDue(
        db.dataSource(), "dead-worker", s.clock.instant(), Duration.ofSeconds(30), 10);
  }

  /**
   * start -> {work, timeout} (deferred choice on the start condition) -> done (XOR-join) -> end.
   */
  static WorkflowDefinition raceAgainstTimer() {
    return Builder.workflow("race")
        .startCondition("start")
        .task("work", autoInit())
        .task("timeout", Builder.timerTask(Duration.ofHours(24)))
        .task("done", autoInit().withJoinType(JoinType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("work").task("timeout"))
        .connectTask("work", to -> to.task("done"))
        .connectTask("timeout", to -> to.task("done"))
        .connectTask("done", to -> to.condition("end"))
        .build();
  }

  /** The timer fires first: the work is withdrawn. */
  @DbTest
  void aTimerThatFiresFirstWithdrawsTheWork(TestDatabase db) {
    var s = setup(db, raceAgainstTimer());
    var d = Driver.start(s.engine, "race");
    assertThat(d.enabled()).containsExactly("work", "timeout");
    s.clock.advance(Duration.ofHours(24));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(d.task("timeout")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("work")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates("work")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.enabled()).containsExactly("done");
  }

  /** The work starts first: the timer and its job are withdrawn; the deadline passes harmlessly. */
  @DbTest
  void workThatStartsFirstWithdrawsTheTimer(TestDatabase db) {
    var s = setup(db, raceAgainstTimer());
    var d = Driver.start(s.engine, "race");
    UUID work = d.initialized("work");
    d.start(work);
    assertThat(d.task("timeout")).isEqualTo(TaskState.DISABLED);
    assertThat(jobStates(s.engine, d.id)).containsExactly(JobState.CANCELED);
    s.clock.advance(Duration.ofHours(25));
    assertThat(s.worker.runDue()).isZero();
    d.complete(work);
    d.fire("done");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.task("timeout")).isEqualTo(TaskState.DISABLED);
  }
}

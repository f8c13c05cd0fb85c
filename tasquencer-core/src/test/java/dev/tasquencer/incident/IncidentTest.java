package dev.tasquencer.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.IdempotencyKeyReusedException;
import dev.tasquencer.api.error.IncidentInvalidStateException;
import dev.tasquencer.api.error.IncidentNotFoundException;
import dev.tasquencer.api.error.IncidentOwnerException;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentList;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.IncidentResolution;
import dev.tasquencer.api.incident.IncidentState;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.api.incident.Resolution;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.DeadWorker;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Incidents: opened with the park of a dead job, listed, retried, resolved, closed by teardown. */
class IncidentTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Actor OPS = Actor.user("ops");

  record Charge(int amount) {}

  /** The engine, its clock and worker, the charge service's switch and what onIncident saw. */
  private record Setup(
      Tasquencer engine,
      ManualClock clock,
      JobWorker worker,
      AtomicBoolean broken,
      List<Incident> seen) {
    Incidents ops() {
      return engine.incidents().as(OPS);
    }

    List<Incident> open() {
      return engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(100)).incidents();
    }

    Incident only() {
      return engine
          .incidents()
          .list(IncidentFilter.ALL, IncidentPage.first(100))
          .incidents()
          .get(0);
    }
  }

  /**
   * start -> pay -> end; the job "charge" (2 attempts) is registered by the work item of "pay"
   * ({@code itemOwned}) or by the workflow's onInitialized.
   */
  private static WorkflowDefinition payment(boolean itemOwned, List<Incident> seen) {
    var item =
        Builder.workItem("pay")
            .onInitialized(
                ctx -> {
                  if (itemOwned) {
                    ctx.registerScheduled(
                        Duration.ZERO, Job.of("charge", new Charge(42)).withMaxAttempts(2));
                  }
                });
    return Builder.workflow("payment")
        .startCondition("start")
        .task("pay", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("pay"))
        .connectTask("pay", to -> to.condition("end"))
        .onInitialized(
            ctx -> {
              if (!itemOwned) {
                ctx.registerScheduled(
                    Duration.ZERO, Job.of("charge", new Charge(42)).withMaxAttempts(2));
              }
            })
        .onIncident((ctx, incident) -> seen.add(incident))
        .build();
  }

  private static Setup setup(TestDatabase db, boolean itemOwned) {
    List<Incident> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean broken = new AtomicBoolean(true);
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        db.engine(Tasquencer.builder().clock(clock).register(payment(itemOwned, seen)));
    JobWorker worker =
        engine
            .jobWorker()
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
            .lease(Duration.ofSeconds(30))
            .handler(
                "charge",
                JobHandler.inTransaction(
                    Charge.class,
                    (ctx, c) -> {
                      if (broken.get()) {
                        throw new IllegalStateException("card service rejects " + c.amount());
                      }
                    }))
            .build();
    return new Setup(engine, clock, worker, broken, seen);
  }

  /**
   * An item-owned "charge" job run by an external handler: it fails with an IOException while the
   * service is broken, else runs {@code whenUp}.
   */
  private static Setup externalSetup(TestDatabase db, JobHandler.ExternalBody<Charge> whenUp) {
    List<Incident> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean broken = new AtomicBoolean(true);
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(payment(true, seen)));
    JobWorker worker =
        engine
            .jobWorker()
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
            .handler(
                "charge",
                JobHandler.external(
                    Charge.class,
                    (ctx, c) -> {
                      if (broken.get()) {
                        throw new java.io.IOException("connection refused");
                      }
                      whenUp.run(ctx, c);
                    }))
            .build();
    return new Setup(engine, clock, worker, broken, seen);
  }

  /** Runs the two attempts of the {@code jobs} due jobs: the second parks them as dead. */
  private static void exhaust(Setup s, int jobs) {
    assertThat(s.worker.runDue()).isEqualTo(jobs);
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(jobs);
  }

  private static void exhaust(Setup s) {
    exhaust(s, 1);
  }

  private static long openOnRoot(TestDatabase db, UUID root) {
    return db.queryLong("select open_incidents from tq_workflow where id = ?", root);
  }

  private static List<HistoryEvent> incidentEvents(Setup s, UUID root) {
    return s
        .engine
        .queries()
        .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
        .events()
        .stream()
        .filter(e -> e.element() == ElementKind.INCIDENT)
        .toList();
  }

  @DbTest
  void openedWithTheParkListedAndRetriedToSuccess(TestDatabase db) {
    var s = setup(db, true);
    var d = Driver.start(s.engine, "payment");
    UUID item = d.wi("pay").get(0).id();
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.open()).as("a failed attempt that will be retried opens nothing").isEmpty();
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);

    UUID jobId = s.engine.queries().jobsOwnedBy(item).get(0).id();
    assertThat(s.engine.queries().job(jobId).state()).isEqualTo(JobState.DEAD);
    Incident i = s.only();
    assertThat(i.state()).isEqualTo(IncidentState.OPEN);
    assertThat(i.ownerKind()).isEqualTo(JobOwnerKind.WORK_ITEM);
    assertThat(i.ownerId()).isEqualTo(item);
    assertThat(i.rootId()).isEqualTo(d.id);
    assertThat(i.workflowName()).isEqualTo("payment");
    assertThat(i.jobId()).isEqualTo(jobId);
    assertThat(i.handler()).isEqualTo("charge");
    assertThat(i.attempts()).isEqualTo(2);
    assertThat(i.errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(i.errorMessage()).contains("card service rejects 42");
    assertThat(i.payloadJson()).contains("\"amount\"").contains("42");
    assertThat(i.openedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(openOnRoot(db, d.id)).isEqualTo(1);
    assertThat(s.seen).as("onIncident ran once, with the incident").containsExactly(i);
    assertThat(d.wiStates("pay")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(incidentEvents(s, d.id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("open");
              assertThat(e.workItemId()).isEqualTo(item);
              assertThat(e.payloadJson()).contains(i.id().toString());
            });

    // filters and keyset pages
    assertThat(
            s.engine.incidents().list(IncidentFilter.ALL.withRootId(d.id), IncidentPage.first(1)))
        .satisfies(l -> assertThat(l.incidents()).containsExactly(i));
    assertThat(
            s.engine
                .incidents()
                .list(IncidentFilter.OPEN.withWorkflowName("other"), IncidentPage.first(10))
                .incidents())
        .isEmpty();
    assertThat(
            s.engine
                .incidents()
                .list(IncidentFilter.ALL.withState(IncidentState.RESOLVED), IncidentPage.first(10))
                .incidents())
        .isEmpty();

    s.ops().retry(i.id());
    assertThat(s.engine.queries().job(jobId).state()).isEqualTo(JobState.PENDING);
    assertThat(s.engine.queries().job(jobId).attempts()).isZero();
    assertThat(s.only().state()).as("open until the job succeeds").isEqualTo(IncidentState.OPEN);
    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> s.ops().retry(i.id()))
        .isInstanceOf(IncidentInvalidStateException.class)
        .hasMessageContaining("retried already");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    s.broken.set(false);
    assertThat(s.worker.runDue()).isEqualTo(1);
    Incident resolved = s.only();
    assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.resolution()).isEqualTo(IncidentResolution.RETRIED);
    assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(openOnRoot(db, d.id)).isZero();
    assertThat(s.seen).hasSize(1);
    List<HistoryEvent> events = incidentEvents(s, d.id);
    assertThat(events).extracting(HistoryEvent::event).containsExactly("open", "retry", "resolve");
    assertThat(events.get(1).actor()).isEqualTo(OPS);
    assertThat(events.get(2).payloadJson()).contains("retried");
  }

  @DbTest
  void aRetriedJobThatDiesAgainKeepsItsIncident(TestDatabase db) {
    var s = setup(db, true);
    var d = Driver.start(s.engine, "payment");
    exhaust(s);
    Incident i = s.only();
    s.ops().retry(i.id());
    exhaust(s);
    assertThat(s.open()).singleElement().satisfies(o -> assertThat(o.id()).isEqualTo(i.id()));
    assertThat(openOnRoot(db, d.id)).isEqualTo(1);
    assertThat(s.seen).as("onIncident runs when the incident opens, not again").hasSize(1);
    assertThat(incidentEvents(s, d.id))
        .extracting(HistoryEvent::event)
        .containsExactly("open", "retry", "fail");
  }

  @DbTest
  void resolvedByCompletingOrFailingTheWorkItem(TestDatabase db) {
    var s = setup(db, true);
    var completed = Driver.start(s.engine, "payment");
    var failed = Driver.start(s.engine, "payment");
    exhaust(s, 2);
    assertThat(s.worker.runDue()).isZero();
    List<Incident> open = s.open();
    assertThat(open).hasSize(2);
    assertThat(s.seen).hasSize(2);
    Incident ofCompleted =
        open.stream().filter(i -> i.rootId().equals(completed.id)).findFirst().orElseThrow();
    Incident ofFailed =
        open.stream().filter(i -> i.rootId().equals(failed.id)).findFirst().orElseThrow();

    s.ops().resolve(ofCompleted.id(), Resolution.complete(null));
    assertThat(completed.wiStates("pay")).containsExactly(WorkItemState.COMPLETED);
    assertThat(completed.state()).isEqualTo(WorkflowState.COMPLETED);
    s.ops().resolve(ofFailed.id(), Resolution.fail(null));
    assertThat(failed.wiStates("pay")).containsExactly(WorkItemState.FAILED);

    IncidentList all = s.engine.incidents().list(IncidentFilter.ALL, IncidentPage.first(1));
    assertThat(all.hasMore()).isTrue();
    IncidentList rest = s.engine.incidents().list(IncidentFilter.ALL, all.next());
    assertThat(rest.hasMore()).isFalse();
    List<Incident> both = List.of(all.incidents().get(0), rest.incidents().get(0));
    assertThat(both).extracting(Incident::state).containsOnly(IncidentState.RESOLVED);
    assertThat(both).extracting(Incident::resolvedBy).containsOnly("user:ops");
    assertThat(both)
        .extracting(Incident::resolution)
        .containsExactlyInAnyOrder(IncidentResolution.COMPLETED, IncidentResolution.FAILED);
    assertThat(openOnRoot(db, completed.id)).isZero();
    assertThat(openOnRoot(db, failed.id)).isZero();
    assertThat(incidentEvents(s, completed.id))
        .extracting(HistoryEvent::event)
        .containsExactly("open", "resolve");
  }

  /**
   * Operator calls with an idempotency key (docs/idempotency.md): a repeated retry or resolve gets
   * the first call's outcome instead of "retried already" or "resolved already", and history
   * records each once; another resolution with the key is refused.
   */
  @DbTest
  void retryAndResolveWithAKeyRunOnce(TestDatabase db) {
    var s = setup(db, true);
    var d = Driver.start(s.engine, "payment");
    exhaust(s);
    Incident i = s.only();

    s.ops().idempotent("retry-1").retry(i.id());
    assertThatThrownBy(() -> s.ops().retry(i.id()))
        .isInstanceOf(IncidentInvalidStateException.class);
    s.ops().idempotent("retry-1").retry(i.id());
    s.engine.incidents().idempotent("retry-1").as(OPS).retry(i.id());
    assertThat(incidentEvents(s, d.id))
        .extracting(HistoryEvent::event)
        .containsExactly("open", "retry");

    exhaust(s); // dies again
    s.ops().idempotent("resolve-1").resolve(i.id(), Resolution.complete(null));
    s.ops().idempotent("resolve-1").resolve(i.id(), Resolution.complete(null));
    assertThatThrownBy(() -> s.ops().idempotent("resolve-1").resolve(i.id(), Resolution.fail(null)))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThatThrownBy(() -> s.ops().idempotent("resolve-1").retry(i.id()))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(incidentEvents(s, d.id))
        .extracting(HistoryEvent::event)
        .containsExactly("open", "retry", "fail", "resolve");

    // a typed error is an outcome too: the unknown incident stays unknown for this key
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> s.ops().idempotent("retry-2").retry(unknown))
        .isInstanceOf(IncidentNotFoundException.class);
    assertThatThrownBy(() -> s.ops().idempotent("retry-2").retry(unknown))
        .isExactlyInstanceOf(IncidentNotFoundException.class)
        .hasMessageContaining(unknown.toString());
  }

  @DbTest
  void closedByTeardown(TestDatabase db) {
    var s = setup(db, true);
    var d = Driver.start(s.engine, "payment");
    exhaust(s);
    d.cmd().cancelWorkflow(d.id);
    Incident i = s.only();
    assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(i.resolution()).isEqualTo(IncidentResolution.OWNER_ENDED);
    assertThat(i.resolvedBy()).isNull();
    assertThat(openOnRoot(db, d.id)).isZero();
  }

  @DbTest
  void aWorkflowOwnedIncidentIsCanceledNotCompleted(TestDatabase db) {
    var s = setup(db, false);
    var d = Driver.start(s.engine, "payment");
    exhaust(s);
    Incident i = s.only();
    assertThat(i.ownerKind()).isEqualTo(JobOwnerKind.WORKFLOW);
    assertThat(i.ownerId()).isEqualTo(d.id);
    assertThat(s.seen).hasSize(1);

    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> s.ops().resolve(i.id(), Resolution.complete(null)))
        .isInstanceOf(IncidentOwnerException.class)
        .hasMessageContaining("not a work item")
        .hasMessageContaining("Resolution.cancel");
    assertThatThrownBy(() -> s.ops().resolve(UUID.randomUUID(), Resolution.cancel(null)))
        .isInstanceOf(IncidentNotFoundException.class)
        .hasMessageContaining("incidents().list");
    assertThatThrownBy(() -> s.ops().retry(UUID.randomUUID()))
        .isInstanceOf(IncidentNotFoundException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    s.ops().resolve(i.id(), Resolution.cancel(null));
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(s.only().resolution()).isEqualTo(IncidentResolution.CANCELED);
    assertThat(openOnRoot(db, d.id)).isZero();

    DbSnapshot after = DbSnapshot.take(db);
    assertThatThrownBy(() -> s.ops().resolve(i.id(), Resolution.cancel(null)))
        .isInstanceOf(IncidentInvalidStateException.class)
        .hasMessageContaining("resolved already (canceled by user:ops");
    assertThatThrownBy(() -> s.ops().retry(i.id()))
        .isInstanceOf(IncidentInvalidStateException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(after);
  }

  /** An external handler's outcome is recorded after it: a retried success resolves too. */
  @DbTest
  void anExternalJobRetriedToSuccessResolvesItsIncident(TestDatabase db) {
    var s = externalSetup(db, (ctx, c) -> {});
    var d = Driver.start(s.engine(), "payment");
    exhaust(s);
    Incident i = s.only();
    assertThat(i.errorType()).isEqualTo(java.io.IOException.class.getName());
    assertThat(s.seen()).hasSize(1);
    s.ops().retry(i.id());
    s.broken().set(false);
    assertThat(s.worker().runDue()).isEqualTo(1);
    assertThat(s.only().resolution()).isEqualTo(IncidentResolution.RETRIED);
    assertThat(openOnRoot(db, d.id)).isZero();
  }

  /**
   * The external-I/O pattern: the retried job reports by completing its own work item. The owner
   * ends in that report, and the incident resolves as retried (the retry ended it), not as "owner
   * ended"; a work item completed by someone else while its job is parked is "owner ended".
   */
  @DbTest
  void aRetriedJobThatCompletesItsOwnWorkItemResolvesItsIncidentAsRetried(TestDatabase db) {
    var s =
        externalSetup(
            db,
            (ctx, c) -> {
              UUID item = java.util.Objects.requireNonNull(ctx.job().ownerId());
              ctx.engine().startWorkItem(item);
              ctx.engine().completeWorkItem(item);
            });
    Tasquencer engine = s.engine();
    var first = Driver.start(engine, "payment");
    exhaust(s);
    Incident parked = s.only();
    s.ops().retry(parked.id());
    s.broken().set(false);
    assertThat(s.worker().runDue()).isEqualTo(1);
    Incident resolved =
        engine.incidents().list(IncidentFilter.ALL, IncidentPage.first(10)).incidents().get(0);
    assertThat(resolved.resolution()).isEqualTo(IncidentResolution.RETRIED);
    assertThat(engine.queries().workflowState(first.id)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(openOnRoot(db, first.id)).isZero();

    // the same parked job, but an operator completes the work item without retrying it
    s.broken().set(true);
    var second = Driver.start(engine, "payment");
    exhaust(s);
    Incident again =
        engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(10)).incidents().get(0);
    engine.internal().startWorkItem(again.ownerId());
    engine.internal().completeWorkItem(again.ownerId());
    Incident ended =
        engine
            .incidents()
            .list(IncidentFilter.ALL.withRootId(second.id), IncidentPage.first(10))
            .incidents()
            .get(0);
    assertThat(ended.resolution()).isEqualTo(IncidentResolution.OWNER_ENDED);
  }

  /** A task generation's incident: complete is refused, cancel cancels its workflow. */
  @DbTest
  void aTaskOwnedIncidentCancelsItsWorkflow(TestDatabase db) {
    List<Incident> seen = new CopyOnWriteArrayList<>();
    var def =
        Builder.workflow("payment")
            .startCondition("start")
            .task(
                "pay",
                Builder.task(Builder.workItem("pay"))
                    .onEnabled(
                        ctx ->
                            ctx.registerScheduled(
                                Duration.ZERO, Job.of("charge", new Charge(7)).withMaxAttempts(1))))
            .endCondition("end")
            .connectCondition("start", to -> to.task("pay"))
            .connectTask("pay", to -> to.condition("end"))
            .onIncident((ctx, incident) -> seen.add(incident))
            .build();
    Tasquencer engine = db.engine(Tasquencer.builder().clock(new ManualClock(T0)).register(def));
    JobWorker worker = engine.jobWorker().build(); // no handler for "charge": it dies at once
    var d = Driver.start(engine, "payment");
    assertThat(worker.runDue()).isEqualTo(1);
    Incident i =
        engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(10)).incidents().get(0);
    assertThat(i.ownerKind()).isEqualTo(JobOwnerKind.TASK);
    assertThat(i.ownerTask()).isEqualTo("pay");
    assertThat(i.ownerGeneration()).isEqualTo(1);
    assertThat(i.errorMessage()).contains("no handler named 'charge'");
    assertThat(seen).containsExactly(i);
    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> engine.incidents().as(OPS).resolve(i.id(), Resolution.fail("no card")))
        .isInstanceOf(IncidentOwnerException.class)
        .hasMessageContaining("task 'pay' (generation 1)");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);
    engine.incidents().as(OPS).resolve(i.id(), Resolution.cancel(null));
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(openOnRoot(db, d.id)).isZero();
  }

  @DbTest
  void nothingOpenedTwiceAfterAWorkerCrash(TestDatabase db) {
    var s = setup(db, true);
    var d = Driver.start(s.engine, "payment");
    assertThat(s.worker.runDue()).isEqualTo(1); // attempt 1 fails
    s.clock.advance(Duration.ofSeconds(1));
    // attempt 2 is claimed by a worker that dies before running it
    assertThat(
            DeadWorker.claimDue(
                db.dataSource(), "dead-worker", s.clock.instant(), Duration.ofSeconds(30), 10))
        .hasSize(1);
    assertThat(s.worker.runDue()).as("leased to the dead worker").isZero();
    assertThat(s.open()).isEmpty();
    s.clock.advance(Duration.ofSeconds(31));
    assertThat(s.worker.runDue()).as("taken over after the lease expired").isEqualTo(1);
    s.clock.advance(Duration.ofMinutes(10));
    assertThat(s.worker.runDue()).isZero();
    assertThat(s.open()).hasSize(1);
    assertThat(s.seen).hasSize(1);
    assertThat(openOnRoot(db, d.id)).isEqualTo(1);
    assertThat(incidentEvents(s, d.id)).hasSize(1);
  }
}

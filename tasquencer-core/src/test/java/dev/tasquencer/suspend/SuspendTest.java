package dev.tasquencer.suspend;

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
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import dev.tasquencer.api.error.WorkflowNotRootException;
import dev.tasquencer.api.error.WorkflowNotSuspendedException;
import dev.tasquencer.api.error.WorkflowSuspendedException;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.Resolution;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Suspend and resume (docs/suspend.md): a suspended tree refuses external calls and changes
 * nothing, its jobs and deadlines wait, resume runs what became due; history records both with the
 * actor; child ids, final and not-suspended workflows are refused with typed errors.
 */
class SuspendTest {
  private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  private static final Actor OPS = Actor.user("ops");
  private static final Actor LEAD = Actor.user("lead");

  record Ping(int n) {}

  private record Setup(
      Tasquencer engine, ManualClock clock, JobWorker worker, AtomicInteger pings) {
    WorkflowCommands ops() {
      return engine.as(OPS);
    }
  }

  /**
   * "order": start -> review -> end; the review item fails by its deadline one hour after it is
   * initialized, and the workflow's onInitialized registers the job "ping" due in ten minutes.
   * "parent": a composite task "sub" whose children are "child" (one autoInit task).
   */
  private static Setup setup(TestDatabase db) {
    WorkflowDefinition order =
        Nets.oneTask(
                "order",
                "review",
                Builder.task(
                        Builder.workItem("review")
                            .deadline(
                                Deadline.afterInitialized("late", Duration.ofHours(1)).fail()))
                    .onEnabled(ctx -> ctx.workItem().initialize()))
            .onInitialized(
                ctx -> ctx.registerScheduled(Duration.ofMinutes(10), Job.of("ping", new Ping(1))))
            .build();
    var child =
        Builder.workflow("child")
            .startCondition("start")
            .task("t", Nets.autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"));
    WorkflowDefinition pay =
        Nets.oneTask("pay", "charge", Nets.autoInit())
            .onInitialized(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ZERO, Job.of("charge", new Ping(1)).withMaxAttempts(1)))
            .build();
    WorkflowDefinition parent =
        Builder.workflow("parent")
            .startCondition("start")
            .compositeTask("sub", Builder.compositeTask(child))
            .endCondition("end")
            .connectCondition("start", to -> to.task("sub"))
            .connectTask("sub", to -> to.condition("end"))
            .build();
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(order, pay, parent));
    AtomicInteger pings = new AtomicInteger();
    JobWorker worker =
        engine
            .jobWorker()
            .handler(
                "ping", JobHandler.inTransaction(Ping.class, (ctx, p) -> pings.addAndGet(p.n())))
            .build();
    return new Setup(engine, clock, worker, pings);
  }

  private static UUID reviewItem(Driver d) {
    return d.initialized("review");
  }

  private static void refused(UUID root, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(WorkflowSuspendedException.class)
        .hasMessageContaining(root.toString())
        .hasMessageContaining("by user:ops")
        .hasMessageContaining("(audit)")
        .hasMessageContaining("resumeWorkflow(" + root + ")")
        .satisfies(e -> assertThat(((WorkflowSuspendedException) e).rootId()).isEqualTo(root))
        .satisfies(
            e ->
                assertThat(((WorkflowSuspendedException) e).code())
                    .isEqualTo("WORKFLOW_SUSPENDED"));
  }

  @DbTest
  void externalCallsAreRefusedAndChangeNothingInternalOnesRun(TestDatabase db) {
    var s = setup(db);
    var d = Driver.start(s.engine, "order");
    UUID wi = reviewItem(d);
    s.ops().suspendWorkflow(d.id, "audit");

    DbSnapshot before = DbSnapshot.take(db);
    WorkflowCommands bob = s.engine.as(Actor.user("bob"));
    refused(d.id, () -> bob.startWorkItem(wi, null));
    refused(d.id, () -> bob.completeWorkItem(wi, null));
    refused(d.id, () -> bob.claimWorkItem(wi));
    refused(d.id, () -> bob.cancelWorkItem(wi, null));
    refused(d.id, () -> bob.initializeWorkItem(d.id, "review", null));
    refused(d.id, () -> bob.cancelWorkflow(d.id, null));
    refused(d.id, () -> s.engine.cancelWorkflow(d.id));
    refused(d.id, () -> s.ops().suspendWorkflow(d.id, "again"));
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    // internal calls (the application's own code) are not refused
    s.engine.internal().startWorkItem(wi, null);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.STARTED);

    s.engine.as(LEAD).resumeWorkflow(d.id);
    s.engine.internal().completeWorkItem(wi, null);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.COMPLETED);
  }

  @DbTest
  void jobsAndDeadlinesWaitWhileSuspendedAndRunAfterResume(TestDatabase db) {
    var s = setup(db);
    var d = Driver.start(s.engine, "order");
    reviewItem(d);
    s.ops().suspendWorkflow(d.id, "audit");
    s.clock.advance(Duration.ofHours(2)); // the ping and the deadline are both due

    assertThat(s.worker.runDue()).isZero();
    assertThat(s.pings).hasValue(0);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.INITIALIZED);
    assertThat(
            db.queryLong(
                "select count(*) from tq_job where root_id = ? and state = 'pending'", d.id))
        .isEqualTo(2); // they stay due, unclaimed

    // another tree's jobs still run while this one is suspended
    var other = Driver.start(s.engine, "order");
    s.clock.advance(Duration.ofMinutes(10));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.pings).hasValue(1);

    s.ops().resumeWorkflow(d.id);
    assertThat(s.worker.runDue()).isEqualTo(2); // the ping and the deadline, at once
    assertThat(s.pings).hasValue(2);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.FAILED);
    assertThat(other.wiStates("review")).containsExactly(WorkItemState.INITIALIZED);
  }

  @DbTest
  void historyRecordsSuspendAndResumeWithTheirActors(TestDatabase db) {
    var s = setup(db);
    var d = Driver.start(s.engine, "order");
    s.ops().suspendWorkflow(d.id, "customer dispute");
    s.engine.as(LEAD).resumeWorkflow(d.id);
    s.engine.internal().suspendWorkflow(d.id);

    List<HistoryEvent> events =
        s
            .engine
            .queries()
            .history(d.id, HistoryFilter.ALL, HistoryPage.first(1000))
            .events()
            .stream()
            .filter(e -> e.event().equals("suspend") || e.event().equals("resume"))
            .toList();
    assertThat(events)
        .extracting(HistoryEvent::event)
        .containsExactly("suspend", "resume", "suspend");
    assertThat(events).extracting(HistoryEvent::actor).containsExactly(OPS, LEAD, null);
    assertThat(events).allSatisfy(e -> assertThat(e.element()).isEqualTo(ElementKind.WORKFLOW));
    assertThat(events).allSatisfy(e -> assertThat(e.workflowId()).isEqualTo(d.id));
    assertThat(events).allSatisfy(e -> assertThat(e.toState()).isNull());
    assertThat(events.get(0).payloadJson()).contains("customer dispute");
  }

  @DbTest
  void childIdsFinalAndNotSuspendedWorkflowsAreRefused(TestDatabase db) {
    var s = setup(db);
    var p = Driver.start(s.engine, "parent");
    UUID child = s.engine.internal().initializeWorkflow(p.id, "sub", null, null);
    DbSnapshot before = DbSnapshot.take(db);

    assertThatThrownBy(() -> s.ops().suspendWorkflow(child, null))
        .isInstanceOf(WorkflowNotRootException.class)
        .hasMessageContaining(p.id.toString())
        .satisfies(e -> assertThat(((WorkflowNotRootException) e).rootId()).isEqualTo(p.id));
    assertThatThrownBy(() -> s.ops().resumeWorkflow(child))
        .isInstanceOf(WorkflowNotRootException.class);
    assertThatThrownBy(() -> s.ops().resumeWorkflow(p.id))
        .isInstanceOf(WorkflowNotSuspendedException.class)
        .hasMessageContaining(p.id.toString());
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    // a suspended root's child refuses external calls as well
    s.ops().suspendWorkflow(p.id, "audit");
    refused(p.id, () -> s.ops().cancelWorkflow(child, null));
    s.ops().resumeWorkflow(p.id);

    var o = Driver.start(s.engine, "order");
    s.engine.internal().cancelWorkflow(o.id);
    DbSnapshot ended = DbSnapshot.take(db);
    assertThatThrownBy(() -> s.ops().suspendWorkflow(o.id, null))
        .isInstanceOf(WorkflowInvalidStateException.class)
        .hasMessageContaining("canceled");
    assertThat(DbSnapshot.take(db)).isEqualTo(ended);
  }

  @DbTest
  void incidentOperatorCallsAreRefusedWhileSuspended(TestDatabase db) {
    var s = setup(db);
    var d = Driver.start(s.engine, "pay");
    assertThat(s.worker.runDue()).isEqualTo(1); // the only attempt fails: an incident opens
    var incidents =
        s.engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(10)).incidents();
    assertThat(incidents).hasSize(1);
    UUID incident = incidents.get(0).id();
    s.ops().suspendWorkflow(d.id, "audit");

    DbSnapshot before = DbSnapshot.take(db);
    refused(d.id, () -> s.engine.incidents().as(OPS).retry(incident));
    refused(d.id, () -> s.engine.incidents().as(OPS).resolve(incident, Resolution.cancel(null)));
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    s.ops().resumeWorkflow(d.id);
    s.engine.incidents().as(OPS).retry(incident);
    assertThat(s.worker.runDue()).isEqualTo(1);
  }
}

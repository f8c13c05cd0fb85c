package dev.tasquencer.deadline;

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
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.deadline.Escalation;
import dev.tasquencer.api.deadline.OutboxMessage;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.InvalidDefinitionException;
import dev.tasquencer.api.error.NotOfferedException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.DeadWorker;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Deadlines (docs/deadlines.md), driven by a manual clock: escalation while claimed, teardown when
 * the item ends first, one escalation after a worker crash, notifications in the outbox, failing
 * and canceling deadlines, deadlines scheduled by claim and start, absolute ones from the payload.
 */
class DeadlinesTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final Duration TWO_DAYS = Duration.ofDays(2);

  static final Actor BOB = Actor.user("bob");
  static final Actor CAROL = Actor.user("carol");
  static final Actor DORA = Actor.user("dora");

  record Request(@org.jspecify.annotations.Nullable Instant due) {}

  record Setup(Tasquencer engine, ManualClock clock, JobWorker worker) {}

  /** One task "review", its work item offered to managers, with {@code deadlines} added. */
  static WorkflowDefinition review(UnaryOperator<WorkItemBuilder> deadlines) {
    WorkItemBuilder item =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .initialize(Request.class)
                    .start(Void.class, Policy.anyActor())
                    .complete(Void.class, Policy.anyActor()))
            .offer(Offer.toGroups("managers"));
    return Nets.oneTask("expense", "review", Builder.task(deadlines.apply(item))).build();
  }

  static Setup setup(TestDatabase db, WorkflowDefinition def) {
    ManualClock clock = new ManualClock(T0);
    java.util.function.Consumer<IdentitySetup> id =
        s -> s.group("managers", "Managers").group("deputies", "Deputy reviewers");
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).identity(id).register(def));
    engine.identity().addMember("managers", "bob", null);
    engine.identity().addMember("managers", "carol", null);
    engine.identity().addMember("deputies", "dora", null);
    return new Setup(engine, clock, engine.jobWorker().build());
  }

  static UUID item(Setup s, Request request) {
    UUID wf = s.engine.internal().initializeRootWorkflow("expense", null);
    return s.engine.internal().initializeWorkItem(wf, "review", request);
  }

  static Allocation allocation(Setup s, UUID wi) {
    return s.engine.queries().allocation(wi).orElseThrow();
  }

  static List<JobSnapshot> deadlineJobs(Setup s, UUID wi) {
    return s.engine.queries().jobsOwnedBy(wi).stream()
        .filter(j -> j.handler().startsWith(Job.DEADLINE) || j.handler().equals(Job.START_DEADLINE))
        .toList();
  }

  static List<HistoryEvent> escalations(Setup s, UUID wi) {
    UUID root = s.engine.queries().rootWorkflowIdOfWorkItem(wi);
    return s
        .engine
        .queries()
        .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
        .events()
        .stream()
        .filter(e -> e.element() == ElementKind.ALLOCATION && e.event().equals("escalate"))
        .toList();
  }

  /** The review workflow with one deadline, and its engine. */
  static Setup setup(TestDatabase db, Deadline deadline) {
    return setup(db, review(i -> i.deadline(deadline)));
  }

  static Deadline escalating(Escalation escalation) {
    return Deadline.afterInitialized("unreviewed", TWO_DAYS).escalate(escalation);
  }

  /**
   * An escalation of an unclaimed item moves it from the managers' queues to the deputies' (the
   * queues read the copy of the targets on the allocation row) and raises its priority there.
   */
  @DbTest
  void anEscalationMovesTheItemToTheNewTargetsQueuesWithAHigherPriority(TestDatabase db) {
    Setup s =
        setup(
            db,
            review(
                i ->
                    i.queue(QueueData.priority(5))
                        .deadline(
                            escalating(
                                Escalation.to(Offer.toGroups("deputies")).raisingPriority(10)))));
    UUID wi = item(s, new Request(null));
    assertThat(queue(s, BOB)).containsExactly(wi);
    assertThat(queue(s, DORA)).isEmpty();

    s.clock.advance(TWO_DAYS);
    assertThat(s.worker.runDue()).isEqualTo(1);

    assertThat(queue(s, BOB)).isEmpty();
    List<QueueEntry> deputies =
        s.engine.queues().available(DORA, QueueFilter.all(), QueuePage.first(10)).items();
    assertThat(deputies).extracting(QueueEntry::workItemId).containsExactly(wi);
    assertThat(deputies.get(0).priority()).isEqualTo(15);
    assertThatThrownBy(() -> s.engine.as(BOB).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    s.engine.as(DORA).claimWorkItem(wi);
    assertThat(s.engine.queues().claimedBy(DORA, QueueFilter.all(), QueuePage.first(10)).items())
        .extracting(QueueEntry::priority)
        .containsExactly(15);
  }

  @Test
  void anEscalationDoesNotLowerThePriority() {
    assertThatThrownBy(() -> Escalation.to(Offer.toGroups("deputies")).raisingPriority(-1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("give 0 or more");
  }

  static List<UUID> queue(Setup s, Actor actor) {
    return s
        .engine
        .queues()
        .available(actor, QueueFilter.all(), QueuePage.first(10))
        .items()
        .stream()
        .map(QueueEntry::workItemId)
        .toList();
  }

  @DbTest
  void anEscalationWhileClaimedReoffersTheItemAndKeepsTheClaim(TestDatabase db) {
    Setup s = setup(db, escalating(Escalation.to(Offer.toGroups("deputies"))));
    UUID wi = item(s, new Request(null));
    s.engine.as(BOB).claimWorkItem(wi);

    s.clock.advance(TWO_DAYS.minusSeconds(1));
    assertThat(s.worker.runDue()).isZero();
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);

    Allocation a = allocation(s, wi);
    assertThat(a.offer().groups()).containsExactly("deputies");
    assertThat(a.state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(a.claimant()).isEqualTo(BOB);
    List<HistoryEvent> events = escalations(s, wi);
    assertThat(events).hasSize(1);
    HistoryEvent e = events.get(0);
    assertThat(e.origin()).isEqualTo(Origin.JOB);
    assertThat(e.actor()).isNull();
    assertThat(e.fromState()).isEqualTo("claimed");
    assertThat(e.toState()).isEqualTo("claimed");
    assertThat(e.payloadJson()).contains("deputies").doesNotContain("managers");
    assertThat(e.at()).isEqualTo(T0.plus(TWO_DAYS));

    // the claim stays: a deputy cannot take it while bob holds it; once bob releases it, the
    // deputy can, and a manager no longer can
    assertThatThrownBy(() -> s.engine.as(DORA).claimWorkItem(wi))
        .isInstanceOf(WorkItemAlreadyClaimedException.class);
    s.engine.as(BOB).releaseWorkItem(wi);
    assertThatThrownBy(() -> s.engine.as(CAROL).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    s.engine.as(DORA).claimWorkItem(wi);
    s.engine.as(DORA).startWorkItem(wi);
    s.engine.as(DORA).completeWorkItem(wi, null);
    assertThat(s.engine.queries().workItemState(wi)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(allocation(s, wi).claimant()).isEqualTo(DORA);
  }

  @DbTest
  void anEscalationReleasingTheClaimLetsTheNewTargetsClaimAtOnce(TestDatabase db) {
    Setup s = setup(db, escalating(Escalation.to(Offer.toGroups("deputies")).releasingClaim()));
    UUID wi = item(s, new Request(null));
    s.engine.as(BOB).claimWorkItem(wi);
    s.clock.advance(TWO_DAYS);
    assertThat(s.worker.runDue()).isEqualTo(1);

    Allocation a = allocation(s, wi);
    assertThat(a.state()).isEqualTo(AllocationState.OFFERED);
    assertThat(a.claimant()).isNull();
    UUID root = s.engine.queries().rootWorkflowIdOfWorkItem(wi);
    List<String> allocationEvents =
        s
            .engine
            .queries()
            .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
            .events()
            .stream()
            .filter(e -> e.element() == ElementKind.ALLOCATION)
            .map(HistoryEvent::event)
            .toList();
    assertThat(allocationEvents).containsExactly("offer", "claim", "release", "escalate");
    s.engine.as(DORA).startWorkItem(wi); // claims it for dora in the same call
    assertThat(allocation(s, wi).claimant()).isEqualTo(DORA);
  }

  @DbTest
  void anItemThatEndsFirstTearsItsDeadlineDown(TestDatabase db) {
    Setup s = setup(db, escalating(Escalation.to(Offer.toGroups("deputies"))));
    UUID wi = item(s, new Request(null));
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.state()).isEqualTo(JobState.PENDING);
              assertThat(j.runAt()).isEqualTo(T0.plus(TWO_DAYS));
            });
    s.engine.as(BOB).startWorkItem(wi);
    s.engine.as(BOB).completeWorkItem(wi, null);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.CANCELED));

    s.clock.advance(TWO_DAYS.multipliedBy(2));
    assertThat(s.worker.runDue()).isZero();
    assertThat(escalations(s, wi)).isEmpty();
    assertThat(allocation(s, wi).offer().groups()).containsExactly("managers");
  }

  @DbTest
  void aWorkerThatDiesBeforeFiringCausesNoSecondEscalation(TestDatabase db) {
    Setup s = setup(db, escalating(Escalation.to(Offer.toGroups("deputies"))));
    UUID wi = item(s, new Request(null));
    s.clock.advance(TWO_DAYS);
    assertThat(
            DeadWorker.claimDue(
                db.dataSource(), "dead", s.clock.instant(), Duration.ofSeconds(30), 10))
        .hasSize(1);
    assertThat(s.worker.runDue()).isZero(); // still leased by the dead worker
    s.clock.advance(Duration.ofSeconds(31));
    assertThat(s.worker.runDue()).isEqualTo(1);
    s.clock.advance(Duration.ofMinutes(10));
    assertThat(s.worker.runDue()).isZero();

    assertThat(escalations(s, wi)).hasSize(1);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.state()).isEqualTo(JobState.DONE);
              assertThat(j.attempts()).isEqualTo(2);
            });
  }

  @DbTest
  void aNotifyingDeadlineWritesAnOutboxMessageInItsTransaction(TestDatabase db) {
    Setup s = setup(db, Deadline.afterInitialized("late", TWO_DAYS).notify("review.late"));
    UUID wi = item(s, new Request(null));
    s.engine.as(CAROL).claimWorkItem(wi);
    assertThat(s.engine.outbox().pending(10)).isEmpty();
    s.clock.advance(TWO_DAYS);
    assertThat(s.worker.runDue()).isEqualTo(1);

    List<OutboxMessage> pending = s.engine.outbox().pending(10);
    assertThat(pending)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.kind()).isEqualTo("review.late");
              assertThat(m.workItemId()).isEqualTo(wi);
              assertThat(m.rootId()).isEqualTo(s.engine.queries().rootWorkflowIdOfWorkItem(wi));
              assertThat(m.createdAt()).isEqualTo(T0.plus(TWO_DAYS));
              assertThat(m.deliveredAt()).isNull();
              assertThat(m.payload())
                  .contains(
                      "\"deadline\":\"late\"",
                      "\"claimant\":\"user:carol\"",
                      "\"task\":\"review\"");
            });
    // the item itself is untouched: a notification changes no state
    assertThat(allocation(s, wi).claimant()).isEqualTo(CAROL);
    assertThat(s.engine.queries().workItemState(wi)).isEqualTo(WorkItemState.INITIALIZED);

    UUID id = pending.get(0).id();
    assertThat(s.engine.outbox().markDelivered(id)).isTrue();
    assertThat(s.engine.outbox().markDelivered(id)).isFalse();
    assertThat(s.engine.outbox().markDelivered(UUID.randomUUID())).isFalse();
    assertThat(s.engine.outbox().pending(10)).isEmpty();
    assertThatThrownBy(() -> s.engine.outbox().pending(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("limit");
  }

  @DbTest
  void aFailingDeadlineCountedFromStartFailsTheItemAndAResetVoidsIt(TestDatabase db) {
    Setup s = setup(db, Deadline.afterStarted("too-long", Duration.ofHours(4)).fail());
    UUID wi = item(s, new Request(null));
    assertThat(deadlineJobs(s, wi)).isEmpty(); // scheduled by the start, not before
    s.clock.advance(Duration.ofHours(1));
    s.engine.as(BOB).startWorkItem(wi);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.handler()).isEqualTo(Job.START_DEADLINE);
              assertThat(j.runAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
            });

    // a reset undoes the start: its deadline is canceled; the next start counts anew
    s.engine.internal().resetWorkItem(wi, null);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.CANCELED));
    s.clock.advance(Duration.ofHours(3));
    s.engine.as(BOB).startWorkItem(wi);
    s.clock.advance(Duration.ofHours(2)); // 5 h after the first start, 2 h after the second
    assertThat(s.worker.runDue()).isZero();
    assertThat(s.engine.queries().workItemState(wi)).isEqualTo(WorkItemState.STARTED);
    s.clock.advance(Duration.ofHours(2));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.queries().workItemState(wi)).isEqualTo(WorkItemState.FAILED);
  }

  @DbTest
  void aCancelingDeadlineCancelsTheItemAndSurvivesAReset(TestDatabase db) {
    Setup s = setup(db, Deadline.afterInitialized("expired", TWO_DAYS).cancel());
    UUID wi = item(s, new Request(null));
    s.engine.as(BOB).startWorkItem(wi);
    s.engine.internal().resetWorkItem(wi, null);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.PENDING));
    s.clock.advance(TWO_DAYS);
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.queries().workItemState(wi)).isEqualTo(WorkItemState.CANCELED);
    assertThat(allocation(s, wi).state()).isEqualTo(AllocationState.DONE);
  }

  @DbTest
  void aDeadlineCountedFromAClaimIsScheduledByTheClaimAndVoidOnceReleased(TestDatabase db) {
    Setup s = setup(db, Deadline.afterClaimed("stuck", Duration.ofHours(4)).notify("stuck"));
    UUID wi = item(s, new Request(null));
    assertThat(deadlineJobs(s, wi)).isEmpty();
    s.clock.advance(Duration.ofHours(1));
    s.engine.as(BOB).claimWorkItem(wi);
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(j -> assertThat(j.runAt()).isEqualTo(T0.plus(Duration.ofHours(5))));

    // released and claimed again by someone else: the first deadline is void, the second counts
    s.clock.advance(Duration.ofHours(1));
    s.engine.as(BOB).releaseWorkItem(wi);
    s.clock.advance(Duration.ofHours(1));
    s.engine.as(CAROL).claimWorkItem(wi);
    s.clock.advance(Duration.ofHours(2)); // the first one's time
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.outbox().pending(10)).isEmpty();
    s.clock.advance(Duration.ofHours(2)); // the second one's time
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.engine.outbox().pending(10))
        .singleElement()
        .satisfies(m -> assertThat(m.payload()).contains("user:carol"));
  }

  @DbTest
  void anAbsoluteDeadlineComesFromThePayload(TestDatabase db) {
    Instant due = T0.plus(Duration.ofDays(5));
    Setup s =
        setup(
            db,
            Deadline.at("due", Request.class, Request::due)
                .escalate(Escalation.to(Offer.toUsers("dora"))));
    UUID wi = item(s, new Request(due));
    UUID without = item(s, new Request(null));
    assertThat(deadlineJobs(s, wi))
        .singleElement()
        .satisfies(j -> assertThat(j.runAt()).isEqualTo(due));
    assertThat(deadlineJobs(s, without)).isEmpty();
    s.clock.advance(Duration.ofDays(5));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(allocation(s, wi).offer().users()).containsExactly("dora");
    assertThat(allocation(s, without).offer().groups()).containsExactly("managers");
    s.engine.as(DORA).claimWorkItem(wi);
  }

  @Test
  void deadlinesThatNeedAnOfferAreRefusedWithoutOne() {
    WorkItemBuilder plain =
        Builder.workItem("review")
            .deadline(
                Deadline.afterInitialized("up", TWO_DAYS)
                    .escalate(Escalation.to(Offer.toGroups("deputies"))))
            .deadline(Deadline.afterClaimed("stuck", TWO_DAYS).notify("stuck"));
    assertThatThrownBy(() -> Nets.oneTask("x", "review", Builder.task(plain)).build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("deadline 'up'")
        .hasMessageContaining("deadline 'stuck'")
        .hasMessageContaining("offer");
    assertThatThrownBy(
            () ->
                Builder.workItem("review")
                    .deadline(Deadline.afterInitialized("a", TWO_DAYS).cancel())
                    .deadline(Deadline.afterStarted("a", TWO_DAYS).fail()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> Deadline.afterInitialized("neg", Duration.ofHours(-1)).cancel())
        .isInstanceOf(InvalidArgumentException.class);
  }
}

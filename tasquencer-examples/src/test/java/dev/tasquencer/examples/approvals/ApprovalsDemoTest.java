package dev.tasquencer.examples.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotOfferedException;
import dev.tasquencer.api.error.SeparationOfDutiesException;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.examples.approvals.ExpensePayloads.Decision;
import dev.tasquencer.examples.approvals.ExpensePayloads.NewClaim;
import dev.tasquencer.examples.approvals.ExpensePayloads.Submission;
import dev.tasquencer.examples.support.Jdbc;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The approvals demo end to end on both databases, and the engine's rules it relies on, one claim
 * at a time: who sees what in their queue, the refusals, four eyes, and the escalation.
 */
class ApprovalsDemoTest {
  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  @DbTest
  void aRunOfSixtyClaimsEndsConsistentWithEveryRogueAttemptRefused(TestDatabase db) {
    ApprovalsReport r =
        ApprovalsDemo.run(db.dataSource(), new ApprovalsDemo.Options(60, 5), (done, total) -> {});

    assertThat(r.consistent()).as(String.join("\n", r.violations())).isTrue();
    assertThat(r.requests()).isEqualTo(60);
    assertThat(r.completed()).isEqualTo(60);
    assertThat(r.approved() + r.rejected()).isEqualTo(60);
    assertThat(r.approved()).isPositive();
    assertThat(r.rejected()).isPositive();
    assertThat(r.autoApproved()).isPositive();
    assertThat(r.escalated()).isPositive();
    assertThat(r.expectedRefusals()).isPositive();
    assertThat(r.refusedAttempts()).isEqualTo(r.expectedRefusals());
    assertThat(r.refusalsByCode()).containsKeys("NOT_AUTHORIZED", "NOT_CLAIMANT");
    assertThat(r.fourEyesViolations()).isZero();
    assertThat(r.doubleClaims()).isZero();
  }

  /** One engine with the office's staff, on a manual clock. */
  record Office(Tasquencer engine, ManualClock clock, long run) {
    static Office on(TestDatabase db) {
      ApprovalsSchema.create(db.dataSource());
      ManualClock clock = new ManualClock(T0);
      Tasquencer engine =
          db.engine(
              Tasquencer.builder()
                  .clock(clock)
                  .identity(Staff.identity())
                  .register(ExpenseWorkflow.definition()));
      Staff.enroll(engine);
      long run = Jdbc.inTransaction(db.dataSource(), d -> ExpenseDomain.startRun(d, T0));
      return new Office(engine, clock, run);
    }

    UUID draft(String requester, String department, long... lines) {
      List<Long> amounts = java.util.Arrays.stream(lines).boxed().toList();
      return engine
          .as(Actor.user(requester))
          .initializeRootWorkflow(
              ExpenseWorkflow.NAME, new NewClaim(run, 1, requester, department, amounts));
    }

    UUID only(UUID root, String task) {
      List<WorkItemSnapshot> items = engine.queries().workItems(root, task);
      assertThat(items).hasSize(1);
      return items.get(0).id();
    }

    void work(String user, UUID item, Object payload) {
      engine.as(Actor.user(user)).claimWorkItem(item);
      engine.as(Actor.user(user)).startWorkItem(item);
      engine.as(Actor.user(user)).completeWorkItem(item, payload);
    }

    List<String> queue(String user) {
      return engine
          .queues()
          .available(Actor.user(user), QueueFilter.all(), QueuePage.first(50))
          .items()
          .stream()
          .map(QueueEntry::task)
          .toList();
    }
  }

  @DbTest
  void aLargeClaimIsReviewedByItsDepartmentThenByFinanceButNeverTwiceByOnePerson(TestDatabase db) {
    Office o = Office.on(db);
    UUID root = o.draft("emma", "sales", 800_00, 700_00);
    assertThat(o.queue("emma")).containsExactly("submit");
    assertThat(o.queue("mo")).isEmpty(); // engineering's manager does not see sales' work
    o.work("emma", o.only(root, "submit"), new Submission("trip"));

    UUID review = o.only(root, "managerReview");
    assertThat(o.queue("mia")).containsExactly("managerReview");
    assertThat(o.queue("mo")).isEmpty();
    // the requester may not decide her own claim: not offered to her, and no scope either
    assertThatThrownBy(() -> o.engine.as(Actor.user("emma")).claimWorkItem(review))
        .isInstanceOf(NotOfferedException.class);
    o.work("max", review, new Decision(true, "ok"));

    UUID second = o.only(root, "financeApproval");
    DbSnapshot before = DbSnapshot.take(db, "exp_claim", "exp_line");
    assertThatThrownBy(() -> o.engine.as(Actor.user("max")).claimWorkItem(second))
        .isInstanceOf(SeparationOfDutiesException.class);
    assertThat(DbSnapshot.take(db, "exp_claim", "exp_line")).isEqualTo(before);
    o.work("fiona", second, new Decision(true, "ok"));

    List<WorkItemSnapshot> payments = o.engine.queries().workItems(root, "pay");
    assertThat(payments).hasSize(2);
    assertThat(o.queue("paul")).containsExactly("pay", "pay");
    for (WorkItemSnapshot p : payments) {
      o.work("pia", p.id(), new ExpensePayloads.Payment("ref"));
    }
    assertThat(
            db.rows(
                "select status, manager_approver, finance_approver from exp_claim where"
                    + " workflow_id = ?",
                root))
        .containsExactly(List.of("paid", "max", "fiona"));
  }

  @DbTest
  void aReviewNobodyDidInTwoDaysIsEscalatedToTheDeputies(TestDatabase db) {
    Office o = Office.on(db);
    UUID root = o.draft("erin", "research", 300_00);
    o.work("erin", o.only(root, "submit"), new Submission("books"));
    UUID review = o.only(root, "managerReview");
    assertThat(o.queue("rita")).containsExactly("managerReview");
    assertThat(o.queue("dora")).isEmpty();

    try (var worker = o.engine.jobWorker().build()) {
      o.clock.advance(Duration.ofDays(1));
      worker.runDue();
      assertThat(o.queue("dora")).isEmpty();
      o.clock.advance(Duration.ofDays(1));
      worker.runDue();
    }
    assertThat(o.queue("dora")).containsExactly("managerReview");
    // it comes first in the deputies' queues: the escalation raised its priority
    assertThat(
            o.engine
                .queues()
                .available(Actor.user("dora"), QueueFilter.all(), QueuePage.first(5))
                .items()
                .get(0)
                .priority())
        .isEqualTo(3 + ExpenseWorkflow.ESCALATED_PRIORITY);
    // a deputy decides; the requester still may not
    assertThatThrownBy(
            () ->
                o.engine
                    .as(Actor.user("erin"))
                    .completeWorkItem(review, new Decision(true, "mine")))
        .isInstanceOf(NotAuthorizedException.class);
    o.work("dora", review, new Decision(false, "no receipts"));
    assertThat(
            db.rows("select status, manager_approver from exp_claim where workflow_id = ?", root))
        .containsExactly(List.of("rejected", "dora"));
    assertThat(db.rows("select recipient from exp_notice n join exp_claim c on c.id = n.claim_id"))
        .containsExactly(List.of("erin"));
  }
}

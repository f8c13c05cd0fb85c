package dev.tasquencer.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.InvalidDefinitionException;
import dev.tasquencer.api.error.SeparationOfDutiesException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Separation of duties (docs/work-allocation.md): whoever completed a work item of a task may not
 * claim, take by delegation or complete a work item of a task separated from it, in the same case;
 * other actors and other cases are not affected, and the check holds under concurrency.
 */
class SeparationOfDutiesTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final Actor BOB = Actor.user("bob");
  static final Actor CAROL = Actor.user("carol");
  static final Actor SAM = Actor.user("sam");

  /**
   * A reviewed task: offered to managers, worked by actors, supervised by sam's scope; completing
   * its work item writes a row to the domain table {@code signature}.
   */
  static TaskBuilder reviewed(String item, UnaryOperator<TaskBuilder> rule) {
    return rule.apply(
        Builder.task(
                Builder.workItem(item)
                    .withActions(
                        Builder.workItemActions()
                            .start(Void.class, Policy.anyActor())
                            .complete(
                                Void.class,
                                Policy.anyActor(),
                                (ctx, p) ->
                                    ctx.db()
                                        .update(
                                            "insert into signature (work_item, signer)"
                                                + " values (?, ?)",
                                            ctx.workItem().id(),
                                            ctx.actor().map(Actor::id).orElse("system"))))
                    .offer(Offer.toGroups("managers").supervisedBy("expense:admin")))
            .onEnabled(ctx -> ctx.workItem().initialize()));
  }

  /** {@code start -> approve -> countersign -> end}, countersign separated from approve. */
  static WorkflowDefinition sequence() {
    return Builder.workflow("expense")
        .startCondition("start")
        .task("approve", reviewed("approval", t -> t))
        .task("countersign", reviewed("countersignature", t -> t.separatedFrom("approve")))
        .endCondition("end")
        .connectCondition("start", to -> to.task("approve"))
        .connectTask("approve", to -> to.task("countersign"))
        .connectTask("countersign", to -> to.condition("end"))
        .build();
  }

  /** Two reviews in parallel, each separated from the other: two different people. */
  static WorkflowDefinition parallel() {
    return Builder.workflow("expense")
        .startCondition("start")
        .dummyTask("split", Builder.dummyTask())
        .task("left", reviewed("leftReview", t -> t.separatedFrom("right")))
        .task("right", reviewed("rightReview", t -> t.separatedFrom("left")))
        .dummyTask("join", Builder.dummyTask())
        .endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("left").task("right"))
        .connectTask("left", to -> to.task("join"))
        .connectTask("right", to -> to.task("join"))
        .connectTask("join", to -> to.condition("end"))
        .build();
  }

  static Tasquencer engine(TestDatabase db, WorkflowDefinition def) {
    db.sql("create table signature (work_item uuid not null primary key, signer varchar(20))");
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(new ManualClock(T0))
                .identity(AllocationTest.roles())
                .register(def));
    engine.identity().addMember("managers", "bob", null);
    engine.identity().addMember("managers", "carol", null);
    engine.identity().addMember("managers", "sam", null);
    engine.identity().assignRoleToUser("admin", "sam", null);
    return engine;
  }

  static UUID only(Tasquencer engine, UUID wf, String task) {
    List<WorkItemSnapshot> items = engine.queries().workItems(wf, task);
    assertThat(items).hasSize(1);
    return items.get(0).id();
  }

  static void work(Tasquencer engine, Actor actor, UUID wi) {
    engine.as(actor).claimWorkItem(wi);
    engine.as(actor).startWorkItem(wi);
    engine.as(actor).completeWorkItem(wi, null);
  }

  @DbTest
  void whoApprovedMayNeitherClaimNorStartNorTakeTheCountersignature(TestDatabase db) {
    Tasquencer engine = engine(db, sequence());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    work(engine, BOB, only(engine, wf, "approve"));
    UUID sign = only(engine, wf, "countersign");

    DbSnapshot before = DbSnapshot.take(db, "signature");
    var refused =
        catchThrowableOfType(
            SeparationOfDutiesException.class, () -> engine.as(BOB).claimWorkItem(sign));
    assertThat(refused.code()).isEqualTo("SEPARATION_OF_DUTIES");
    assertThat(refused.performedTask()).isEqualTo("approve");
    assertThat(refused.actor()).contains(BOB);
    assertThat(refused.getMessage())
        .contains("user:bob may not claim", "countersignature", "completed a work item of task");
    // an implicit claim by starting is refused alike, and so is a delegation to bob
    assertThatThrownBy(() -> engine.as(BOB).startWorkItem(sign))
        .isInstanceOf(SeparationOfDutiesException.class);
    assertThatThrownBy(() -> engine.as(SAM).delegateWorkItem(sign, BOB))
        .isInstanceOf(SeparationOfDutiesException.class)
        .hasMessageContaining("take by delegation");
    assertThat(DbSnapshot.take(db, "signature")).isEqualTo(before);
    // the refusals are recorded as failed attempts
    assertThat(engine.queries().failedAttempts(wf, 10))
        .extracting(a -> a.errorCode())
        .containsOnly("SEPARATION_OF_DUTIES")
        .hasSize(3);

    work(engine, CAROL, sign);
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void theRuleHoldsPerCaseAndNotForOtherActors(TestDatabase db) {
    Tasquencer engine = engine(db, sequence());
    UUID first = engine.internal().initializeRootWorkflow("expense", null);
    UUID second = engine.internal().initializeRootWorkflow("expense", null);
    work(engine, BOB, only(engine, first, "approve"));
    work(engine, CAROL, only(engine, second, "approve"));

    // bob approved the first case only: he may countersign the second
    work(engine, BOB, only(engine, second, "countersign"));
    assertThat(engine.queries().workflowState(second)).isEqualTo(WorkflowState.COMPLETED);
    assertThatThrownBy(() -> engine.as(BOB).claimWorkItem(only(engine, first, "countersign")))
        .isInstanceOf(SeparationOfDutiesException.class);
  }

  @DbTest
  void internalCallsAreNotChecked(TestDatabase db) {
    Tasquencer engine = engine(db, sequence());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID approval = only(engine, wf, "approve");
    engine.internal().startWorkItem(approval);
    engine.internal().completeWorkItem(approval, null); // no actor: nobody is recorded
    work(engine, BOB, only(engine, wf, "countersign"));
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void aClaimMadeBeforeTheOtherCompletionIsRefusedAtCompletion(TestDatabase db) {
    Tasquencer engine = engine(db, parallel());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID left = only(engine, wf, "left");
    UUID right = only(engine, wf, "right");
    // nothing is completed yet: bob may claim and start both
    engine.as(BOB).claimWorkItem(left);
    engine.as(BOB).claimWorkItem(right);
    engine.as(BOB).startWorkItem(left);
    engine.as(BOB).startWorkItem(right);
    engine.as(BOB).completeWorkItem(left, null);

    // the refused completion's action would sign: neither its row nor any engine row appears
    DbSnapshot before = DbSnapshot.take(db, "signature");
    assertThatThrownBy(() -> engine.as(BOB).completeWorkItem(right, null))
        .isInstanceOf(SeparationOfDutiesException.class)
        .hasMessageContaining("may not complete")
        .hasMessageContaining("'left'");
    assertThat(DbSnapshot.take(db, "signature")).isEqualTo(before);
    assertThat(db.rows("select signer from signature")).containsExactly(List.of("bob"));

    // bob hands it over; carol completes it
    engine.as(BOB).delegateWorkItem(right, CAROL);
    engine.as(CAROL).completeWorkItem(right, null);
    assertThat(engine.queries().workItemState(right)).isEqualTo(WorkItemState.COMPLETED);
  }

  /**
   * Bob holds both parallel reviews and completes them at once from two threads, many cases over:
   * in every case exactly one completion commits, the other is refused.
   */
  @DbTest
  void concurrentCompletionsByOneActorLetExactlyOneThrough(TestDatabase db) throws Exception {
    Tasquencer engine = engine(db, parallel());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 12; round++) {
        UUID wf = engine.internal().initializeRootWorkflow("expense", null);
        List<UUID> items = List.of(only(engine, wf, "left"), only(engine, wf, "right"));
        for (UUID wi : items) {
          engine.as(BOB).claimWorkItem(wi);
          engine.as(BOB).startWorkItem(wi);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (UUID wi : items) {
          Callable<Boolean> complete =
              () -> {
                go.await();
                try {
                  engine.as(BOB).completeWorkItem(wi, null);
                  return true;
                } catch (SeparationOfDutiesException e) {
                  return false;
                }
              };
          done.add(pool.submit(complete));
        }
        go.countDown();
        int completed = 0;
        for (Future<Boolean> f : done) {
          completed += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(completed).as("round %d", round).isEqualTo(1);
        assertThat(
                items.stream()
                    .filter(wi -> engine.queries().workItemState(wi) == WorkItemState.COMPLETED)
                    .count())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @DbTest
  void aTaskSeparatedFromItselfNeedsADifferentActorPerWorkItem(TestDatabase db) {
    WorkflowDefinition def =
        Builder.workflow("expense")
            .startCondition("start")
            .task(
                "sign",
                reviewed("signature", t -> t.separatedFrom("sign"))
                    .onEnabled(
                        ctx -> {
                          ctx.workItem().initialize();
                          ctx.workItem().initialize();
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("sign"))
            .connectTask("sign", to -> to.condition("end"))
            .build();
    Tasquencer engine = engine(db, def);
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    List<WorkItemSnapshot> items = engine.queries().workItems(wf, "sign");
    assertThat(items).hasSize(2);
    work(engine, BOB, items.get(0).id());
    assertThatThrownBy(() -> engine.as(BOB).claimWorkItem(items.get(1).id()))
        .isInstanceOf(SeparationOfDutiesException.class);
    work(engine, CAROL, items.get(1).id());
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  @Test
  void aRuleNamingNoAtomicTaskOfTheWorkflowIsABuildError() {
    assertThatThrownBy(
            () ->
                Builder.workflow("expense")
                    .startCondition("start")
                    .task("approve", reviewed("approval", t -> t.separatedFrom("aprove")))
                    .endCondition("end")
                    .connectCondition("start", to -> to.task("approve"))
                    .connectTask("approve", to -> to.condition("end"))
                    .build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("'aprove', which is no task of this workflow")
        .hasMessageContaining("name atomic tasks of workflow 'expense'");
  }
}

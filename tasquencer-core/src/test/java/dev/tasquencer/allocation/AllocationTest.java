package dev.tasquencer.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.AllocationInvalidStateException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotClaimantException;
import dev.tasquencer.api.error.NotOfferedException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.ScopeModule;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Offers and claims (docs/work-allocation.md): an offered work item is claimed by one actor without
 * starting; only the claimant (or a supervisor) works it; release, delegate, closing on every end,
 * history with actors; refused calls change nothing.
 */
class AllocationTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static final ScopeModule EXPENSE =
      ScopeModule.of("expense", "Expense claims")
          .scope("approve", "Approve a claim")
          .scope("admin", "Supervise the reviews");

  static final Actor BOB = Actor.user("bob");
  static final Actor CAROL = Actor.user("carol");
  static final Actor EVE = Actor.user("eve");
  static final Actor SAM = Actor.user("sam");
  static final Actor ZED = Actor.user("zed");

  record Claim(String approver) {}

  /** One task whose work item is offered as {@code offer}; start, complete, fail open to actors. */
  static WorkflowDefinition expense(Consumer<WorkItemBuilder[]> offer) {
    WorkItemBuilder[] item = {
      Builder.workItem("review")
          .withActions(
              Builder.workItemActions()
                  .start(Void.class, Policy.anyActor())
                  .complete(Void.class, Policy.anyActor())
                  .fail(Void.class, Policy.anyActor())
                  .reset(Void.class, Policy.anyActor()))
    };
    offer.accept(item);
    return Nets.oneTask("expense", "review", Builder.task(item[0])).build();
  }

  static WorkflowDefinition expense() {
    return expense(
        i ->
            i[0] =
                i[0].offer(Offer.toGroups("managers").users("zed").supervisedBy("expense:admin")));
  }

  static Consumer<IdentitySetup> roles() {
    return id ->
        id.scopes(EXPENSE)
            .role("manager", "Reviews claims", "expense:approve")
            .role("admin", "Supervises", "expense:admin")
            .group("managers", "Managers", "manager");
  }

  static Tasquencer engine(TestDatabase db, WorkflowDefinition def) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().clock(new ManualClock(T0)).identity(roles()).register(def));
    engine.identity().addMember("managers", "bob", null);
    engine.identity().addMember("managers", "carol", null);
    engine.identity().assignRoleToUser("admin", "sam", null);
    return engine;
  }

  /** A new case with one offered work item. */
  static UUID[] offeredItem(Tasquencer engine, Object payload) {
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID wi = engine.internal().initializeWorkItem(wf, "review", payload);
    return new UUID[] {wf, wi};
  }

  static Allocation allocation(Tasquencer engine, UUID wi) {
    return engine.queries().allocation(wi).orElseThrow();
  }

  @DbTest
  void aClaimAllocatesWithoutStartingAndOnlyTheClaimantWorksTheItem(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID[] ids = offeredItem(engine, null);
    UUID wf = ids[0];
    UUID wi = ids[1];
    Allocation offered = allocation(engine, wi);
    assertThat(offered.state()).isEqualTo(AllocationState.OFFERED);
    assertThat(offered.offer().groups()).containsExactly("managers");
    assertThat(offered.claimant()).isNull();

    engine.as(BOB).claimWorkItem(wi);

    Allocation claimed = allocation(engine, wi);
    assertThat(claimed.state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(claimed.claimant()).isEqualTo(BOB);
    assertThat(claimed.claimedAt()).isEqualTo(T0);
    // claiming does not start: the work item and its task are as they were
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(engine.queries().task(wf, "review").state()).isEqualTo(TaskState.ENABLED);

    // another manager may neither start nor claim it; nothing changes
    DbSnapshot before = DbSnapshot.take(db);
    NotClaimantException refused =
        catchThrowableOfType(NotClaimantException.class, () -> engine.as(CAROL).startWorkItem(wi));
    assertThat(refused.code()).isEqualTo("NOT_CLAIMANT");
    assertThat(refused.claimant()).isEqualTo(BOB);
    assertThat(refused.getMessage()).contains("claimed by user:bob", "expense:admin");
    assertThatThrownBy(() -> engine.as(CAROL).claimWorkItem(wi))
        .isInstanceOf(WorkItemAlreadyClaimedException.class)
        .hasMessageContaining("already claimed by user:bob");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    engine.as(BOB).startWorkItem(wi);
    DbSnapshot started = DbSnapshot.take(db);
    assertThatThrownBy(() -> engine.as(CAROL).completeWorkItem(wi))
        .isInstanceOf(NotClaimantException.class);
    assertThatThrownBy(() -> engine.as(EVE).failWorkItem(wi))
        .isInstanceOf(NotClaimantException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(started);

    engine.as(BOB).completeWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.COMPLETED);
    Allocation done = allocation(engine, wi);
    assertThat(done.state()).isEqualTo(AllocationState.DONE);
    assertThat(done.claimant()).isEqualTo(BOB);
    assertThatThrownBy(() -> engine.as(CAROL).claimWorkItem(wi))
        .isInstanceOf(AllocationInvalidStateException.class);
  }

  @DbTest
  void sixteenThreadsClaimingOneItemMakeExactlyOneClaim(TestDatabase db) throws Exception {
    Tasquencer engine = engine(db, expense());
    for (int i = 0; i < 16; i++) {
      engine.identity().addMember("managers", "u" + i, null);
    }
    UUID wi = offeredItem(engine, null)[1];
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Actor actor = Actor.user("u" + i);
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    engine.as(actor).claimWorkItem(wi);
                    return "claimed";
                  } catch (WorkItemAlreadyClaimedException e) {
                    return e.code();
                  }
                }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : results) {
        outcomes.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(outcomes).containsOnlyOnce("claimed");
      assertThat(outcomes).filteredOn("ALREADY_CLAIMED"::equals).hasSize(15);
    } finally {
      pool.shutdownNow();
    }
    Allocation a = allocation(engine, wi);
    assertThat(a.state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(a.claimant().id()).startsWith("u");
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.INITIALIZED);
    List<HistoryEvent> claims =
        allocationEvents(engine, offeredRoot(engine, wi)).stream()
            .filter(e -> e.event().equals("claim"))
            .toList();
    assertThat(claims).hasSize(1);
    assertThat(claims.get(0).actor()).isEqualTo(a.claimant());
  }

  @DbTest
  void aReleasedItemIsOfferedAgainAndAnotherActorClaimsIt(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID wi = offeredItem(engine, null)[1];
    engine.as(BOB).claimWorkItem(wi);

    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> engine.as(CAROL).releaseWorkItem(wi))
        .isInstanceOf(NotClaimantException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    engine.as(BOB).releaseWorkItem(wi);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.OFFERED);
    assertThat(allocation(engine, wi).claimant()).isNull();
    assertThatThrownBy(() -> engine.as(BOB).releaseWorkItem(wi))
        .isInstanceOf(AllocationInvalidStateException.class)
        .hasMessageContaining("is offered");

    engine.as(CAROL).claimWorkItem(wi);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(CAROL);
    // a supervisor may release anyone's claim, and work an item claimed by someone else
    engine.as(SAM).releaseWorkItem(wi);
    engine.as(ZED).claimWorkItem(wi); // named user
    engine.as(SAM).startWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.STARTED);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(ZED);
  }

  @DbTest
  void delegationHandsTheClaimToAnotherActorItIsOfferedTo(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID wi = offeredItem(engine, null)[1];

    // nobody claimed it: only a supervisor assigns it
    assertThatThrownBy(() -> engine.as(BOB).delegateWorkItem(wi, CAROL))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("expense:admin");
    engine.as(SAM).delegateWorkItem(wi, BOB);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(BOB);

    DbSnapshot before = DbSnapshot.take(db);
    NotOfferedException notOffered =
        catchThrowableOfType(
            NotOfferedException.class, () -> engine.as(BOB).delegateWorkItem(wi, EVE));
    assertThat(notOffered.code()).isEqualTo("NOT_OFFERED");
    assertThat(notOffered.getMessage()).contains("user:eve", "groups [managers]");
    assertThatThrownBy(() -> engine.as(CAROL).delegateWorkItem(wi, CAROL))
        .isInstanceOf(NotClaimantException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    engine.as(BOB).delegateWorkItem(wi, CAROL);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(CAROL);
    assertThatThrownBy(() -> engine.as(BOB).startWorkItem(wi))
        .isInstanceOf(NotClaimantException.class);
    engine.as(CAROL).startWorkItem(wi);
    engine.as(CAROL).completeWorkItem(wi);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.DONE);
  }

  @DbTest
  void startingAnOfferedItemClaimsItForAnActorItIsOfferedToOnly(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID wi = offeredItem(engine, null)[1];

    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> engine.as(EVE).startWorkItem(wi))
        .isInstanceOf(NotOfferedException.class)
        .hasMessageContaining("not offered to user:eve");
    assertThatThrownBy(() -> engine.as(EVE).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    assertThatThrownBy(() -> engine.as(Actor.agent("bot")).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    assertThatThrownBy(() -> engine.claimWorkItem(wi))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("engine.as(actor)");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    engine.as(CAROL).startWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.STARTED);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(CAROL);

    // internal calls skip the claimant check, as they skip policies
    engine.internal().completeWorkItem(wi);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.DONE);
  }

  @DbTest
  void cancellationTeardownClosesClaimedAndOfferedAllocations(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID[] ids = offeredItem(engine, null);
    UUID claimed = ids[1];
    UUID offered = engine.internal().initializeWorkItem(ids[0], "review", null);
    engine.as(BOB).claimWorkItem(claimed);

    engine.internal().cancelWorkflow(ids[0]);

    assertThat(engine.queries().workItemState(claimed)).isEqualTo(WorkItemState.CANCELED);
    assertThat(engine.queries().workItemState(offered)).isEqualTo(WorkItemState.CANCELED);
    assertThat(allocation(engine, claimed).state()).isEqualTo(AllocationState.DONE);
    assertThat(allocation(engine, claimed).claimant()).isEqualTo(BOB);
    assertThat(allocation(engine, offered).state()).isEqualTo(AllocationState.DONE);
    assertThat(allocationEvents(engine, ids[0]))
        .filteredOn(e -> e.event().equals("close"))
        .extracting(HistoryEvent::origin, HistoryEvent::fromState)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Origin.ENGINE, "claimed"),
            org.assertj.core.groups.Tuple.tuple(Origin.ENGINE, "offered"));
  }

  @DbTest
  void aResetReleasesTheClaimWhenTheOfferSaysSo(TestDatabase db) {
    Tasquencer engine =
        engine(db, expense(i -> i[0] = i[0].offer(Offer.toGroups("managers").releasedOnReset())));
    UUID wi = offeredItem(engine, null)[1];
    engine.as(BOB).startWorkItem(wi);
    engine.as(BOB).resetWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.OFFERED);
    assertThat(allocation(engine, wi).claimant()).isNull();
  }

  @DbTest
  void aResetKeepsTheClaimByDefault(TestDatabase db) {
    Tasquencer engine = engine(db, expense());
    UUID wi = offeredItem(engine, null)[1];
    engine.as(BOB).startWorkItem(wi);
    engine.as(BOB).resetWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(BOB);
    assertThatThrownBy(() -> engine.as(CAROL).startWorkItem(wi))
        .isInstanceOf(NotClaimantException.class);
  }

  @DbTest
  void anOfferComputedFromThePayloadAndHistoryWithActors(TestDatabase db) {
    Tasquencer engine =
        engine(
            db,
            expense(
                i -> i[0] = i[0].offer(ctx -> Offer.toUsers(ctx.payload(Claim.class).approver()))));
    UUID[] ids = offeredItem(engine, new Claim("zed"));
    UUID wi = ids[1];
    assertThat(allocation(engine, wi).offer().users()).containsExactly("zed");
    assertThatThrownBy(() -> engine.as(BOB).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    engine.as(ZED).claimWorkItem(wi);
    engine.as(ZED).releaseWorkItem(wi);
    engine.as(ZED).startWorkItem(wi);
    engine.as(ZED).completeWorkItem(wi);

    List<HistoryEvent> events = allocationEvents(engine, ids[0]);
    assertThat(events)
        .extracting(HistoryEvent::event, HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("offer", null, "offered"),
            org.assertj.core.groups.Tuple.tuple("claim", "offered", "claimed"),
            org.assertj.core.groups.Tuple.tuple("release", "claimed", "offered"),
            org.assertj.core.groups.Tuple.tuple("claim", "offered", "claimed"),
            org.assertj.core.groups.Tuple.tuple("close", "claimed", "done"));
    assertThat(events.get(0).payloadJson()).isEqualTo("{\"offer\":{\"users\":[\"zed\"]}}");
    assertThat(events.get(0).origin()).isEqualTo(Origin.INTERNAL);
    assertThat(events.get(1).actor()).isEqualTo(ZED);
    assertThat(events.get(1).payloadJson()).isEqualTo("{\"claimant\":\"user:zed\"}");
    assertThat(events.subList(1, 4)).allMatch(e -> ZED.equals(e.actor()));
    assertThat(events).allMatch(e -> e.workItemId().equals(wi) && e.task().equals("review"));
    // time travel ignores allocation events
    assertThat(engine.queries().stateAt(ids[0], events.get(2).seq())).isNotNull();
  }

  @DbTest
  void policiesSeeTheAllocation(TestDatabase db) {
    var def =
        expense(
            i ->
                i[0] =
                    i[0].offer(Offer.toGroups("managers"))
                        .withActions(
                            Builder.workItemActions()
                                .start(Void.class, Policy.anyActor())
                                .cancel(
                                    Void.class,
                                    Policy.custom(
                                        "claimant",
                                        ctx ->
                                            ctx.allocation()
                                                .flatMap(Allocation::claimedBy)
                                                .map(ctx.actor()::equals)
                                                .orElse(false)))));
    Tasquencer engine = engine(db, def);
    UUID wi = offeredItem(engine, null)[1];
    engine.as(BOB).claimWorkItem(wi);
    assertThatThrownBy(() -> engine.as(CAROL).cancelWorkItem(wi))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("rule claimant answered no");
    engine.as(BOB).cancelWorkItem(wi);
    assertThat(allocation(engine, wi).state()).isEqualTo(AllocationState.DONE);
  }

  @DbTest
  void anItemOfferedToAgentsIsClaimedByAnAgentOnly(TestDatabase db) {
    Tasquencer engine = engine(db, expense(i -> i[0] = i[0].offer(Offer.toAgents())));
    UUID wi = offeredItem(engine, null)[1];
    assertThatThrownBy(() -> engine.as(BOB).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class)
        .hasMessageContaining("offered to agents");
    assertThatThrownBy(() -> engine.as(Actor.system("batch")).claimWorkItem(wi))
        .isInstanceOf(NotOfferedException.class);
    Actor bot = Actor.agent("classifier");
    engine.as(bot).claimWorkItem(wi);
    engine.as(bot).startWorkItem(wi);
    assertThat(allocation(engine, wi).claimant()).isEqualTo(bot);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.STARTED);
  }

  @DbTest
  void anItemWithoutOfferHasNoAllocation(TestDatabase db) {
    Tasquencer engine = engine(db, expense(i -> {}));
    UUID wi = offeredItem(engine, null)[1];
    assertThat(engine.queries().allocation(wi)).isEmpty();
    assertThatThrownBy(() -> engine.as(BOB).claimWorkItem(wi))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not offered");
    engine.as(EVE).startWorkItem(wi); // no allocation, no claimant check
  }

  @Test
  void anOfferNamesSomeoneAndValidNames() {
    assertThatThrownBy(() -> Offer.toUsers())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("nobody could claim");
    assertThatThrownBy(() -> Offer.toGroups(" "))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("group");
    assertThat(Offer.toAgents().users("a").forAgents()).isTrue();
  }

  private static UUID offeredRoot(Tasquencer engine, UUID wi) {
    return engine.queries().rootWorkflowIdOfWorkItem(wi);
  }

  private static List<HistoryEvent> allocationEvents(Tasquencer engine, UUID root) {
    return engine
        .queries()
        .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
        .events()
        .stream()
        .filter(e -> e.element() == ElementKind.ALLOCATION)
        .toList();
  }
}

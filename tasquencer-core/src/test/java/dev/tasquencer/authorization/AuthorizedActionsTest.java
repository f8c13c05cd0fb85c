package dev.tasquencer.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.ScopeModule;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Authorized actions: policies on work item and workflow actions, evaluated for external calls
 * inside the call against the actor's effective scopes (direct roles, groups, expiries, inactive
 * roles, wildcards); refused calls change nothing; internal calls skip policies; deny by default
 * and undeclared scopes are build-time errors.
 */
class AuthorizedActionsTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static final ScopeModule EXPENSE =
      ScopeModule.of("expense", "Expense claims")
          .scope("submit", "Submit a claim")
          .scope("approve", "Approve a claim")
          .module(ScopeModule.of("payment", "Paying claims").scope("run", "Pay a claim"));

  record Claim(String requester, int amount) {}

  record Decision(boolean approve) {}

  /**
   * One task, review. Initialize needs expense:submit; start (a default action opened by its
   * policy) needs approve or payment:run; complete needs approve and the rule that nobody decides
   * their own claim; fail stays internal-only; the workflow's cancel needs approve and payment:run.
   */
  static WorkflowDefinition expense() {
    var review =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .initialize(
                        Claim.class,
                        Policy.requireScope("expense:submit"),
                        (ctx, c) -> ctx.workItem().initialize())
                    .start(
                        Void.class,
                        Policy.requireAnyScope("expense:approve", "expense:payment:run"))
                    .complete(
                        Decision.class,
                        Policy.allOf(
                            Policy.requireScope("expense:approve"),
                            Policy.custom(
                                "notOwnClaim",
                                ctx ->
                                    !ctx.actor()
                                        .id()
                                        .equals(
                                            ctx.workItem()
                                                .orElseThrow()
                                                .payload(Claim.class)
                                                .requester()))),
                        (ctx, d) -> {}));
    return Nets.oneTask("expense", "review", Builder.task(review))
        .withActions(
            Builder.workflowActions()
                .initialize(Void.class, Policy.anyActor(), (ctx, x) -> {})
                .cancel(
                    Void.class, Policy.requireAllScopes("expense:approve", "expense:payment:run")))
        .build();
  }

  static Consumer<IdentitySetup> roles() {
    return id ->
        id.scopes(EXPENSE)
            .role("employee", "Files claims", "expense:submit")
            .role("manager", "Reviews claims", "expense:approve", "expense:submit")
            .role("payer", "Pays claims", "expense:payment:*")
            .role("expenseAll", "Everything about claims", "expense:*")
            .role("retired", "Deactivated below", "expense:approve", "expense:submit")
            .group("managers", "Managers", "manager");
  }

  static Tasquencer engine(TestDatabase db, ManualClock clock, WorkflowDefinition def) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().clock(clock).identity(roles()).register(def));
    var identity = engine.identity();
    identity.setRoleActive("retired", false);
    identity.assignRoleToUser("employee", "alice", null); // direct role
    identity.addMember("managers", "bob", null); // through a group
    identity.addMember("managers", "carol", T0.plus(Duration.ofHours(1))); // expires
    identity.assignRoleToUser("retired", "dave", null); // inactive role
    identity.assignRoleToUser("payer", "ivan", null); // module wildcard
    identity.assignRoleToUser("expenseAll", "frank", null); // module wildcard over all
    return engine;
  }

  static final List<String> ACTIONS =
      List.of("initializeWorkItem", "startWorkItem", "completeWorkItem", "cancelWorkflow");

  /**
   * Tries {@code action} as {@code actor} on fresh state set up internally: "allow" or "deny"; a
   * refusal must leave every table (engine, history, identity) as it was.
   */
  static String attempt(TestDatabase db, Tasquencer engine, Actor actor, String action) {
    var internal = engine.internal();
    UUID wf = internal.initializeRootWorkflow("expense", null);
    UUID wi = null;
    if (!action.equals("initializeWorkItem") && !action.equals("cancelWorkflow")) {
      wi = internal.initializeWorkItem(wf, "review", new Claim("zoe", 40));
      if (action.equals("completeWorkItem")) {
        internal.startWorkItem(wi);
      }
    }
    UUID item = wi;
    var as = engine.as(actor);
    Runnable call =
        switch (action) {
          case "initializeWorkItem" ->
              () -> as.initializeWorkItem(wf, "review", new Claim("zoe", 40));
          case "startWorkItem" -> () -> as.startWorkItem(item);
          case "completeWorkItem" -> () -> as.completeWorkItem(item, new Decision(true));
          default -> () -> as.cancelWorkflow(wf);
        };
    DbSnapshot before = DbSnapshot.take(db);
    try {
      call.run();
      return "allow";
    } catch (NotAuthorizedException e) {
      assertThat(DbSnapshot.take(db)).as("tables after a refused " + action).isEqualTo(before);
      assertThat(e.actor()).contains(actor);
      assertThat(e.code()).isEqualTo("NOT_AUTHORIZED");
      return "deny";
    }
  }

  static Map<String, List<String>> matrix(TestDatabase db, Tasquencer engine, List<Actor> actors) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Actor a : actors) {
      List<String> row = new ArrayList<>();
      for (String action : ACTIONS) {
        row.add(attempt(db, engine, a, action));
      }
      out.put(a.toString(), row);
    }
    return out;
  }

  @DbTest
  void authorizationMatrixPerActionAndRole(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = engine(db, clock, expense());
    List<Actor> actors =
        List.of(
            Actor.user("alice"),
            Actor.user("bob"),
            Actor.user("carol"),
            Actor.user("dave"),
            Actor.user("ivan"),
            Actor.user("frank"),
            Actor.user("nobody"),
            Actor.agent("frank"));
    // columns: initializeWorkItem, startWorkItem, completeWorkItem, cancelWorkflow
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("user:alice", List.of("allow", "deny", "deny", "deny")); // direct role: submit
    expected.put("user:bob", List.of("allow", "allow", "allow", "deny")); // via group: manager
    expected.put(
        "user:carol", List.of("allow", "allow", "allow", "deny")); // membership not expired
    expected.put("user:dave", List.of("deny", "deny", "deny", "deny")); // inactive role
    expected.put("user:ivan", List.of("deny", "allow", "deny", "deny")); // expense:payment:*
    expected.put("user:frank", List.of("allow", "allow", "allow", "allow")); // expense:*
    expected.put("user:nobody", List.of("deny", "deny", "deny", "deny"));
    expected.put("agent:frank", List.of("deny", "deny", "deny", "deny")); // agents hold no scopes
    assertThat(matrix(db, engine, actors)).isEqualTo(expected);

    // an hour later carol's membership has expired
    clock.advance(Duration.ofHours(1));
    assertThat(matrix(db, engine, List.of(Actor.user("carol"))))
        .containsEntry("user:carol", List.of("deny", "deny", "deny", "deny"));
  }

  @DbTest
  void aRefusalSaysWhichRuleFailedForWhomAndIsRecordedAsAFailedAttempt(TestDatabase db) {
    Tasquencer engine = engine(db, new ManualClock(T0), expense());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID wi = engine.internal().initializeWorkItem(wf, "review", new Claim("frank", 40));
    engine.internal().startWorkItem(wi);

    DbSnapshot before = DbSnapshot.take(db);
    NotAuthorizedException own =
        catchThrowableOfType(
            NotAuthorizedException.class,
            () -> engine.as(Actor.user("frank")).completeWorkItem(wi, new Decision(true)));
    assertThat(own.action()).isEqualTo("complete");
    assertThat(own.policy()).isEqualTo("allOf(requireScope(expense:approve), custom(notOwnClaim))");
    assertThat(own.reason()).isEqualTo("custom(notOwnClaim) denies: rule notOwnClaim answered no");
    assertThat(own)
        .hasMessageStartingWith("user:frank may not complete work item 'review' " + wi)
        .hasMessageContaining("engine.identity()");

    NotAuthorizedException lacking =
        catchThrowableOfType(
            NotAuthorizedException.class,
            () -> engine.as(Actor.user("alice")).completeWorkItem(wi, new Decision(true)));
    assertThat(lacking.reason())
        .isEqualTo("requireScope(expense:approve) denies: lacks scope expense:approve");

    NotAuthorizedException anonymous =
        catchThrowableOfType(
            NotAuthorizedException.class, () -> engine.completeWorkItem(wi, new Decision(true)));
    assertThat(anonymous.actor()).isEmpty();
    assertThat(anonymous)
        .hasMessageContaining("without an actor")
        .hasMessageContaining("engine.as");

    NotAuthorizedException agent =
        catchThrowableOfType(
            NotAuthorizedException.class,
            () -> engine.as(Actor.agent("bot")).completeWorkItem(wi, new Decision(true)));
    assertThat(agent.reason()).contains("lacks scope expense:approve").contains("only users");

    assertThat(DbSnapshot.take(db)).isEqualTo(before);
    List<FailedAttempt> failed = engine.queries().failedAttempts(wf, 10);
    assertThat(failed)
        .extracting(FailedAttempt::errorCode)
        .containsOnly("NOT_AUTHORIZED")
        .hasSize(4);
    assertThat(failed)
        .extracting(FailedAttempt::actor)
        .containsExactlyInAnyOrder(
            Actor.user("frank"), Actor.user("alice"), null, Actor.agent("bot"));

    // the item is still started, and bob, who holds the scope and is not the requester, may
    engine.as(Actor.user("bob")).completeWorkItem(wi, new Decision(true));
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.COMPLETED);
  }

  /**
   * The policy is checked before the state: a refused caller gets NotAuthorizedException whatever
   * the state of the item or workflow, so a refusal tells it nothing of that state.
   */
  @DbTest
  void aRefusedCallerLearnsNothingOfTheState(TestDatabase db) {
    Tasquencer engine = engine(db, new ManualClock(T0), expense());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID wi = engine.internal().initializeWorkItem(wf, "review", new Claim("frank", 40));
    // not started, so complete is not allowed yet: still, alice hears only that she may not
    assertThatThrownBy(
            () -> engine.as(Actor.user("alice")).completeWorkItem(wi, new Decision(true)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("lacks scope expense:approve");
    // bob may: he learns the state
    assertThatThrownBy(() -> engine.as(Actor.user("bob")).completeWorkItem(wi, new Decision(true)))
        .isInstanceOf(WorkItemInvalidStateException.class);

    engine.internal().cancelWorkflow(wf);
    assertThatThrownBy(() -> engine.as(Actor.user("alice")).cancelWorkflow(wf))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> engine.as(Actor.user("alice")).startWorkItem(wi))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @DbTest
  void anAllowedCallCommitsStateAndHistoryWithItsActor(TestDatabase db) {
    Tasquencer engine = engine(db, new ManualClock(T0), expense());
    Actor bob = Actor.user("bob");
    UUID wf = engine.as(Actor.user("alice")).initializeRootWorkflow("expense", null);
    UUID wi = engine.as(Actor.user("alice")).initializeWorkItem(wf, "review", new Claim("a", 1));
    engine.as(bob).startWorkItem(wi);
    engine.as(bob).completeWorkItem(wi, new Decision(true));

    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
    List<HistoryEvent> bobs =
        engine
            .queries()
            .history(wf, HistoryFilter.ALL.withActor(bob), HistoryPage.first(100))
            .events();
    assertThat(bobs)
        .filteredOn(e -> e.origin() == Origin.EXTERNAL)
        .extracting(HistoryEvent::event)
        .contains("start", "complete");
    assertThat(bobs).allMatch(e -> bob.equals(e.actor()));
  }

  @DbTest
  void internalCallsFromActivitiesJobsAndTheInternalFacadeSkipPolicies(TestDatabase db) {
    // every action of the item requires a scope nobody holds; the activities still drive it
    Policy nobody = Policy.requireScope("expense:payment:run");
    var item =
        Builder.workItem("auto")
            .onInitialized(ctx -> ctx.workItem().start())
            .withActions(
                Builder.workItemActions()
                    .initialize(Claim.class, nobody, (ctx, c) -> ctx.workItem().initialize())
                    .start(Void.class, nobody)
                    .complete(Decision.class, nobody, (ctx, d) -> {}));
    var def =
        Nets.oneTask(
                "auto",
                "auto",
                Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize(new Claim("zoe", 1))))
            .withActions(
                Builder.workflowActions().initialize(Void.class, Policy.anyActor(), (c, x) -> {}))
            .build();
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(new ManualClock(T0))
                .identity(roles())
                .register(def)
                .requirePolicies(true));
    UUID wf = engine.as(Actor.user("alice")).initializeRootWorkflow("auto", null);
    UUID wi = engine.queries().workItems(wf, "auto").get(0).id();
    // onEnabled initialized it and onInitialized started it, both internal
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.STARTED);
    assertThatThrownBy(() -> engine.as(Actor.user("bob")).completeWorkItem(wi, new Decision(true)))
        .isInstanceOf(NotAuthorizedException.class);
    engine.internal().completeWorkItem(wi, new Decision(true));
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void defaultActionsWithoutAPolicyStayInternalOnly(TestDatabase db) {
    Tasquencer engine = engine(db, new ManualClock(T0), expense());
    UUID wf = engine.internal().initializeRootWorkflow("expense", null);
    UUID wi = engine.internal().initializeWorkItem(wf, "review", new Claim("zoe", 1));
    engine.internal().startWorkItem(wi);
    // fail has neither callback nor policy: frank holds every scope and is still refused
    assertThatThrownBy(() -> engine.as(Actor.user("frank")).failWorkItem(wi))
        .isInstanceOf(NotInternalCallException.class);
    engine.internal().failWorkItem(wi);
    assertThat(engine.queries().workItemState(wi)).isEqualTo(WorkItemState.FAILED);
  }

  static WorkflowDefinition unguarded() {
    var item =
        Builder.workItem("pay")
            .withActions(
                Builder.workItemActions()
                    .start(Void.class, (ctx, x) -> {})
                    .complete(
                        Decision.class, Policy.requireScope("expense:payment:run"), (c, d) -> {})
                    .fail(Void.class, (ctx, x) -> {}));
    var child =
        Nets.oneTask("payment", "pay", Builder.task(item))
            .withActions(Builder.workflowActions().initialize(Void.class, (ctx, x) -> {}));
    return Builder.workflow("payout")
        .startCondition("start")
        .compositeTask("pay", Builder.compositeTask(child))
        .endCondition("end")
        .connectCondition("start", to -> to.task("pay"))
        .connectTask("pay", to -> to.condition("end"))
        .withActions(Builder.workflowActions().cancel(Void.class, (ctx, x) -> {}))
        .build();
  }

  @DbTest
  void denyByDefaultNamesEveryActionWithoutAPolicyAtBuild(TestDatabase db) {
    assertThatThrownBy(
            () ->
                db.engine(
                    Tasquencer.builder()
                        .identity(roles())
                        .register(unguarded())
                        .requirePolicies(true)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("4 problem(s)")
        .hasMessageContaining(
            "workflow 'payout' v1: the cancel action has a callback but no policy")
        .hasMessageContaining(
            "workflow 'payout' v1, task 'pay', child workflow 'payment': the initialize action")
        .hasMessageContaining(
            "workflow 'payout' v1, task 'pay', child workflow 'payment', task 'pay' (work item"
                + " 'pay'): the start action has a callback but no policy")
        .hasMessageNotContaining("the complete action")
        .hasMessageContaining("the fail action has a callback but no policy");
    // without the option the same definitions build
    db.engine(Tasquencer.builder().identity(roles()).register(unguarded())).close();
  }

  @DbTest
  void aPolicyNamingAnUndeclaredScopeIsABuildError(TestDatabase db) {
    var item =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .start(
                        Void.class,
                        Policy.anyOf(
                            Policy.requireScope("expense:aprove"),
                            Policy.requireAnyScope("expense:submit", "expense:*"))));
    var def = Nets.oneTask("typo", "review", Builder.task(item)).build();
    assertThatThrownBy(() -> db.engine(Tasquencer.builder().identity(roles()).register(def)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining(
            "workflow 'typo' v1, task 'review' (work item 'review'): the policy of the start"
                + " action requires scope 'expense:aprove', which no ScopeModule declares")
        .hasMessageContaining("requires scope 'expense:*'")
        .hasMessageContaining("wildcards are grants of roles");
  }

  /**
   * A static offer's scopes are checked like a policy's: an undeclared one would match nobody. An
   * offer computed by a rule is the rule's business, and groups are data, so neither is checked.
   */
  @DbTest
  void aStaticOfferNamingAnUndeclaredScopeIsABuildError(TestDatabase db) {
    var item =
        Builder.workItem("review")
            .offer(
                Offer.toScopes("expense:aprove").groups("nobody-yet").supervisedBy("expense:boss"));
    var def = Nets.oneTask("typo", "review", Builder.task(item)).build();
    assertThatThrownBy(() -> db.engine(Tasquencer.builder().identity(roles()).register(def)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining(
            "workflow 'typo' v1, task 'review' (work item 'review'): its offer names scope"
                + " 'expense:aprove', which no ScopeModule declares")
        .hasMessageContaining("scope 'expense:boss'")
        .hasMessageNotContaining("nobody-yet");

    var byRule = Builder.workItem("review").offer(ctx -> Offer.toScopes("expense:aprove"));
    var fine =
        Builder.workItem("review").offer(Offer.toScopes("expense:approve").groups("nobody-yet"));
    db.engine(
            Tasquencer.builder()
                .identity(roles())
                .register(Nets.oneTask("rule", "review", Builder.task(byRule)).build())
                .register(Nets.oneTask("fine", "review", Builder.task(fine)).build()))
        .close();
  }

  @DbTest
  void aCallReadsTheActorsScopesOnceWhateverItsRulesAsk(TestDatabase db) {
    // three scope rules and a custom rule that asks twice more, over the payload too
    Policy policy =
        Policy.allOf(
            Policy.requireScope("expense:approve"),
            Policy.requireAnyScope("expense:payment:run", "expense:submit"),
            Policy.custom(
                "smallOrPayer",
                ctx ->
                    ctx.payload(Claim.class).amount() < 100
                        || ctx.hasScope("expense:payment:run") && ctx.hasScope("expense:approve")));
    var item =
        Builder.workItem("pay")
            .withActions(Builder.workItemActions().initialize(Claim.class, policy));
    var def = Nets.oneTask("payment", "pay", Builder.task(item)).build();
    var counting = new CountingDataSource(db.dataSource());
    try (Tasquencer engine =
        Tasquencer.builder()
            .dataSource(counting)
            .clock(new ManualClock(T0))
            .identity(roles())
            .register(def)
            .build()) {
      engine.identity().addMember("managers", "bob", null);
      engine.identity().assignRoleToUser("payer", "ivan", null);
      engine.identity().assignRoleToUser("manager", "ivan", null);
      UUID wf = engine.internal().initializeRootWorkflow("payment", null);

      counting.reset();
      engine.internal().initializeWorkItem(wf, "pay", new Claim("zoe", 500));
      long internal = counting.executions.get();

      counting.reset();
      engine.as(Actor.user("ivan")).initializeWorkItem(wf, "pay", new Claim("zoe", 500));
      assertThat(counting.executions.get()).as("one query for the scopes").isEqualTo(internal + 1);
      assertThat(counting.commits.get()).isEqualTo(1);

      // the payload decides for bob, who is no payer
      engine.as(Actor.user("bob")).initializeWorkItem(wf, "pay", new Claim("zoe", 99));
      assertThat(
              catchThrowableOfType(
                      NotAuthorizedException.class,
                      () ->
                          engine
                              .as(Actor.user("bob"))
                              .initializeWorkItem(wf, "pay", new Claim("zoe", 100)))
                  .reason())
          .isEqualTo("custom(smallOrPayer) denies: rule smallOrPayer answered no");
      assertThat(engine.queries().workItems(wf, "pay")).hasSize(3);
    }
  }

  @DbTest
  void aChildWorkflowsInitializeIsCheckedWithItsParentAndCompositeTask(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    var child =
        Nets.oneTask("payment", "pay", Nets.noInit())
            .withActions(
                Builder.workflowActions()
                    .initialize(
                        Void.class,
                        Policy.allOf(
                            Policy.requireScope("expense:payment:run"),
                            Policy.custom(
                                "record",
                                ctx ->
                                    seen.add(
                                        ctx.action()
                                            + " "
                                            + ctx.workflow()
                                            + " of "
                                            + ctx.task().orElseThrow()
                                            + " in "
                                            + ctx.workflowId().orElseThrow()
                                            + " by "
                                            + ctx.actor()))),
                        (ctx, x) -> {}));
    var parent =
        Builder.workflow("payout")
            .startCondition("start")
            .compositeTask("pay", Builder.compositeTask(child))
            .endCondition("end")
            .connectCondition("start", to -> to.task("pay"))
            .connectTask("pay", to -> to.condition("end"))
            .build();
    Tasquencer engine = engine(db, new ManualClock(T0), parent);
    UUID wf = engine.internal().initializeRootWorkflow("payout", null);

    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> engine.as(Actor.user("bob")).initializeWorkflow(wf, "pay", null, null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("lacks scope expense:payment:run");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);

    UUID childId = engine.as(Actor.user("ivan")).initializeWorkflow(wf, "pay", null, null);
    assertThat(seen).containsExactly("initialize payment of pay in " + wf + " by user:ivan");
    assertThat(engine.queries().workflowState(childId)).isEqualTo(WorkflowState.INITIALIZED);
  }

  @DbTest
  void aDefinitionWidePolicyCoversItsCustomActionsButOpensNoDefaultAction(TestDatabase db) {
    var item =
        Builder.workItem("pay")
            .withActions(
                Builder.workItemActions()
                    .policy(Policy.requireScope("expense:payment:run"))
                    .start(Void.class, (ctx, x) -> {}) // gets the work item's policy
                    .complete(Decision.class, Policy.anyActor(), (ctx, d) -> {})); // its own
    var def =
        Nets.oneTask("payment", "pay", Builder.task(item))
            .withActions(
                Builder.workflowActions()
                    .initialize(Void.class, (ctx, x) -> {})
                    .policy(Policy.anyActor()))
            .build();
    // every custom action has a policy, so deny by default builds
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(new ManualClock(T0))
                .identity(roles())
                .register(def)
                .requirePolicies(true));
    engine.identity().assignRoleToUser("payer", "ivan", null);
    engine.identity().assignRoleToUser("expenseAll", "frank", null);

    UUID wf = engine.as(Actor.user("alice")).initializeRootWorkflow("payment", null);
    assertThatThrownBy(() -> engine.initializeRootWorkflow("payment", null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("anyActor()");
    UUID wi = engine.internal().initializeWorkItem(wf, "pay", null);
    assertThatThrownBy(() -> engine.as(Actor.user("bob")).startWorkItem(wi))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("requireScope(expense:payment:run)");
    engine.as(Actor.user("ivan")).startWorkItem(wi);
    // fail is a default action: the work item's policy does not open it
    assertThatThrownBy(() -> engine.as(Actor.user("frank")).failWorkItem(wi))
        .isInstanceOf(NotInternalCallException.class);
    engine.as(Actor.user("bob")).completeWorkItem(wi, new Decision(true));
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }
}

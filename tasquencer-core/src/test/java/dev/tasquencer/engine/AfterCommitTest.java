package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.AfterCommit;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * {@code ctx.afterCommit(callback)}: callbacks registered by actions, activities, policies and
 * routers run once the call has committed, in registration order, never after a rollback, only for
 * the attempt that committed, and a failing callback neither undoes the call nor stops the others.
 */
class AfterCommitTest {

  /**
   * start -> A -> end. A's work item has a custom complete action; A has a policy, an XOR router
   * and onCompleted, the work item and the workflow have onCompleted. Completing A's work item runs
   * all six; each registers a callback through {@code site}, named after itself.
   */
  static WorkflowDefinition net(Site site) {
    var item =
        Builder.workItem("item")
            .withActions(
                Builder.workItemActions()
                    .complete(Void.class, (ctx, x) -> site.register(ctx, "complete action")))
            .onCompleted(ctx -> site.register(ctx, "item onCompleted"));
    var a =
        Builder.task(item)
            .onEnabled(ctx -> ctx.workItem().initialize())
            .onCompleted(ctx -> site.register(ctx, "task onCompleted"))
            .withPolicy(
                ctx -> {
                  site.register(ctx, "policy");
                  return PolicyResult.COMPLETE;
                })
            .withSplitType(SplitType.XOR);
    return Builder.workflow("afterCommit")
        .startCondition("start")
        .task("A", a)
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask(
            "A",
            to ->
                to.condition("end")
                    .route(
                        ctx -> {
                          site.register(ctx, "router");
                          return ctx.toCondition("end");
                        }))
        .onCompleted(ctx -> site.register(ctx, "workflow onCompleted"))
        .build();
  }

  /** The six sites of {@link #net}, in the order they run when A's work item completes. */
  static final List<String> SITES =
      List.of(
          "complete action",
          "item onCompleted",
          "policy",
          "task onCompleted",
          "router",
          "workflow onCompleted");

  /**
   * Where the hooks register their callbacks. Each registration is logged as "register X #n" (n
   * counts the attempts of the call, as seen by the complete action, which runs first), each
   * callback as "run X #n" with the workflow's state read through a new query at that moment.
   */
  static final class Site {
    final List<String> events = new ArrayList<>();
    final AtomicInteger attempt = new AtomicInteger();
    Tasquencer engine;
    UUID workflow;

    /** A's work item, started. */
    UUID item;

    /** A site whose registration throws after registering (rolling the call back). */
    String failAt;

    /** A site whose callback throws. */
    String callbackFailsAt;

    void register(AfterCommit ctx, String site) {
      if (site.equals("complete action")) {
        attempt.incrementAndGet();
      }
      String name = site + " #" + attempt.get();
      events.add("register " + name);
      ctx.afterCommit(
          () -> {
            if (site.equals(callbackFailsAt)) {
              events.add("throw " + name);
              throw new IllegalStateException("callback of " + name + " failed");
            }
            events.add("run " + name + " " + engine.queries().workflowState(workflow));
          });
      if (site.equals(failAt)) {
        throw new IllegalStateException("rolled back in " + site);
      }
    }

    /** The events expected for one attempt: "register X #n" or "run X #n COMPLETED". */
    static List<String> expected(String kind, int attempt) {
      return SITES.stream()
          .map(s -> kind + " " + s + " #" + attempt + (kind.equals("run") ? " COMPLETED" : ""))
          .toList();
    }

    /** Completes A's work item (an external call) and checks the events of that call. */
    void complete(String what, List<String> expectedEvents) {
      engine.completeWorkItem(item);
      assertThat(events).as(what).containsExactlyElementsOf(expectedEvents);
    }

    /**
     * The events of a committed call: every site registers in each of the given attempts, then the
     * callbacks of the last attempt run.
     */
    static List<String> committedCall(int... attempts) {
      List<String> out = new ArrayList<>();
      for (int a : attempts) {
        out.addAll(expected("register", a));
      }
      out.addAll(expected("run", attempts[attempts.length - 1]));
      return out;
    }
  }

  /** Starts a workflow of {@link #net} on {@code engine}, and A's work item. */
  private static Site startItem(Site site, Tasquencer engine) {
    site.engine = engine;
    site.workflow = engine.internal().initializeRootWorkflow("afterCommit", null);
    site.item = engine.queries().workItems(site.workflow, "A").get(0).id();
    engine.internal().startWorkItem(site.item);
    return site;
  }

  /** A new site with A's work item started, on an engine of the test's database. */
  private static Site startItem(TestDatabase db) {
    Site site = new Site();
    return startItem(site, db.engine(net(site)));
  }

  @DbTest
  void callbacksRunAfterTheCommitInRegistrationOrder(TestDatabase db) {
    Site site = startItem(db);

    site.complete(
        "every callback runs once, after every registration, and sees the committed state",
        Site.committedCall(1));
  }

  @DbTest
  void callbacksDoNotRunWhenTheCallRollsBack(TestDatabase db) {
    Site site = startItem(db);
    site.failAt = "task onCompleted";

    assertThatThrownBy(() -> site.engine.completeWorkItem(site.item))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rolled back in task onCompleted");
    assertThat(site.events).containsExactlyElementsOf(Site.expected("register", 1).subList(0, 4));
    assertThat(site.engine.queries().workflowState(site.workflow)).isEqualTo(WorkflowState.STARTED);

    site.failAt = null;
    site.events.clear();
    site.complete(
        "the rolled-back call's callbacks are not carried into the next call",
        Site.committedCall(2));
  }

  @DbTest
  void onlyTheAttemptThatCommittedRunsItsCallbacks(TestDatabase db) {
    Site site = new Site();
    var dataSource = new CountingDataSource(db.dataSource());
    try (Tasquencer engine =
        Tasquencer.builder().register(net(site)).dataSource(dataSource).build()) {
      startItem(site, engine);
      dataSource.failNextCommit.set(
          new SQLException("could not serialize access (simulated conflict)", "40001"));

      site.complete(
          "the body ran twice; only the second attempt's callbacks ran, once each",
          Site.committedCall(1, 2));
      assertThat(dataSource.failNextCommit).as("the first commit failed").hasNullValue();
    }
  }

  @DbTest
  void aFailingCallbackIsLoggedAndNeitherUndoesTheCallNorStopsTheOthers(TestDatabase db) {
    Site site = startItem(db);
    site.callbackFailsAt = "policy";
    // the logger docs/guide.md names for failing callbacks
    Logger logger = (Logger) LoggerFactory.getLogger("dev.tasquencer.internal.runtime.EngineCore");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      site.engine.completeWorkItem(site.item);
    } finally {
      logger.detachAppender(log);
    }

    assertThat(site.engine.queries().workflowState(site.workflow))
        .isEqualTo(WorkflowState.COMPLETED);
    assertThat(site.events.subList(6, site.events.size()))
        .containsExactly(
            "run complete action #1 COMPLETED",
            "run item onCompleted #1 COMPLETED",
            "throw policy #1",
            "run task onCompleted #1 COMPLETED",
            "run router #1 COMPLETED",
            "run workflow onCompleted #1 COMPLETED");
    assertThat(log.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getFormattedMessage())
                  .contains("afterCommit callback", "completeWorkItem", "committed");
              assertThat(e.getThrowableProxy().getMessage())
                  .isEqualTo("callback of policy #1 failed");
            });
  }

  @DbTest
  void aNullCallbackOrARegistrationAfterTheCallIsRejected(TestDatabase db) {
    AtomicBoolean passNull = new AtomicBoolean(true);
    AtomicReference<AfterCommit> kept = new AtomicReference<>();
    Consumer<AfterCommit> onEnabled =
        ctx -> {
          kept.set(ctx);
          ctx.afterCommit(passNull.get() ? null : () -> {});
        };
    var def =
        Builder.workflow("kept")
            .startCondition("start")
            .task("A", Builder.task(Builder.workItem("item")).onEnabled(onEnabled::accept))
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("end"))
            .build();
    Tasquencer engine = db.engine(def);

    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("kept", null))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("afterCommit needs a callback");
    passNull.set(false);
    engine.internal().initializeRootWorkflow("kept", null);
    assertThatThrownBy(() -> kept.get().afterCommit(() -> {}))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("has ended");
  }
}

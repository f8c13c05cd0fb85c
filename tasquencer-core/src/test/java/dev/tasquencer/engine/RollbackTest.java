package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every engine call is one transaction: an exception thrown by any kind of user code (activity,
 * action, policy, router) rolls back the engine's rows and the domain rows written by the hooks of
 * that call, leaving every table exactly as before. Unchecked exceptions are rethrown as they are,
 * checked ones wrapped in {@link UserCodeException}. A business failure ({@code fail()}) is state,
 * not an error: it is committed.
 */
class RollbackTest {
  static final String DOMAIN = "domain_log";

  /**
   * Every hook of the probe net calls {@link #hit}: it writes a domain row, then throws if it is
   * the armed hook.
   */
  static final class Probe {
    private String armed;
    private Supplier<Exception> error;
    Exception thrown;
    private int n;

    void arm(String hook, Supplier<Exception> error) {
      this.armed = hook;
      this.error = error;
      this.thrown = null;
    }

    void disarm() {
      armed = null;
    }

    void hit(String hook, Db db) throws Exception {
      db.update("insert into " + DOMAIN + " (hook, n) values (?, ?)", hook, ++n);
      if (hook.equals(armed)) {
        thrown = error.get();
        throw thrown;
      }
    }
  }

  /**
   * start -> A | D (deferred choice); A -XOR-> B | C; B -OR-> end | C; C, D -> end. Every task
   * initializes one work item of type "item" when enabled; every work item action is custom, so
   * outside callers may drive everything.
   */
  static WorkflowDefinition probeNet(Probe p) {
    WorkItemBuilder item =
        Builder.workItem("item")
            .onInitialized(ctx -> p.hit("item.onInitialized", ctx.db()))
            .onStarted(ctx -> p.hit("item.onStarted", ctx.db()))
            .onCompleted(ctx -> p.hit("item.onCompleted", ctx.db()))
            .onFailed(ctx -> p.hit("item.onFailed", ctx.db()))
            .onCanceled(ctx -> p.hit("item.onCanceled", ctx.db()))
            .onReset(ctx -> p.hit("item.onReset", ctx.db()))
            .withActions(
                Builder.workItemActions()
                    .initialize(Void.class, (ctx, x) -> p.hit("item.initialize", ctx.db()))
                    .start(Void.class, (ctx, x) -> p.hit("item.start", ctx.db()))
                    .complete(Void.class, (ctx, x) -> p.hit("item.complete", ctx.db()))
                    .fail(Void.class, (ctx, x) -> p.hit("item.fail", ctx.db()))
                    .cancel(Void.class, (ctx, x) -> p.hit("item.cancel", ctx.db()))
                    .reset(Void.class, (ctx, x) -> p.hit("item.reset", ctx.db())));
    return Builder.workflow("probe")
        .startCondition("start")
        .task("A", probedTask(p, "A", item).withSplitType(SplitType.XOR))
        .task("B", probedTask(p, "B", item).withSplitType(SplitType.OR))
        .task("C", probedTask(p, "C", item).withJoinType(JoinType.XOR))
        .task("D", probedTask(p, "D", item))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A").task("D"))
        .connectTask(
            "A",
            to ->
                to.task("B")
                    .task("C")
                    .route(
                        ctx -> {
                          p.hit("A.router", ctx.db());
                          return ctx.toTask("B");
                        }))
        .connectTask(
            "B",
            to ->
                to.condition("end")
                    .task("C")
                    .routes(
                        ctx -> {
                          p.hit("B.router", ctx.db());
                          return List.of(ctx.toCondition("end"));
                        }))
        .connectTask("C", to -> to.condition("end"))
        .connectTask("D", to -> to.condition("end"))
        .onInitialized(ctx -> p.hit("workflow.onInitialized", ctx.db()))
        .onStarted(ctx -> p.hit("workflow.onStarted", ctx.db()))
        .onCompleted(ctx -> p.hit("workflow.onCompleted", ctx.db()))
        .onFailed(ctx -> p.hit("workflow.onFailed", ctx.db()))
        .onCanceled(ctx -> p.hit("workflow.onCanceled", ctx.db()))
        .withActions(
            Builder.workflowActions()
                .initialize(Void.class, (ctx, x) -> p.hit("workflow.initialize", ctx.db()))
                .cancel(Void.class, (ctx, x) -> p.hit("workflow.cancel", ctx.db())))
        .build();
  }

  static TaskBuilder probedTask(Probe p, String name, WorkItemBuilder item) {
    return Builder.task(item)
        .onEnabled(
            ctx -> {
              p.hit(name + ".onEnabled", ctx.db());
              ctx.workItem().initialize();
            })
        .onStarted(ctx -> p.hit(name + ".onStarted", ctx.db()))
        .onCompleted(ctx -> p.hit(name + ".onCompleted", ctx.db()))
        .onFailed(ctx -> p.hit(name + ".onFailed", ctx.db()))
        .onCanceled(ctx -> p.hit(name + ".onCanceled", ctx.db()))
        .onDisabled(ctx -> p.hit(name + ".onDisabled", ctx.db()))
        .onWorkItemStateChanged(ctx -> p.hit(name + ".onWorkItemStateChanged", ctx.db()))
        .withPolicy(
            ctx -> {
              p.hit(name + ".policy", ctx.db());
              return TaskPolicy.DEFAULT.decide(ctx);
            });
  }

  /** One probe workflow instance, driven through the external API. */
  static final class Run {
    final Tasquencer engine;
    UUID wf;

    Run(Tasquencer engine) {
      this.engine = engine;
    }

    void init() {
      wf = engine.initializeRootWorkflow("probe", null);
    }

    /** The live work item of the task's latest generation. */
    UUID item(String task) {
      List<UUID> live =
          engine.queries().workItems(wf, task).stream()
              .filter(w -> !w.state().isFinal())
              .map(WorkItemSnapshot::id)
              .toList();
      assertThat(live).as("live work items of %s", task).hasSize(1);
      return live.get(0);
    }

    void start(String task) {
      engine.startWorkItem(item(task));
    }

    void complete(String task) {
      engine.completeWorkItem(item(task));
    }

    void fail(String task) {
      engine.failWorkItem(item(task));
    }

    void cancel(String task) {
      engine.cancelWorkItem(item(task));
    }

    void reset(String task) {
      engine.resetWorkItem(item(task));
    }

    void initializeItem(String task) {
      engine.initializeWorkItem(wf, task, null);
    }

    void cancelWorkflow() {
      engine.cancelWorkflow(wf);
    }
  }

  /**
   * One kind of user code: the hook armed to throw, the calls bringing the instance to the point
   * just before, the call that runs the hook, and what the UserCodeException names.
   */
  record Case(String hook, String where, Consumer<Run> setup, Consumer<Run> call) {
    @Override
    public String toString() {
      return hook;
    }
  }

  static Case when(String hook, String where, Consumer<Run> setup, Consumer<Run> call) {
    return new Case(hook, where, setup, call);
  }

  static final Consumer<Run> NOTHING = r -> {};
  static final Consumer<Run> INIT = Run::init;
  static final Consumer<Run> A_STARTED =
      r -> {
        r.init();
        r.start("A");
      };
  static final Consumer<Run> B_STARTED =
      r -> {
        A_STARTED.accept(r);
        r.complete("A");
        r.start("B");
      };

  static final List<Case> CASES =
      List.of(
          // workflow activities
          when("workflow.onInitialized", "onInitialized", NOTHING, Run::init),
          when("workflow.onStarted", "onStarted", INIT, r -> r.start("A")),
          when("workflow.onCompleted", "onCompleted", B_STARTED, r -> r.complete("B")),
          when("workflow.onFailed", "onFailed", A_STARTED, r -> r.fail("A")),
          when("workflow.onCanceled", "onCanceled", INIT, Run::cancelWorkflow),
          // task activities
          when("B.onEnabled", "onEnabled", A_STARTED, r -> r.complete("A")),
          when("A.onStarted", "onStarted", INIT, r -> r.start("A")),
          when("A.onCompleted", "onCompleted", A_STARTED, r -> r.complete("A")),
          when("A.onFailed", "onFailed", A_STARTED, r -> r.fail("A")),
          when("A.onCanceled", "onCanceled", A_STARTED, Run::cancelWorkflow),
          when("D.onDisabled", "onDisabled", INIT, r -> r.start("A")),
          when("A.onWorkItemStateChanged", "onWorkItemStateChanged", INIT, r -> r.start("A")),
          // work item activities
          when("item.onInitialized", "onInitialized", INIT, r -> r.initializeItem("A")),
          when("item.onStarted", "onStarted", INIT, r -> r.start("A")),
          when("item.onCompleted", "onCompleted", A_STARTED, r -> r.complete("A")),
          when("item.onFailed", "onFailed", A_STARTED, r -> r.fail("A")),
          when("item.onCanceled", "onCanceled", A_STARTED, r -> r.cancel("A")),
          when("item.onReset", "onReset", A_STARTED, r -> r.reset("A")),
          // policy and routers
          when("A.policy", "policy of task", A_STARTED, r -> r.complete("A")),
          when("A.router", "router of task", A_STARTED, r -> r.complete("A")),
          when("B.router", "router of task", B_STARTED, r -> r.complete("B")),
          // custom actions
          when("workflow.initialize", "initialize action", NOTHING, Run::init),
          when("workflow.cancel", "cancel action", INIT, Run::cancelWorkflow),
          when("item.initialize", "initialize action", INIT, r -> r.initializeItem("A")),
          when("item.start", "start action", INIT, r -> r.start("A")),
          when("item.complete", "complete action", A_STARTED, r -> r.complete("A")),
          when("item.fail", "fail action", A_STARTED, r -> r.fail("A")),
          when("item.cancel", "cancel action", INIT, r -> r.cancel("A")),
          when("item.reset", "reset action", A_STARTED, r -> r.reset("A")));

  /** Runs every case on a fresh instance; collects failures so that one report lists them all. */
  private static void runAll(TestDatabase db, boolean checked) {
    db.sql("create table " + DOMAIN + " (hook varchar(100) not null, n integer not null)");
    Probe probe = new Probe();
    Tasquencer engine = db.engine(probeNet(probe));
    List<String> failures = new ArrayList<>();
    for (Case c : CASES) {
      try {
        runCase(db, engine, probe, c, checked);
      } catch (Throwable t) {
        failures.add(c.hook() + ": " + t);
      } finally {
        probe.disarm();
      }
    }
    assertThat(failures).as("cases that did not roll back cleanly").isEmpty();
  }

  private static void runCase(
      TestDatabase db, Tasquencer engine, Probe probe, Case c, boolean checked) {
    Run run = new Run(engine);
    probe.disarm();
    c.setup().accept(run);
    probe.arm(
        c.hook(),
        checked
            ? () -> new java.io.IOException("checked failure in " + c.hook())
            : () -> new IllegalStateException("unchecked failure in " + c.hook()));
    DbSnapshot before = DbSnapshot.take(db, DOMAIN);

    Throwable thrown = catchThrowable(() -> c.call().accept(run));

    assertThat(probe.thrown).as("the armed hook ran").isNotNull();
    if (checked) {
      assertThat(thrown).isInstanceOf(UserCodeException.class).hasCause(probe.thrown);
      assertThat(thrown.getCause()).isSameAs(probe.thrown);
      assertThat(thrown).hasMessageContaining(c.where());
    } else {
      assertThat(thrown).as("the unchecked exception, as it is").isSameAs(probe.thrown);
    }
    assertThat(DbSnapshot.take(db, DOMAIN)).as("tables after the failed call").isEqualTo(before);

    // nothing half-done stays behind: the same call succeeds once the hook stops throwing
    probe.disarm();
    c.call().accept(run);
    assertThat(DbSnapshot.take(db, DOMAIN).count(DOMAIN)).isGreaterThan(before.count(DOMAIN));
  }

  @DbTest
  void uncheckedExceptionsRollBackEveryKindOfUserCode(TestDatabase db) {
    runAll(db, false);
  }

  @DbTest
  void checkedExceptionsAreWrappedAndRollBackEveryKindOfUserCode(TestDatabase db) {
    runAll(db, true);
  }

  @DbTest
  void exceptionAfterNestedTransitionsRollsBackTheWholeCascade(TestDatabase db) {
    // completing B's item completes B (OR router), marks the end, completes the workflow; the
    // workflow's onCompleted throws last: every one of those steps is undone
    db.sql("create table " + DOMAIN + " (hook varchar(100) not null, n integer not null)");
    Probe probe = new Probe();
    Run run = new Run(db.engine(probeNet(probe)));
    B_STARTED.accept(run);
    UUID b = run.item("B");
    probe.arm("workflow.onCompleted", () -> new IllegalArgumentException("late"));
    DbSnapshot before = DbSnapshot.take(db, DOMAIN);

    Throwable thrown = catchThrowable(() -> run.engine.completeWorkItem(b));

    assertThat(thrown).isSameAs(probe.thrown);
    assertThat(DbSnapshot.take(db, DOMAIN)).isEqualTo(before);
    assertThat(run.engine.queries().workItemState(b)).isEqualTo(WorkItemState.STARTED);
    assertThat(run.engine.queries().task(run.wf, "B").state()).isEqualTo(TaskState.STARTED);
    assertThat(run.engine.queries().workflowState(run.wf)).isEqualTo(WorkflowState.STARTED);
    assertThat(run.engine.queries().marking(run.wf)).containsEntry("end", 0);
  }

  @DbTest
  void businessFailureIsCommittedButAnExceptionIsNot(TestDatabase db) {
    db.sql("create table " + DOMAIN + " (hook varchar(100) not null, n integer not null)");
    Probe probe = new Probe();
    Tasquencer engine = db.engine(probeNet(probe));

    // an exception in A's onFailed: the failure is not recorded
    Run failing = new Run(engine);
    A_STARTED.accept(failing);
    UUID w1 = failing.item("A");
    probe.arm("A.onFailed", () -> new IllegalStateException("boom"));
    DbSnapshot before = DbSnapshot.take(db, DOMAIN);
    assertThat(catchThrowable(() -> engine.failWorkItem(w1))).isSameAs(probe.thrown);
    assertThat(DbSnapshot.take(db, DOMAIN)).isEqualTo(before);
    assertThat(engine.queries().workItemState(w1)).isEqualTo(WorkItemState.STARTED);
    probe.disarm();

    // fail() is a business outcome: the work item, task and workflow fail, and the domain rows
    // of the hooks that ran are committed with them
    Run run = new Run(engine);
    A_STARTED.accept(run);
    UUID w2 = run.item("A");
    int hitsBefore = probe.n;
    engine.failWorkItem(w2);
    assertThat(engine.queries().workItemState(w2)).isEqualTo(WorkItemState.FAILED);
    assertThat(engine.queries().task(run.wf, "A").state()).isEqualTo(TaskState.FAILED);
    assertThat(engine.queries().workflowState(run.wf)).isEqualTo(WorkflowState.FAILED);
    List<Object> hooks =
        db.rows("select hook from " + DOMAIN + " where n > ? order by n", hitsBefore).stream()
            .map(r -> r.get(0))
            .toList();
    assertThat(hooks)
        .containsExactly(
            "item.fail",
            "item.onFailed",
            "A.onWorkItemStateChanged",
            "A.policy",
            "A.onFailed",
            "workflow.onFailed");
  }

  /** start -> t -> end; t's onEnabled writes a domain row, then runs a failing statement. */
  static WorkflowDefinition badSql(boolean swallow) {
    return Builder.workflow("badSql")
        .startCondition("start")
        .task(
            "t",
            Builder.task(Builder.workItem("i"))
                .onEnabled(
                    ctx -> {
                      ctx.db().update("insert into " + DOMAIN + " (hook, n) values ('t', 1)");
                      try {
                        ctx.db().update("insert into no_such_table (x) values (1)");
                      } catch (DataAccessException e) {
                        if (!swallow) {
                          throw e;
                        }
                      }
                      ctx.workItem().initialize();
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  @DbTest
  void failedUserSqlRollsTheCallBackEvenWhenTheHookCatchesIt(TestDatabase db) {
    db.sql("create table " + DOMAIN + " (hook varchar(100) not null, n integer not null)");
    for (boolean swallow : new boolean[] {false, true}) {
      Tasquencer engine = db.engine(badSql(swallow));
      DbSnapshot before = DbSnapshot.take(db, DOMAIN);
      Throwable thrown =
          catchThrowable(() -> engine.internal().initializeRootWorkflow("badSql", null));
      // the same outcome on H2 (where the transaction would still be usable) and on PostgreSQL
      assertThat(thrown)
          .as("swallowed: %s", swallow)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("no_such_table");
      assertThat(DbSnapshot.take(db, DOMAIN)).isEqualTo(before);
    }
  }
}

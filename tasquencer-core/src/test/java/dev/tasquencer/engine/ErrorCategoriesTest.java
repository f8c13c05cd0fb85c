package dev.tasquencer.engine;

import static dev.tasquencer.engine.BadInputTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.WorkItems;
import dev.tasquencer.api.error.BusinessKeyConflictException;
import dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.EntityNotFoundException;
import dev.tasquencer.api.error.IdempotencyKeyReusedException;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.error.NoMessageReceiverException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.RunningVersionsException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.api.error.TaskNotFoundException;
import dev.tasquencer.api.error.WorkflowNotSuspendedException;
import dev.tasquencer.api.error.WorkflowVersionDeprecatedException;
import dev.tasquencer.api.message.Message;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.CompositeTaskBuilder;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * One rule for the error a call gets when it addresses something it cannot use, the same from the
 * facade, from internal calls and from the contexts of activities and routers: a name that does not
 * exist is not found ({@link EntityNotFoundException}); an element of the wrong kind is a
 * structural error ({@link StructuralIntegrityException}); the right element in the wrong state or
 * generation is a constraint violation ({@link ConstraintViolationException}, of which {@link
 * InvalidStateTransitionException} is one). A rejected call changes nothing.
 */
class ErrorCategoriesTest {

  /** {@code start → name (one auto-created work item) → end}. */
  static WorkflowBuilder oneTask(String name) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("step", Nets.autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("step"))
        .connectTask("step", to -> to.condition("end"));
  }

  /**
   * {@code start → t (atomic) → dyn (dynamic composite over A and B) → end}; {@code dyn} adds
   * activities to the composite.
   */
  static WorkflowDefinition net(String name, UnaryOperator<CompositeTaskBuilder> dyn) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("t", Nets.autoInit())
        .dynamicCompositeTask(
            "dyn", dyn.apply(Builder.dynamicCompositeTask(oneTask("A"), oneTask("B"))))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.task("dyn"))
        .connectTask("dyn", to -> to.condition("end"))
        .build();
  }

  /** The net, driven to dyn's enablement (t fired). */
  static Driver atComposite(Tasquencer engine, String name) {
    var d = Driver.start(engine, name);
    d.fire("t");
    assertThat(d.task("dyn")).isEqualTo(TaskState.ENABLED);
    return d;
  }

  /**
   * The command must fail with {@code type} and change nothing, as an internal call and as an
   * external one; returns the internal call's error.
   */
  static <T extends Throwable> T rejectsBoth(
      TestDatabase db, Tasquencer engine, Class<T> type, Consumer<WorkflowCommands> command) {
    T e = rejects(db, type, () -> command.accept(engine.internal()));
    rejects(db, type, () -> command.accept(engine));
    return e;
  }

  /** Starts the task's work item, then completes it: the completion must fail. */
  static AbstractThrowableAssert<?, ? extends Throwable> completingFails(Driver d, String task) {
    UUID w = d.initialized(task);
    d.start(w);
    return assertThatThrownBy(() -> d.complete(w));
  }

  // ------------------------------------------------------------------------------ not found

  @DbTest
  void aMessageNobodyWaitsForIsNotFoundFromInternalAndExternalCalls(TestDatabase db) {
    Message ping = Message.named("ping").allowedBy(Policy.anyActor());
    Tasquencer engine =
        db.engine(
            Nets.oneTask(
                    "waits",
                    "w",
                    Builder.task(Builder.workItem("w").awaits(ping.keyedBy(ctx -> "here")))
                        .onEnabled(ctx -> ctx.workItem().initialize()))
                .build());
    Driver.start(engine, "waits");
    var e =
        rejects(
            db,
            NoMessageReceiverException.class,
            () -> engine.internal().correlate("ping", "elsewhere", null));
    rejects(
        db,
        NoMessageReceiverException.class,
        () -> engine.as(Actor.system("hook")).correlate("ping", "elsewhere", null));
    assertThat(e).isInstanceOf(EntityNotFoundException.class);
    assertThat(e.code()).isEqualTo("NO_MESSAGE_RECEIVER");
    assertThat(e.getMessage()).contains("'ping'", "'elsewhere'");
  }

  @DbTest
  void unknownChildWorkflowTypeIsNotFoundFromInternalAndExternalCalls(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = atComposite(engine, "plain");
    var e =
        rejectsBoth(
            db,
            engine,
            ChildWorkflowTypeNotFoundException.class,
            cmd -> cmd.initializeWorkflow(d.id, "dyn", "Z", null));
    assertThat(e).isInstanceOf(EntityNotFoundException.class);
    assertThat(e.getMessage()).contains("'Z'", "dyn", "[A, B]");
  }

  @DbTest
  void unknownChildWorkflowTypeIsNotFoundInsideAnActivity(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            net("creates", c -> c.onEnabled(ctx -> ctx.workflow().initialize("Z", null))),
            net("lists", c -> c.onEnabled(ctx -> ctx.workflow().getAllWorkflowIds("Z"))));
    var creates = Driver.start(engine, "creates");
    completingFails(creates, "t")
        .isInstanceOf(ChildWorkflowTypeNotFoundException.class)
        .hasMessageContaining("'Z'")
        .hasMessageContaining("[A, B]");
    assertThat(creates.task("t")).isEqualTo(TaskState.STARTED);

    var lists = Driver.start(engine, "lists");
    completingFails(lists, "t").isInstanceOf(ChildWorkflowTypeNotFoundException.class);
    assertThat(lists.task("dyn")).isEqualTo(TaskState.DISABLED);
  }

  @DbTest
  void unknownTaskNameIsNotFoundFromInternalAndExternalCalls(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = Driver.start(engine, "plain");
    rejectsBoth(
        db, engine, TaskNotFoundException.class, cmd -> cmd.initializeWorkItem(d.id, "x", null));
    rejectsBoth(
        db,
        engine,
        TaskNotFoundException.class,
        cmd -> cmd.initializeWorkflow(d.id, "x", "A", null));
  }

  // ------------------------------------------------------------------------------ structural

  @DbTest
  void unnamedChildOfADynamicCompositeIsStructuralFromInternalAndExternalCalls(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = atComposite(engine, "plain");
    var e =
        rejectsBoth(
            db,
            engine,
            StructuralIntegrityException.class,
            cmd -> cmd.initializeWorkflow(d.id, "dyn", null, null));
    assertThat(e.getMessage()).contains("several child workflow types [A, B]", "name the one");
  }

  @DbTest
  void unnamedChildOfADynamicCompositeIsStructuralInsideAnActivity(TestDatabase db) {
    Tasquencer engine =
        db.engine(net("unnamed", c -> c.onEnabled(ctx -> ctx.workflow().initialize())));
    var d = Driver.start(engine, "unnamed");
    completingFails(d, "t")
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("several child workflow types [A, B]");
    assertThat(d.task("t")).isEqualTo(TaskState.STARTED);
  }

  @DbTest
  void workItemOfACompositeOrDummyTaskIsStructuralFromInternalAndExternalCalls(TestDatabase db) {
    var withDummy =
        Builder.workflow("withDummy")
            .startCondition("start")
            .task("t", Nets.autoInit())
            .dummyTask("route", Builder.dummyTask())
            .compositeTask(
                "dyn",
                Builder.compositeTask(oneTask("A")).onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.task("route"))
            .connectTask("route", to -> to.task("dyn"))
            .connectTask("dyn", to -> to.condition("end"))
            .build();
    Tasquencer engine = db.engine(withDummy);
    var d = Driver.start(engine, "withDummy");
    d.fire("t");
    assertThat(d.task("dyn")).isEqualTo(TaskState.ENABLED);
    var composite =
        rejectsBoth(
            db,
            engine,
            StructuralIntegrityException.class,
            cmd -> cmd.initializeWorkItem(d.id, "dyn", null));
    assertThat(composite.getMessage())
        .contains("'dyn'", "composite task", "no work items", "initializeWorkflow");
    var dummy =
        rejectsBoth(
            db,
            engine,
            StructuralIntegrityException.class,
            cmd -> cmd.initializeWorkItem(d.id, "route", null));
    assertThat(dummy.getMessage()).contains("'route'", "dummy task", "it only routes");
    rejectsBoth(
        db,
        engine,
        StructuralIntegrityException.class,
        cmd -> cmd.initializeWorkflow(d.id, "route", null, null));
  }

  @DbTest
  void childWorkflowOfAnAtomicTaskIsStructuralFromInternalAndExternalCalls(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = Driver.start(engine, "plain");
    var e =
        rejectsBoth(
            db,
            engine,
            StructuralIntegrityException.class,
            cmd -> cmd.initializeWorkflow(d.id, "t", null, null));
    assertThat(e.getMessage()).contains("'t'", "not a composite task", "initializeWorkItem");
  }

  /**
   * Routers see both {@code workItem()} and {@code workflow()}: asking a composite task for its
   * work items, or an atomic task for its child workflows, is a structural error too.
   */
  @DbTest
  void wrongKindOfChildrenInsideARouterIsStructural(TestDatabase db) {
    var compositeAsksForItems =
        Builder.workflow("compositeRouter")
            .startCondition("start")
            .compositeTask(
                "c",
                Builder.compositeTask(oneTask("A"))
                    .withSplitType(SplitType.XOR)
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("c"))
            .connectTask(
                "c",
                to ->
                    to.condition("end")
                        .route(
                            ctx -> {
                              ctx.workItem().getAllWorkItemIds();
                              return Route.toCondition("end");
                            }))
            .build();
    var atomicAsksForChildren =
        Builder.workflow("atomicRouter")
            .startCondition("start")
            .task("t", Nets.autoInit().withSplitType(SplitType.XOR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask(
                "t",
                to ->
                    to.condition("end")
                        .route(
                            ctx -> {
                              ctx.workflow().getAllWorkflowIds();
                              return Route.toCondition("end");
                            }))
            .build();
    Tasquencer engine = db.engine(compositeAsksForItems, atomicAsksForChildren);

    var c = Driver.start(engine, "compositeRouter");
    var child = new Driver(engine, c.q().childWorkflows(c.id, "c").get(0).id());
    completingFails(child, "step")
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("no work items");

    var t = Driver.start(engine, "atomicRouter");
    completingFails(t, "t")
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("not a composite task");
    assertThat(t.task("t")).isEqualTo(TaskState.STARTED);
  }

  // ------------------------------------------------------------------------------ wrong state

  /** An illegal transition is one kind of constraint violation: one catch covers both. */
  @DbTest
  void wrongStateIsAConstraintViolationFromInternalAndExternalCalls(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = Driver.start(engine, "plain");
    UUID w = d.initialized("t");
    var e =
        rejects(
            db, ConstraintViolationException.class, () -> engine.internal().completeWorkItem(w));
    assertThat(e).isInstanceOf(InvalidStateTransitionException.class);
    assertThat(e.code()).isEqualTo("INVALID_STATE_TRANSITION");
    // an outside caller may not use the default action at all: it hears that first, and nothing
    // of the work item's state
    rejects(db, NotInternalCallException.class, () -> engine.completeWorkItem(w));
    // a task that is not enabled or started accepts no children
    rejectsBoth(
        db,
        engine,
        ConstraintViolationException.class,
        cmd -> cmd.initializeWorkflow(d.id, "dyn", "A", null));
  }

  /**
   * A unique business key held by a live root is the right workflow name in the wrong state of the
   * world: a constraint violation with its own code, and nothing changes.
   */
  @DbTest
  void aTakenUniqueBusinessKeyIsAConstraintViolation(TestDatabase db) {
    Tasquencer engine = db.engine(oneTask("keyed").uniqueBusinessKey().build());
    UUID holder = engine.internal().initializeRootWorkflow("keyed", null, null, "K-1");
    var e =
        rejects(
            db,
            ConstraintViolationException.class,
            () -> engine.internal().initializeRootWorkflow("keyed", null, null, "K-1"));
    assertThat(e).isInstanceOf(BusinessKeyConflictException.class);
    assertThat(e.code()).isEqualTo("BUSINESS_KEY_CONFLICT");
    assertThat(((BusinessKeyConflictException) e).holderId()).isEqualTo(holder);
  }

  /**
   * Inside an activity: t1 and t2 share their input; t2's onEnabled keeps its work item handle.
   * t1's work item starts itself, which withdraws t2; t1's onStarted then creates a work item for
   * t2 through the kept handle: t2 is disabled, so that is a constraint violation, and the whole
   * initialization rolls back.
   */
  @DbTest
  void wrongStateIsAConstraintViolationInsideAnActivity(TestDatabase db) {
    var kept = new AtomicReference<WorkItems>();
    var net =
        Builder.workflow("choice")
            .startCondition("start")
            .task(
                "t1",
                Builder.task(Builder.workItem("auto").onInitialized(ctx -> ctx.workItem().start()))
                    .onEnabled(ctx -> ctx.workItem().initialize())
                    .onStarted(ctx -> kept.get().initialize()))
            .task("t2", Builder.task(Nets.NOOP).onEnabled(ctx -> kept.set(ctx.workItem())))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t1").task("t2"))
            .connectTask("t1", to -> to.condition("end"))
            .connectTask("t2", to -> to.condition("end"))
            .build();
    Tasquencer engine = db.engine(net);
    assertThatThrownBy(() -> Driver.start(engine, "choice"))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("task 't2'")
        .hasMessageContaining("disabled");
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();
  }

  /**
   * A key given again for another call is a constraint violation of its own code; the key's first
   * outcome (here an error of the wrong state) stands.
   */
  @DbTest
  void reusedIdempotencyKeyIsAConstraintViolation(TestDatabase db) {
    Tasquencer engine = db.engine(net("plain", c -> c));
    var d = Driver.start(engine, "plain");
    var ops = engine.as(Actor.user("ops"));
    // the first call stores its error with the key; the others change nothing
    assertThatThrownBy(() -> ops.idempotent("k").resumeWorkflow(d.id))
        .isInstanceOf(WorkflowNotSuspendedException.class);
    var e =
        rejects(
            db,
            ConstraintViolationException.class,
            () -> ops.idempotent("k").suspendWorkflow(d.id, null));
    assertThat(e).isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    rejects(
        db, WorkflowNotSuspendedException.class, () -> ops.idempotent("k").resumeWorkflow(d.id));
  }

  /**
   * A new root on a deprecated version is a configuration error with its own code, and nothing
   * changes; running roots of versions the engine cannot run stop its start with another.
   */
  @DbTest
  void aDeprecatedVersionAndUnregisteredRunningVersionsAreConfigurationErrors(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .register(oneTask("plain").build(), oneTask("plain").version("v2").build())
                .deprecate("plain", "v1"));
    var e =
        rejects(
            db,
            ConfigurationException.class,
            () -> engine.internal().initializeRootWorkflow("plain", "v1", null));
    assertThat(e).isInstanceOf(WorkflowVersionDeprecatedException.class);
    assertThat(e.code()).isEqualTo("WORKFLOW_VERSION_DEPRECATED");
    engine.internal().initializeRootWorkflow("plain", null);
    // an engine that runs plain, but not its v2 on which a root runs
    var start =
        rejects(
            db,
            ConfigurationException.class,
            () -> db.engine(Tasquencer.builder().register(oneTask("plain").version("v3").build())));
    assertThat(start).isInstanceOf(RunningVersionsException.class);
    assertThat(start.code()).isEqualTo("RUNNING_VERSIONS_NOT_REGISTERED");
  }
}

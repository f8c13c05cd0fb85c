package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.AutoTriggerAlreadySetException;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.DefinitionNotFoundException;
import dev.tasquencer.api.error.EntityNotFoundException;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.api.error.TaskNotFoundException;
import dev.tasquencer.api.error.TasquencerException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Bad input through the facade: unknown ids and names, illegal transitions, invalid payloads and
 * default actions called from outside. Each raises its typed error, whose message names the element
 * (and its state), and changes nothing at all.
 */
class BadInputTest {

  /** The payload of an order workflow's initialize action. */
  record Order(String customer) {}

  /** The payload of a review's initialize action. */
  record Review(String document) {}

  /** The payload of a review's start action; the compact constructor rejects bad priorities. */
  record Assignment(String assignee, int priority) {
    Assignment {
      if (priority < 0) {
        throw new IllegalArgumentException("priority must be >= 0, was " + priority);
      }
    }
  }

  /** Which action saw which kind of call: "start external", "start internal"... */
  static final class Calls {
    final List<String> seen = new ArrayList<>();

    void saw(String action, boolean internal) {
      seen.add(action + (internal ? " internal" : " external"));
    }
  }

  /**
   * start -> review -> end. Every action is custom (outside callers allowed); work items are
   * created only by callers (initializeWorkItem with a Review).
   */
  static WorkflowDefinition orders(Calls calls) {
    var review =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .initialize(Review.class, (ctx, p) -> calls.saw("initialize", ctx.isInternal()))
                    .start(Assignment.class, (ctx, p) -> calls.saw("start", ctx.isInternal()))
                    .complete(Void.class, (ctx, p) -> calls.saw("complete", ctx.isInternal()))
                    .fail(Void.class, (ctx, p) -> calls.saw("fail", ctx.isInternal()))
                    .cancel(Void.class, (ctx, p) -> calls.saw("cancel", ctx.isInternal()))
                    .reset(Void.class, (ctx, p) -> calls.saw("reset", ctx.isInternal())));
    return Builder.workflow("orders")
        .startCondition("start")
        .task("review", Builder.task(review))
        .endCondition("end")
        .connectCondition("start", to -> to.task("review"))
        .connectTask("review", to -> to.condition("end"))
        .withActions(
            Builder.workflowActions()
                .initialize(
                    Order.class, (ctx, p) -> calls.saw("workflow initialize", ctx.isInternal()))
                .cancel(Void.class, (ctx, p) -> calls.saw("workflow cancel", ctx.isInternal())))
        .build();
  }

  /** start -> t -> end with default actions only: outside callers may do nothing. */
  static WorkflowDefinition plain() {
    return Nets.singleTask("plain");
  }

  static final Assignment ANN = new Assignment("ann", 1);

  /** Runs a call that must fail with {@code type} and checks that it changed no row. */
  static <T extends Throwable> T rejects(TestDatabase db, Class<T> type, ThrowingCallable call) {
    DbSnapshot before = DbSnapshot.take(db);
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type).isInstanceOf(TasquencerException.class);
    assertThat(DbSnapshot.take(db)).as("tables after %s", thrown).isEqualTo(before);
    return type.cast(thrown);
  }

  static UUID newOrder(Tasquencer engine) {
    return engine.initializeRootWorkflow("orders", new Order("acme"));
  }

  static UUID newReview(Tasquencer engine, UUID wf) {
    return engine.initializeWorkItem(wf, "review", new Review("contract.pdf"));
  }

  // ---------------------------------------------------------------------------- unknown things

  @DbTest
  void unknownWorkflowIds(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    newOrder(engine);
    UUID nope = UUID.randomUUID();

    var e = rejects(db, WorkflowNotFoundException.class, () -> engine.cancelWorkflow(nope));
    assertThat(e.getMessage()).contains("workflow not found", nope.toString());
    assertThat(e.kind()).isEqualTo("workflow");
    assertThat(e.key()).isEqualTo(nope.toString());
    assertThat(e.code()).isEqualTo("ENTITY_NOT_FOUND");
    rejects(
        db,
        WorkflowNotFoundException.class,
        () -> engine.initializeWorkItem(nope, "review", new Review("x")));
    rejects(db, WorkflowNotFoundException.class, () -> engine.internal().cancelWorkflow(nope));
    assertThat(catchThrowable(() -> engine.queries().workflow(nope)))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @DbTest
  void unknownWorkItemIds(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    newReview(engine, newOrder(engine));
    UUID nope = UUID.randomUUID();
    List<ThrowingCallable> calls =
        List.of(
            () -> engine.startWorkItem(nope, ANN),
            () -> engine.completeWorkItem(nope),
            () -> engine.failWorkItem(nope),
            () -> engine.cancelWorkItem(nope),
            () -> engine.resetWorkItem(nope),
            () -> engine.internal().completeWorkItem(nope));
    for (ThrowingCallable call : calls) {
      var e = rejects(db, WorkItemNotFoundException.class, call);
      assertThat(e.getMessage()).contains("work item not found", nope.toString());
      assertThat(e.key()).isEqualTo(nope.toString());
    }
    assertThat(catchThrowable(() -> engine.queries().workItem(nope)))
        .isInstanceOf(WorkItemNotFoundException.class);
  }

  @DbTest
  void unknownTaskName(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    UUID wf = newOrder(engine);
    var e =
        rejects(
            db,
            TaskNotFoundException.class,
            () -> engine.initializeWorkItem(wf, "approve", new Review("x")));
    assertThat(e.getMessage())
        .contains("task not found: orders/approve", "The workflow's tasks are [review]");
    assertThat(e).isInstanceOf(EntityNotFoundException.class);
  }

  @DbTest
  void unknownDefinitionNameOrVersion(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()), plain());
    var name =
        rejects(
            db,
            DefinitionNotFoundException.class,
            () -> engine.initializeRootWorkflow("invoices", new Order("acme")));
    assertThat(name.getMessage()).contains("invoices", "orders v1", "plain v1");
    var version =
        rejects(
            db,
            DefinitionNotFoundException.class,
            () -> engine.initializeRootWorkflow("orders", "v7", new Order("acme")));
    assertThat(version.getMessage()).contains("orders v7", "registered: orders v1");
    rejects(
        db,
        DefinitionNotFoundException.class,
        () -> engine.internal().initializeRootWorkflow("invoices", null));
  }

  // ---------------------------------------------------------------------------- illegal
  // transitions

  static void checkMessage(
      InvalidStateTransitionException e,
      String kind,
      UUID id,
      String state,
      String transition,
      String... allowed) {
    assertThat(e.elementKind()).isEqualTo(kind);
    assertThat(e.element()).contains(id.toString());
    assertThat(e.currentState()).isEqualTo(state);
    assertThat(e.attempted()).isEqualTo(transition);
    assertThat(e.allowedFrom()).containsExactly(allowed);
    assertThat(e.getMessage())
        .contains(kind + " ")
        .contains(id.toString())
        .contains("cannot " + transition)
        .contains("it is " + state)
        .contains("allowed only from " + List.of(allowed));
    assertThat(e.code()).isEqualTo("INVALID_STATE_TRANSITION");
  }

  @DbTest
  void illegalWorkItemTransitions(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    UUID wf = newOrder(engine);
    UUID started = newReview(engine, wf);
    UUID initialized = newReview(engine, wf);
    engine.startWorkItem(started, ANN);

    var twice =
        rejects(db, WorkItemInvalidStateException.class, () -> engine.startWorkItem(started, ANN));
    checkMessage(twice, "work item", started, "started", "start", "initialized");
    assertThat(twice.getMessage())
        .startsWith(
            "work item 'review' " + started + " of task 'review' of workflow 'orders' " + wf)
        .contains("cannot start: it is started");

    var early =
        rejects(
            db, WorkItemInvalidStateException.class, () -> engine.completeWorkItem(initialized));
    checkMessage(early, "work item", initialized, "initialized", "complete", "started");
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.failWorkItem(initialized)),
        "work item",
        initialized,
        "initialized",
        "fail",
        "started");
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.resetWorkItem(initialized)),
        "work item",
        initialized,
        "initialized",
        "reset",
        "started");
    // internal calls are guarded by the same state machine
    checkMessage(
        rejects(
            db,
            WorkItemInvalidStateException.class,
            () -> engine.internal().resetWorkItem(initialized)),
        "work item",
        initialized,
        "initialized",
        "reset",
        "started");

    // completing both finishes the task and the workflow
    engine.completeWorkItem(started);
    engine.startWorkItem(initialized, ANN);
    engine.completeWorkItem(initialized);
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.cancelWorkItem(started)),
        "work item",
        started,
        "completed",
        "cancel",
        "initialized",
        "started");
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.resetWorkItem(started)),
        "work item",
        started,
        "completed",
        "reset",
        "started");
  }

  @DbTest
  void resetOfFailedAndCanceledWorkItems(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));

    UUID wf1 = newOrder(engine);
    UUID failed = newReview(engine, wf1);
    engine.startWorkItem(failed, ANN);
    engine.failWorkItem(failed);
    assertThat(engine.queries().workItemState(failed)).isEqualTo(WorkItemState.FAILED);
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.resetWorkItem(failed)),
        "work item",
        failed,
        "failed",
        "reset",
        "started");

    UUID wf2 = newOrder(engine);
    UUID canceled = newReview(engine, wf2);
    engine.cancelWorkItem(canceled);
    assertThat(engine.queries().workItemState(canceled)).isEqualTo(WorkItemState.CANCELED);
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.resetWorkItem(canceled)),
        "work item",
        canceled,
        "canceled",
        "reset",
        "started");
    checkMessage(
        rejects(db, WorkItemInvalidStateException.class, () -> engine.startWorkItem(canceled, ANN)),
        "work item",
        canceled,
        "canceled",
        "start",
        "initialized");
  }

  @DbTest
  void cancelOfAFinishedWorkflow(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    UUID completed = newOrder(engine);
    UUID w = newReview(engine, completed);
    engine.startWorkItem(w, ANN);
    engine.completeWorkItem(w);
    UUID canceled = newOrder(engine);
    engine.cancelWorkflow(canceled);

    var e =
        rejects(db, WorkflowInvalidStateException.class, () -> engine.cancelWorkflow(completed));
    checkMessage(e, "workflow", completed, "completed", "cancel", "initialized", "started");
    assertThat(e.getMessage()).contains("workflow 'orders'");
    checkMessage(
        rejects(
            db,
            WorkflowInvalidStateException.class,
            () -> engine.internal().cancelWorkflow(canceled)),
        "workflow",
        canceled,
        "canceled",
        "cancel",
        "initialized",
        "started");
  }

  @DbTest
  void workItemOfATaskThatIsNoLongerActive(TestDatabase db) {
    Tasquencer engine = db.engine(orders(new Calls()));
    UUID wf = newOrder(engine);
    engine.cancelWorkflow(wf);
    var e =
        rejects(
            db,
            ConstraintViolationException.class,
            () -> engine.initializeWorkItem(wf, "review", new Review("late.pdf")));
    assertThat(e.getMessage()).contains("task 'review'", "disabled", "enabled or started");
  }

  // ---------------------------------------------------------------------------- payloads

  static void checkPayload(PayloadValidationException e, String action, String field, String why) {
    assertThat(e.action()).isEqualTo(action);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.element()).contains("review");
    assertThat(e.getMessage()).contains(action + " of ", why);
    if (!field.isEmpty()) {
      assertThat(e.getMessage()).contains("field '" + field + "'");
    }
    assertThat(e.code()).isEqualTo("PAYLOAD_VALIDATION");
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @DbTest
  void invalidPayloadsOfCustomActions(TestDatabase db) {
    Calls calls = new Calls();
    Tasquencer engine = db.engine(orders(calls));
    UUID wf = newOrder(engine);
    UUID w = newReview(engine, wf);
    calls.seen.clear();

    checkPayload(
        rejects(db, PayloadValidationException.class, () -> engine.startWorkItem(w, null)),
        "start",
        "",
        "a payload of type Assignment is required");
    checkPayload(
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, map("priority", 2))),
        "start",
        "assignee",
        "is required");
    checkPayload(
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, new Assignment(null, 2))),
        "start",
        "assignee",
        "is required");
    checkPayload(
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, map("assignee", "ann", "priority", "urgent"))),
        "start",
        "priority",
        "urgent");
    checkPayload(
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, map("assignee", "ann", "priority", 1, "color", "red"))),
        "start",
        "color",
        "color");
    var ctor =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, map("assignee", "ann", "priority", -1)));
    // the record's own check names the field in its message
    assertThat(ctor.getMessage())
        .contains("start of work item 'review' " + w, "priority must be >= 0, was -1");
    var json =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, "{\"assignee\": \"ann\", \"priority\": [1]}"));
    checkPayload(json, "start", "priority", "expected a whole number, got an array");
    assertThat(calls.seen).as("no action ran for an invalid payload").isEmpty();

    // initialize payloads (stored as JSON) are validated the same way
    checkPayload(
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.initializeWorkItem(wf, "review", map("document", "a", "pages", 3))),
        "initialize",
        "pages",
        "pages");
    var workflowPayload =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.initializeRootWorkflow("orders", map("client", "acme")));
    assertThat(workflowPayload.element()).contains("orders");
    assertThat(workflowPayload.field()).isEqualTo("client");
    assertThat(calls.seen).isEmpty();

    // a valid Map (or JSON text) is converted to the record and accepted
    engine.startWorkItem(w, map("assignee", "ann", "priority", 3));
    assertThat(engine.queries().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    UUID other = engine.initializeWorkItem(wf, "review", "{\"document\": \"b.pdf\"}");
    assertThat(engine.queries().workItem(other).payloadJson()).contains("b.pdf");
  }

  // ---------------------------------------------------------------------------- internal only

  @DbTest
  void defaultActionsRefuseOutsideCallers(TestDatabase db) {
    Tasquencer engine = db.engine(plain());
    var init =
        rejects(
            db, NotInternalCallException.class, () -> engine.initializeRootWorkflow("plain", null));
    assertThat(init.getMessage()).contains("initialize of workflow 'plain'", "engine.internal()");
    assertThat(init.code()).isEqualTo("NOT_INTERNAL_CALL");

    UUID wf = engine.internal().initializeRootWorkflow("plain", null);
    UUID w = engine.queries().workItems(wf, "t").get(0).id();
    var start = rejects(db, NotInternalCallException.class, () -> engine.startWorkItem(w));
    assertThat(start.getMessage())
        .contains("start of work item 'noop' " + w, "default action", "custom start action");
    rejects(db, NotInternalCallException.class, () -> engine.cancelWorkItem(w));
    rejects(db, NotInternalCallException.class, () -> engine.initializeWorkItem(wf, "t", null));
    var cancel = rejects(db, NotInternalCallException.class, () -> engine.cancelWorkflow(wf));
    assertThat(cancel.getMessage()).contains("cancel of workflow 'plain'");

    engine.internal().startWorkItem(w);
    rejects(db, NotInternalCallException.class, () -> engine.completeWorkItem(w));
    rejects(db, NotInternalCallException.class, () -> engine.failWorkItem(w));
    rejects(db, NotInternalCallException.class, () -> engine.resetWorkItem(w));

    // the same calls work through engine.internal()
    engine.internal().resetWorkItem(w);
    engine.internal().startWorkItem(w);
    engine.internal().completeWorkItem(w);
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void customActionsSeeWhetherTheCallIsInternal(TestDatabase db) {
    Calls calls = new Calls();
    Tasquencer engine = db.engine(orders(calls));

    UUID wf = newOrder(engine);
    UUID w = newReview(engine, wf);
    engine.startWorkItem(w, ANN);
    engine.resetWorkItem(w);
    engine.cancelWorkItem(w);
    UUID wf2 = engine.internal().initializeRootWorkflow("orders", new Order("acme"));
    UUID w2 = engine.internal().initializeWorkItem(wf2, "review", new Review("x"));
    engine.internal().startWorkItem(w2, ANN);
    engine.internal().resetWorkItem(w2);
    engine.internal().startWorkItem(w2, ANN);
    engine.internal().failWorkItem(w2);
    UUID wf3 = newOrder(engine);
    engine.cancelWorkflow(wf3);
    UUID wf4 = newOrder(engine);
    engine.internal().cancelWorkflow(wf4);
    UUID wf5 = newOrder(engine);
    UUID w5 = newReview(engine, wf5);
    engine.startWorkItem(w5, ANN);
    engine.completeWorkItem(w5);

    assertThat(calls.seen)
        .containsExactly(
            "workflow initialize external",
            "initialize external",
            "start external",
            "reset external",
            "cancel external",
            "workflow initialize internal",
            "initialize internal",
            "start internal",
            "reset internal",
            "start internal",
            "fail internal",
            "workflow initialize external",
            "workflow cancel external",
            "workflow initialize external",
            "workflow cancel internal",
            "workflow initialize external",
            "initialize external",
            "start external",
            "complete external");
  }

  // ---------------------------------------------------------------------------- misuse in hooks

  /** start -> t -> end; the work item's onStarted does what {@code misuse} holds. */
  static WorkflowDefinition misuse(AtomicReference<String> misuse, AtomicReference<Tasquencer> e) {
    var item =
        Builder.workItem("m")
            .onStarted(
                ctx -> {
                  switch (misuse.get()) {
                    case "nested call" -> e.get().internal().completeWorkItem(ctx.workItem().id());
                    case "two requests" -> {
                      ctx.workItem().complete();
                      ctx.workItem().fail();
                    }
                    default -> {}
                  }
                });
    return Builder.workflow("misuse")
        .startCondition("start")
        .task("t", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  @DbTest
  void engineCallsAndDoubleRequestsFromInsideHooks(TestDatabase db) {
    AtomicReference<String> misuse = new AtomicReference<>("none");
    AtomicReference<Tasquencer> engine = new AtomicReference<>();
    engine.set(db.engine(misuse(misuse, engine)));
    UUID wf = engine.get().internal().initializeRootWorkflow("misuse", null);
    UUID w = engine.get().queries().workItems(wf, "t").get(0).id();

    misuse.set("nested call");
    var nested =
        rejects(db, ConfigurationException.class, () -> engine.get().internal().startWorkItem(w));
    assertThat(nested.getMessage())
        .contains("completeWorkItem was called from inside an activity", "Use the context");

    misuse.set("two requests");
    var twice =
        rejects(
            db,
            AutoTriggerAlreadySetException.class,
            () -> engine.get().internal().startWorkItem(w));
    assertThat(twice.getMessage())
        .contains(w.toString(), "already requested complete", "cannot also request fail");

    misuse.set("none");
    engine.get().internal().startWorkItem(w);
    assertThat(engine.get().queries().workItemState(w)).isEqualTo(WorkItemState.STARTED);
  }
}

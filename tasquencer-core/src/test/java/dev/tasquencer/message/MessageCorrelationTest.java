package dev.tasquencer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.EntityNotFoundException;
import dev.tasquencer.api.error.IdempotencyKeyReusedException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.NoMessageReceiverException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.api.error.WorkflowSuspendedException;
import dev.tasquencer.api.message.Correlation;
import dev.tasquencer.api.message.Message;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowingConsumer;

/**
 * Message correlation (docs/messages.md): a work item waits for a named message under a key its
 * payload gives; {@code correlate(message, key, payload)} completes exactly the waiting items of
 * that key, once, however many callers race; a message nobody waits for is refused (nothing
 * changed) or, when bufferable, kept until a matching work item appears or it expires. Waits end
 * with their work items, suspended trees refuse outside callers, history records each delivery.
 */
class MessageCorrelationTest {
  private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
  private static final Actor WEBHOOK = Actor.system("payments-webhook");

  record Order(String orderId) {}

  record Payment(String orderId, long cents) {}

  /** Open to outside callers that name an actor; refused when nobody waits. */
  static final Message PAYMENT = Message.named("payment-received").allowedBy(Policy.anyActor());

  /** Internal only. */
  static final Message SHIPPED = Message.named("shipped");

  /** Kept for an hour when nobody waits. */
  static final Message INVOICE_PAID =
      Message.named("invoice-paid").bufferable(Duration.ofHours(1)).allowedBy(Policy.anyActor());

  /** A work item typed by Order (initialize) and Payment (complete), waiting for {@code m}. */
  static WorkItemBuilder waiting(String name, Message m) {
    return Builder.workItem(name)
        .withActions(Builder.workItemActions().initialize(Order.class).complete(Payment.class))
        .awaits(m.keyedBy(ctx -> ctx.payload(Order.class).orderId()));
  }

  /** {@code start -> task -> end}; the task initializes one item with the workflow's Order. */
  static WorkflowDefinition oneWait(String workflow, String task, WorkItemBuilder item) {
    return Nets.oneTask(
            workflow,
            task,
            Builder.task(item)
                .onEnabled(
                    ctx -> ctx.workItem().initialize(ctx.parent().workflowPayload(Order.class))))
        .build();
  }

  static final WorkflowDefinition ORDER = oneWait("order", "pay", waiting("awaitPayment", PAYMENT));
  static final WorkflowDefinition SHIPMENT =
      oneWait("shipment", "ship", waiting("awaitShipped", SHIPPED));
  static final WorkflowDefinition INVOICE =
      oneWait("invoice", "collect", waiting("awaitInvoicePaid", INVOICE_PAID));

  private record Setup(Tasquencer engine, ManualClock clock) {
    UUID start(String workflow, String orderId) {
      return engine.internal().initializeRootWorkflow(workflow, new Order(orderId));
    }

    UUID item(UUID workflowId, String task) {
      var items = engine.queries().workItems(workflowId, task);
      assertThat(items).hasSize(1);
      return items.get(0).id();
    }

    WorkItemState state(UUID workItem) {
      return engine.queries().workItemState(workItem);
    }

    List<HistoryEvent> events(UUID root) {
      return engine
          .queries()
          .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
          .events()
          .stream()
          .filter(e -> e.element() == ElementKind.WORK_ITEM)
          .toList();
    }
  }

  private static Setup setup(TestDatabase db, WorkflowDefinition... more) {
    ManualClock clock = new ManualClock(T0);
    List<WorkflowDefinition> defs = new ArrayList<>(List.of(ORDER, SHIPMENT, INVOICE));
    defs.addAll(List.of(more));
    Tasquencer engine =
        db.engine(
            Tasquencer.builder().clock(clock).register(defs.toArray(WorkflowDefinition[]::new)));
    return new Setup(engine, clock);
  }

  private static long count(TestDatabase db, String table) {
    try (var c = db.dataSource().getConnection();
        var rs = c.createStatement().executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The call must fail as {@code check} says and change nothing. */
  private static void rejects(TestDatabase db, Runnable call, ThrowingConsumer<Throwable> check) {
    DbSnapshot before = DbSnapshot.take(db);
    Throwable thrown = null;
    try {
      call.run();
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).as("the call must fail").isNotNull().satisfies(check);
    assertThat(DbSnapshot.take(db)).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------ delivery

  @DbTest
  void correlationCompletesExactlyTheWaitingWorkItemOfTheKey(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID b = s.start("order", "B-2");
    UUID shipA = s.start("shipment", "A-1");
    UUID itemA = s.item(a, "pay");
    UUID itemB = s.item(b, "pay");
    UUID itemShip = s.item(shipA, "ship");
    assertThat(count(db, "tq_message_wait")).isEqualTo(3);

    Correlation r =
        s.engine.as(WEBHOOK).correlate("payment-received", "A-1", new Payment("A-1", 4200));

    assertThat(r.deliveredTo()).containsExactly(itemA);
    assertThat(r.buffered()).isFalse();
    assertThat(s.state(itemA)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.engine.queries().workItem(itemA).resultPayload(Payment.class))
        .isEqualTo(new Payment("A-1", 4200));
    assertThat(s.engine.queries().workflowState(a)).isEqualTo(WorkflowState.COMPLETED);
    // another key of the same message, and the same key of another message: untouched
    assertThat(s.state(itemB)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(s.state(itemShip)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(s.engine.queries().workflowState(b).isFinal()).isFalse();
    assertThat(count(db, "tq_message_wait")).isEqualTo(2);

    // the message was delivered once: the same key finds nobody now
    assertThatThrownBy(
            () -> s.engine.as(WEBHOOK).correlate("payment-received", "A-1", new Payment("A-1", 1)))
        .isInstanceOf(NoMessageReceiverException.class);

    Correlation shipped = s.engine.internal().correlate("shipped", "A-1", new Payment("A-1", 0));
    assertThat(shipped.deliveredTo()).containsExactly(itemShip);
    assertThat(s.state(itemB)).isEqualTo(WorkItemState.INITIALIZED);
  }

  /**
   * A webhook delivered twice with its delivery id as idempotency key (docs/idempotency.md): the
   * repeat gets the first correlation back, and nothing is delivered or buffered again.
   */
  @DbTest
  void aCorrelationRepeatedWithAnIdempotencyKeyDeliversOnce(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID item = s.item(a, "pay");
    var webhook = s.engine.as(WEBHOOK);
    Correlation first =
        webhook
            .idempotent("delivery-7")
            .correlate("payment-received", "A-1", new Payment("A-1", 4200));
    Correlation again =
        webhook
            .idempotent("delivery-7")
            .correlate("payment-received", "A-1", new Payment("A-1", 4200));
    assertThat(again).isEqualTo(first);
    assertThat(again.deliveredTo()).containsExactly(item);
    assertThat(s.events(a).stream().filter(e -> e.event().equals("message")).count()).isEqualTo(1);
    assertThat(count(db, "tq_message_buffer")).isZero();
    assertThatThrownBy(
            () ->
                webhook
                    .idempotent("delivery-7")
                    .correlate("payment-received", "A-1", new Payment("A-1", 1)))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  @DbTest
  void everyWorkItemWaitingUnderTheKeyReceivesTheMessage(TestDatabase db) {
    var s = setup(db);
    UUID first = s.start("order", "SAME");
    UUID second = s.start("order", "SAME");
    UUID other = s.start("order", "OTHER");
    List<UUID> items = new ArrayList<>(List.of(s.item(first, "pay"), s.item(second, "pay")));
    items.sort(null);

    Correlation r =
        s.engine.internal().correlate("payment-received", "SAME", new Payment("SAME", 1));

    assertThat(r.deliveredTo()).containsExactlyElementsOf(items);
    assertThat(s.engine.queries().workflowState(first)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.engine.queries().workflowState(second)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.state(s.item(other, "pay"))).isEqualTo(WorkItemState.INITIALIZED);
  }

  @DbTest
  void historyRecordsTheDeliveryThenTheEnginesStartAndCompletion(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID item = s.item(a, "pay");

    s.engine.as(WEBHOOK).correlate("payment-received", "A-1", new Payment("A-1", 4200));

    List<HistoryEvent> events =
        s.events(a).stream().filter(e -> item.equals(e.workItemId())).toList();
    assertThat(events)
        .extracting(HistoryEvent::event)
        .containsExactly("initialize", "message", "start", "complete");
    HistoryEvent message = events.get(1);
    assertThat(message.actor()).isEqualTo(WEBHOOK);
    assertThat(message.origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(message.toState()).isNull();
    assertThat(message.payloadJson())
        .contains("\"message\":\"payment-received\"", "\"key\":\"A-1\"");
    assertThat(events.get(2).origin()).isEqualTo(Origin.ENGINE);
    assertThat(events.get(3).origin()).isEqualTo(Origin.ENGINE);
    assertThat(events.get(3).payloadJson()).contains("4200");
    // time travel replays past the delivery event: it changed no state of its own
    long last =
        s.engine.queries().history(a, HistoryFilter.ALL, HistoryPage.first(1000)).events().stream()
            .mapToLong(HistoryEvent::seq)
            .max()
            .orElseThrow();
    var replayed = s.engine.queries().stateAt(a, last);
    assertThat(replayed.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(replayed.workItems())
        .singleElement()
        .satisfies(w -> assertThat(w.state()).isEqualTo(WorkItemState.COMPLETED));
  }

  @DbTest
  void aWorkItemStartedBeforeTheMessageIsOnlyCompleted(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID item = s.item(a, "pay");
    s.engine.internal().startWorkItem(item);

    s.engine.internal().correlate("payment-received", "A-1", new Payment("A-1", 1));

    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.events(a).stream().filter(e -> e.event().equals("start"))).hasSize(1);
  }

  @DbTest
  void onMessageRunsInsteadOfTheCompletionAndDecides(TestDatabase db) {
    Message review = Message.named("review-result");
    WorkItemBuilder awaitReview =
        Builder.workItem("awaitReview")
            .withActions(Builder.workItemActions().initialize(Order.class))
            .awaits(
                review
                    .keyedBy(ctx -> ctx.payload(Order.class).orderId())
                    .onMessage(
                        ctx -> {
                          Payment p = ctx.transitionPayload(Payment.class);
                          if (p != null && p.cents() > 0) {
                            ctx.workItem().complete(p);
                          } else if (p != null) {
                            ctx.workItem().fail(p);
                          } // no payload: stays started
                        }));
    var s = setup(db, oneWait("review", "check", awaitReview));
    UUID ok = s.start("review", "OK");
    UUID bad = s.start("review", "BAD");
    UUID quiet = s.start("review", "QUIET");

    s.engine.internal().correlate("review-result", "OK", new Payment("OK", 5));
    s.engine.internal().correlate("review-result", "BAD", new Payment("BAD", 0));
    s.engine.internal().correlate("review-result", "QUIET", null);

    assertThat(s.state(s.item(ok, "check"))).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.state(s.item(bad, "check"))).isEqualTo(WorkItemState.FAILED);
    assertThat(s.engine.queries().workflowState(bad)).isEqualTo(WorkflowState.FAILED);
    UUID quietItem = s.item(quiet, "check");
    assertThat(s.state(quietItem)).isEqualTo(WorkItemState.STARTED);
    // the wait was used up by the delivery
    assertThatThrownBy(() -> s.engine.internal().correlate("review-result", "QUIET", null))
        .isInstanceOf(NoMessageReceiverException.class);
    assertThat(count(db, "tq_message_wait")).isZero();
  }

  @DbTest
  void aWorkItemOfAChildWorkflowReceivesTheMessageAndItsParentGoesOn(TestDatabase db) {
    var child =
        Nets.oneTask(
            "payment",
            "pay",
            Builder.task(waiting("awaitPayment", PAYMENT))
                .onEnabled(
                    ctx -> ctx.workItem().initialize(ctx.parent().workflowPayload(Order.class))));
    WorkflowDefinition parent =
        Builder.workflow("checkout")
            .startCondition("start")
            .compositeTask(
                "payment",
                Builder.compositeTask(child)
                    .onEnabled(
                        ctx ->
                            ctx.workflow().initialize(ctx.parent().workflowPayload(Order.class))))
            .endCondition("end")
            .connectCondition("start", to -> to.task("payment"))
            .connectTask("payment", to -> to.condition("end"))
            .build();
    var s = setup(db, parent);
    UUID root = s.start("checkout", "C-7");
    UUID childId = s.engine.queries().childWorkflows(root, "payment").get(0).id();

    Correlation r =
        s.engine.as(WEBHOOK).correlate("payment-received", "C-7", new Payment("C-7", 1));

    assertThat(r.deliveredTo()).containsExactly(s.item(childId, "pay"));
    assertThat(s.engine.queries().workflowState(childId)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.engine.queries().workflowState(root)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.events(root).stream().filter(e -> e.event().equals("message")))
        .singleElement()
        .satisfies(e -> assertThat(e.workflowId()).isEqualTo(childId));
  }

  // ------------------------------------------------------------------------------ refusals

  @DbTest
  void noReceiverIsATypedNotFoundErrorAndChangesNothing(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID item = s.item(a, "pay");

    rejects(
        db,
        () -> s.engine.as(WEBHOOK).correlate("payment-received", "Z-9", new Payment("Z-9", 1)),
        e -> {
          assertThat(e).isInstanceOf(NoMessageReceiverException.class);
          assertThat(e).isInstanceOf(EntityNotFoundException.class);
          var n = (NoMessageReceiverException) e;
          assertThat(n.code()).isEqualTo("NO_MESSAGE_RECEIVER");
          assertThat(n.messageName()).isEqualTo("payment-received");
          assertThat(n.correlationKey()).isEqualTo("Z-9");
          assertThat(n.getMessage()).contains("payment-received", "Z-9", "bufferable");
        });
    // a message no registered definition waits for
    rejects(
        db,
        () -> s.engine.internal().correlate("payment-recieved", "A-1", null),
        e ->
            assertThat(e)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("payment-recieved")
                .hasMessageContaining("payment-received"));
    // a payload its complete action does not accept: nothing delivered
    rejects(
        db,
        () ->
            s.engine
                .as(WEBHOOK)
                .correlate("payment-received", "A-1", Map.of("orderId", "A-1", "cents", "lots")),
        e -> assertThat(e).isInstanceOf(PayloadValidationException.class));
    assertThat(s.state(item)).isEqualTo(WorkItemState.INITIALIZED);
  }

  @DbTest
  void outsideCallersNeedTheMessagesPolicy(TestDatabase db) {
    Message guarded =
        Message.named("guarded")
            .allowedBy(Policy.custom("payments webhook", ctx -> ctx.actor().equals(WEBHOOK)));
    var s = setup(db, oneWait("guard", "wait", waiting("awaitGuarded", guarded)));
    UUID g = s.start("guard", "G-1");
    UUID ship = s.start("shipment", "S-1");

    // no policy: internal only
    rejects(
        db,
        () -> s.engine.as(WEBHOOK).correlate("shipped", "S-1", null),
        e ->
            assertThat(e)
                .isInstanceOf(NotInternalCallException.class)
                .hasMessageContaining("allowedBy"));
    // a policy, but no actor
    rejects(
        db,
        () -> s.engine.correlate("guarded", "G-1", new Payment("G-1", 1)),
        e ->
            assertThat(e)
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("without an actor"));
    // the policy refuses the actor (also when nobody waits: a refused caller learns nothing)
    rejects(
        db,
        () -> s.engine.as(Actor.user("mallory")).correlate("guarded", "G-1", new Payment("G-1", 1)),
        e -> assertThat(e).isInstanceOf(NotAuthorizedException.class));
    rejects(
        db,
        () -> s.engine.as(Actor.user("mallory")).correlate("guarded", "NONE", null),
        e -> assertThat(e).isInstanceOf(NotAuthorizedException.class));

    s.engine.as(WEBHOOK).correlate("guarded", "G-1", new Payment("G-1", 1));
    s.engine.internal().correlate("shipped", "S-1", new Payment("S-1", 1));
    assertThat(s.engine.queries().workflowState(g)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.engine.queries().workflowState(ship)).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void aSuspendedTreeRefusesOutsideCorrelationAndChangesNothing(TestDatabase db) {
    var s = setup(db);
    UUID a = s.start("order", "A-1");
    UUID item = s.item(a, "pay");
    s.engine.internal().suspendWorkflow(a, "fraud check");

    rejects(
        db,
        () -> s.engine.as(WEBHOOK).correlate("payment-received", "A-1", new Payment("A-1", 1)),
        e -> {
          assertThat(e).isInstanceOf(WorkflowSuspendedException.class);
          assertThat(((WorkflowSuspendedException) e).rootId()).isEqualTo(a);
          assertThat(e.getMessage()).contains("fraud check");
        });
    assertThat(s.state(item)).isEqualTo(WorkItemState.INITIALIZED);

    s.engine.internal().resumeWorkflow(a);
    s.engine.as(WEBHOOK).correlate("payment-received", "A-1", new Payment("A-1", 1));
    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ waits end

  @DbTest
  void aWaitEndsWithItsWorkItemHoweverItEnds(TestDatabase db) {
    var s = setup(db);
    UUID completed = s.start("order", "C");
    UUID canceled = s.start("order", "X");
    UUID tornDown = s.start("order", "T");
    UUID live = s.start("order", "L");
    s.engine.internal().startWorkItem(s.item(completed, "pay"));
    s.engine.internal().completeWorkItem(s.item(completed, "pay"), new Payment("C", 1));
    s.engine.internal().cancelWorkItem(s.item(canceled, "pay"));
    UUID tornItem = s.item(tornDown, "pay");
    s.engine.internal().cancelWorkflow(tornDown);
    assertThat(s.state(tornItem)).isEqualTo(WorkItemState.CANCELED);

    assertThat(count(db, "tq_message_wait")).isEqualTo(1);
    for (String key : List.of("C", "X", "T")) {
      rejects(
          db,
          () -> s.engine.internal().correlate("payment-received", key, new Payment(key, 1)),
          e -> assertThat(e).isInstanceOf(NoMessageReceiverException.class));
    }
    assertThat(
            s.engine
                .internal()
                .correlate("payment-received", "L", new Payment("L", 1))
                .deliveredTo())
        .containsExactly(s.item(live, "pay"));
  }

  // ------------------------------------------------------------------------------ buffering

  @DbTest
  void aBufferedMessageIsDeliveredWhenAMatchingWorkItemIsInitialized(TestDatabase db) {
    var s = setup(db);
    Correlation r = s.engine.as(WEBHOOK).correlate("invoice-paid", "I-1", new Payment("I-1", 900));
    assertThat(r.buffered()).isTrue();
    assertThat(r.deliveredTo()).isEmpty();
    assertThat(r.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(count(db, "tq_message_buffer")).isEqualTo(1);

    s.clock.advance(Duration.ofMinutes(59));
    UUID other = s.start("invoice", "I-2"); // another key: nothing for it
    UUID inv = s.start("invoice", "I-1");

    UUID item = s.item(inv, "collect");
    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.engine.queries().workItem(item).resultPayload(Payment.class))
        .isEqualTo(new Payment("I-1", 900));
    assertThat(s.engine.queries().workflowState(inv)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.state(s.item(other, "collect"))).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(count(db, "tq_message_buffer")).isZero();
    assertThat(count(db, "tq_message_wait")).isEqualTo(1);
    HistoryEvent message =
        s.events(inv).stream().filter(e -> e.event().equals("message")).findFirst().orElseThrow();
    assertThat(message.payloadJson()).contains("\"buffered\":\"" + r.bufferedAs() + "\"");
  }

  @DbTest
  void bufferedMessagesGoOneToEachLaterWorkItemOldestFirst(TestDatabase db) {
    var s = setup(db);
    s.engine.internal().correlate("invoice-paid", "K", new Payment("K", 1));
    s.clock.advance(Duration.ofSeconds(1));
    s.engine.internal().correlate("invoice-paid", "K", new Payment("K", 2));

    UUID first = s.start("invoice", "K");
    UUID second = s.start("invoice", "K");
    UUID third = s.start("invoice", "K");

    assertThat(s.engine.queries().workItem(s.item(first, "collect")).resultPayload(Payment.class))
        .isEqualTo(new Payment("K", 1));
    assertThat(s.engine.queries().workItem(s.item(second, "collect")).resultPayload(Payment.class))
        .isEqualTo(new Payment("K", 2));
    assertThat(s.state(s.item(third, "collect"))).isEqualTo(WorkItemState.INITIALIZED);
    // with a receiver waiting, a bufferable message is delivered, not buffered
    Correlation r = s.engine.internal().correlate("invoice-paid", "K", new Payment("K", 3));
    assertThat(r.deliveredTo()).containsExactly(s.item(third, "collect"));
    assertThat(count(db, "tq_message_buffer")).isZero();
  }

  @DbTest
  void anExpiredMessageIsNotDeliveredAndThePurgeDeletesIt(TestDatabase db) {
    var s = setup(db);
    s.engine.internal().correlate("invoice-paid", "OLD", new Payment("OLD", 1));
    s.clock.advance(Duration.ofHours(1));

    UUID inv = s.start("invoice", "OLD");

    UUID item = s.item(inv, "collect");
    assertThat(s.state(item)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(count(db, "tq_message_buffer")).isEqualTo(1);
    s.engine.purge(T0, 10);
    assertThat(count(db, "tq_message_buffer")).isZero();
    assertThat(s.state(item)).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(count(db, "tq_message_wait")).isEqualTo(1);
  }

  @DbTest
  void aWorkItemInitializedByAnOutsideCallTakesTheBufferedMessageInThatCall(TestDatabase db) {
    WorkflowDefinition manual =
        Nets.oneTask("manual", "collect", Builder.task(waiting("awaitInvoicePaid", INVOICE_PAID)))
            .build();
    var s = setup(db, manual);
    s.engine.internal().correlate("invoice-paid", "M", new Payment("M", 7));
    UUID wf = s.engine.internal().initializeRootWorkflow("manual", null);
    UUID item = s.engine.internal().initializeWorkItem(wf, "collect", new Order("M"));
    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ races

  /** Runs {@code n} correlations at once; returns each outcome (a Correlation or the error). */
  private static List<Object> race(int n, java.util.function.Supplier<Correlation> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return call.get();
                  } catch (RuntimeException e) {
                    return e;
                  }
                }));
      }
      go.countDown();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @DbTest
  void sixteenConcurrentCorrelationsDeliverTheMessageOnce(TestDatabase db) throws Exception {
    var s = setup(db);
    UUID a = s.start("order", "RACE");
    UUID item = s.item(a, "pay");

    List<Object> outcomes =
        race(
            16,
            () ->
                s.engine.as(WEBHOOK).correlate("payment-received", "RACE", new Payment("RACE", 1)));

    List<Correlation> delivered =
        outcomes.stream()
            .filter(Correlation.class::isInstance)
            .map(Correlation.class::cast)
            .toList();
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).deliveredTo()).containsExactly(item);
    assertThat(outcomes.stream().filter(o -> !(o instanceof Correlation)))
        .hasSize(15)
        .allSatisfy(o -> assertThat(o).isInstanceOf(NoMessageReceiverException.class));
    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
    List<HistoryEvent> events = s.events(a);
    assertThat(events.stream().filter(e -> e.event().equals("message"))).hasSize(1);
    assertThat(events.stream().filter(e -> e.event().equals("complete"))).hasSize(1);
  }

  @DbTest
  void sixteenConcurrentBufferableCorrelationsDeliverOneAndBufferTheRest(TestDatabase db)
      throws Exception {
    var s = setup(db);
    UUID inv = s.start("invoice", "RACE");
    UUID item = s.item(inv, "collect");

    List<Object> outcomes =
        race(
            16,
            () -> s.engine.internal().correlate("invoice-paid", "RACE", new Payment("RACE", 1)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Correlation.class));
    List<Correlation> all = outcomes.stream().map(Correlation.class::cast).toList();
    assertThat(all.stream().filter(c -> !c.buffered()).toList())
        .singleElement()
        .satisfies(c -> assertThat(c.deliveredTo()).containsExactly(item));
    assertThat(all.stream().filter(Correlation::buffered)).hasSize(15);
    assertThat(count(db, "tq_message_buffer")).isEqualTo(15);
    assertThat(s.state(item)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(s.events(inv).stream().filter(e -> e.event().equals("message"))).hasSize(1);
  }

  @DbTest
  void aBufferingRacingAnInitializeIsNeverLost(TestDatabase db) throws Exception {
    var s = setup(db);
    int rounds = 8;
    for (int i = 0; i < rounds; i++) {
      String key = "R-" + i;
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      try {
        Future<UUID> init =
            pool.submit(
                () -> {
                  go.await();
                  return s.start("invoice", key);
                });
        Future<Correlation> send =
            pool.submit(
                () -> {
                  go.await();
                  return s.engine.internal().correlate("invoice-paid", key, new Payment(key, 1));
                });
        go.countDown();
        UUID wf = init.get(60, TimeUnit.SECONDS);
        send.get(60, TimeUnit.SECONDS);
        // delivered at once, or buffered and taken by the initialize: never left apart
        assertThat(s.state(s.item(wf, "collect"))).as(key).isEqualTo(WorkItemState.COMPLETED);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(count(db, "tq_message_buffer")).isZero();
    assertThat(count(db, "tq_message_wait")).isZero();
  }

  // ------------------------------------------------------------------------------ declarations

  @DbTest
  void aMessageDeclaredTwoWaysIsRefusedWhenTheEngineIsBuilt(TestDatabase db) {
    WorkflowDefinition other =
        oneWait(
            "other",
            "pay",
            waiting(
                "awaitPayment", Message.named("payment-received").bufferable(Duration.ofDays(1))));
    assertThatThrownBy(() -> db.engine(ORDER, other))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("payment-received")
        .hasMessageContaining("bufferable for PT24H");
    assertThatThrownBy(() -> waiting("twice", PAYMENT).awaits(SHIPPED.keyedBy(ctx -> "k")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("one message");
  }

  @DbTest
  void aMessagePolicyNamingAnUndeclaredScopeIsRefusedWhenTheEngineIsBuilt(TestDatabase db) {
    Message scoped = Message.named("scoped").allowedBy(Policy.requireScope("payments:notify"));
    WorkflowDefinition def = oneWait("scoped", "wait", waiting("awaitScoped", scoped));
    assertThatThrownBy(() -> db.engine(def))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("correlate (message 'scoped')")
        .hasMessageContaining("payments:notify");
  }

  @DbTest
  void aKeyRuleThatReturnsNothingFailsTheInitialize(TestDatabase db) {
    WorkflowDefinition blank =
        Nets.oneTask(
                "blank",
                "wait",
                Builder.task(Builder.workItem("w").awaits(SHIPPED.keyedBy(ctx -> ""))))
            .build();
    var s = setup(db, blank);
    UUID wf = s.engine.internal().initializeRootWorkflow("blank", null);
    rejects(
        db,
        () -> s.engine.internal().initializeWorkItem(wf, "wait", null),
        e ->
            assertThat(e)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("empty"));
  }
}

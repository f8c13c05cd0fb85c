package dev.tasquencer.engine;

import static dev.tasquencer.engine.BadInputTest.map;
import static dev.tasquencer.engine.BadInputTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Default actions that declare a payload type: their payloads are validated like a custom action's,
 * and they stay internal-only (outside callers are refused even with a valid payload).
 */
class TypedDefaultActionsTest {

  record Billing(String period) {}

  record Invoice(String customer, long cents) {}

  record Payment(String reference) {}

  record Reason(String text) {}

  /**
   * start -> bill -> end. Every action is a default one with a declared payload type; the task's
   * onEnabled creates one invoice with the payload {@code first} holds (none when null).
   */
  static WorkflowDefinition billing(AtomicReference<Object> first, List<String> seen) {
    var invoice =
        Builder.workItem("invoice")
            .withActions(
                Builder.workItemActions()
                    .initialize(Invoice.class)
                    .complete(Payment.class)
                    .cancel(Reason.class))
            .onInitialized(
                ctx -> seen.add("invoice for " + ctx.workItem().payload(Invoice.class).customer()))
            .onCompleted(
                ctx -> seen.add("paid " + ctx.transitionPayload(Payment.class).reference()));
    var bill =
        Builder.task(invoice)
            .onEnabled(
                ctx -> {
                  if (first.get() != null) {
                    ctx.workItem().initialize(first.get());
                  }
                });
    return Nets.oneTask("billing", "bill", bill)
        .withActions(Builder.workflowActions().initialize(Billing.class).cancel(Reason.class))
        .onInitialized(ctx -> seen.add("billing " + ctx.workflow().payload(Billing.class).period()))
        .build();
  }

  static final Billing NOVEMBER = new Billing("2026-11");

  @DbTest
  void internalCallsAndActivitiesMeetTheDeclaredType(TestDatabase db) {
    AtomicReference<Object> first = new AtomicReference<>();
    List<String> seen = new ArrayList<>();
    Tasquencer engine = db.engine(billing(first, seen));

    var workflow =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeRootWorkflow("billing", map("month", "11")));
    assertThat(workflow.field()).isEqualTo("month");
    var none =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeRootWorkflow("billing", null));
    assertThat(none.getMessage()).contains("a payload of type Billing is required");

    // an activity's initialize is checked too: the whole call rolls back
    first.set(map("customer", "acme"));
    var fromHook =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeRootWorkflow("billing", NOVEMBER));
    assertThat(fromHook.field()).isEqualTo("cents");
    assertThat(fromHook.getMessage()).contains("initialize of work item 'invoice'");

    first.set(map("customer", "acme", "cents", 1200));
    UUID wf = engine.internal().initializeRootWorkflow("billing", NOVEMBER);
    UUID acme = engine.queries().workItems(wf, "bill").get(0).id();
    UUID globex =
        engine
            .internal()
            .initializeWorkItem(wf, "bill", "{\"customer\": \"globex\", \"cents\": 5}");
    var bad =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeWorkItem(wf, "bill", new Invoice(null, 5)));
    assertThat(bad.field()).isEqualTo("customer");

    engine.internal().startWorkItem(acme);
    rejects(db, PayloadValidationException.class, () -> engine.internal().completeWorkItem(acme));
    engine.internal().completeWorkItem(acme, new Payment("tx-1"));
    engine.internal().cancelWorkItem(globex, new Reason("duplicate"));
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(seen)
        .containsExactly(
            "billing 2026-11", // the call whose work item was rejected, rolled back
            "billing 2026-11",
            "invoice for acme",
            "invoice for globex",
            "paid tx-1");
  }

  @DbTest
  void outsideCallersAreRefusedEvenWithAValidPayload(TestDatabase db) {
    AtomicReference<Object> first = new AtomicReference<>(new Invoice("acme", 1200));
    Tasquencer engine = db.engine(billing(first, new ArrayList<>()));

    var init =
        rejects(
            db,
            NotInternalCallException.class,
            () -> engine.initializeRootWorkflow("billing", NOVEMBER));
    assertThat(init.getMessage()).contains("initialize of workflow 'billing'", "engine.internal()");

    UUID wf = engine.internal().initializeRootWorkflow("billing", NOVEMBER);
    UUID w = engine.queries().workItems(wf, "bill").get(0).id();
    rejects(
        db,
        NotInternalCallException.class,
        () -> engine.initializeWorkItem(wf, "bill", new Invoice("globex", 5)));
    engine.internal().startWorkItem(w);
    rejects(
        db, NotInternalCallException.class, () -> engine.completeWorkItem(w, new Payment("tx")));
    rejects(db, NotInternalCallException.class, () -> engine.cancelWorkItem(w, new Reason("no")));
    rejects(db, NotInternalCallException.class, () -> engine.cancelWorkflow(wf, new Reason("no")));

    engine.internal().cancelWorkflow(wf, new Reason("customer left"));
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.CANCELED);
    assertThat(engine.queries().workItemState(w)).isEqualTo(WorkItemState.CANCELED);
  }

  @Test
  void aDeclaredTypeWithoutCallbackIsADefaultAction() {
    var def = billing(new AtomicReference<>(), new ArrayList<>());
    assertThat(def.actions().initializeAction().payloadType()).isEqualTo(Billing.class);
    assertThat(def.actions().initializeAction().isCustom()).isFalse();
    assertThat(def.actions().cancelAction().payloadType()).isEqualTo(Reason.class);
    var items = Builder.workItemActions().start(Payment.class).start(Invoice.class);
    assertThat(items.startAction().payloadType()).isEqualTo(Invoice.class);
    assertThat(items.startAction().isCustom()).isFalse();
    var custom = items.start(Invoice.class, (ctx, p) -> {});
    assertThat(custom.startAction().isCustom()).isTrue();
    assertThat(Builder.workItemActions().resetAction().payloadType()).isEqualTo(Object.class);
  }
}

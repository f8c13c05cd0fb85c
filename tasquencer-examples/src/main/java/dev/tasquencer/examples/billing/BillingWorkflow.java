package dev.tasquencer.examples.billing;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;

/**
 * The billing workflow of the seed recipe "Multiple Work Items per Task": one {@code
 * generateInvoice} work item per customer with an outstanding balance, all created when {@code
 * generateInvoices} is enabled; when every invoice is generated, {@code sendSummary} mails the
 * totals.
 *
 * <pre>
 *   start -> generateInvoices -> sendSummary -> end
 * </pre>
 *
 * <p>Started from outside with {@code engine.initializeRootWorkflow("billing", new
 * StartBillingRun("2026-11"))}: the custom initialize action opens the billing run. From then on
 * every step is an auto-trigger, so that single call runs the whole workflow. A rejected invoice
 * fails its work item; the default policy then fails the task and the workflow (the invoices
 * generated before stay, consistent; nothing after it is attempted).
 */
public final class BillingWorkflow {
  public static final String NAME = "billing";

  private BillingWorkflow() {}

  public static WorkflowDefinition definition(InvoiceDomain invoices) {
    return definition(invoices, BillingProgress.NONE);
  }

  public static WorkflowDefinition definition(InvoiceDomain invoices, BillingProgress progress) {
    // Work item for generating a single invoice
    WorkItemBuilder generateInvoice =
        Builder.workItem("generateInvoice")
            // Internal-only, and every work item's payload is checked to be an InvoiceRequest
            .withActions(Builder.workItemActions().initialize(InvoiceRequest.class))
            // Auto-start when initialized
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  var p = ctx.workItem().payload(InvoiceRequest.class);
                  if (p == null || p.noWork()) {
                    ctx.workItem().complete();
                    return;
                  }
                  try {
                    invoices.generateInvoice(ctx.db(), p.customerId(), p.billingRunId());
                    ctx.workItem().complete();
                  } catch (InvoiceRejected e) {
                    // Individual invoice failures are handled by the policy
                    ctx.workItem().fail();
                  }
                });
    return definition(NAME, generateInvoice, invoices, progress);
  }

  /**
   * The billing net with the given {@code generateInvoice} work item: the inline one above, or the
   * jobs mode's ({@link BillingJobs}).
   */
  static WorkflowDefinition definition(
      String name,
      WorkItemBuilder generateInvoice,
      InvoiceDomain invoices,
      BillingProgress progress) {
    // Task that creates multiple work items
    var generateInvoices =
        Builder.task(generateInvoice)
            .onEnabled(
                ctx -> {
                  var customers =
                      invoices.customersNeedingInvoice(ctx.db(), ctx.parent().workflowId());
                  var billingRun = invoices.billingRun(ctx.db(), ctx.parent().workflowId());
                  // Create one work item per customer
                  for (var customer : customers) {
                    ctx.workItem().initialize(new InvoiceRequest(customer.id(), billingRun.id()));
                  }
                  // If no customers need invoices, create a dummy work item
                  // to allow the task to complete
                  if (customers.isEmpty()) {
                    ctx.workItem().initialize(InvoiceRequest.NO_WORK);
                  }
                })
            .onWorkItemStateChanged(
                ctx -> {
                  if (ctx.workItem().nextState().isFinal()) {
                    progress.workItemFinished(ctx.task().getStats());
                  }
                });

    // Summary task
    var sendSummary =
        Builder.workItem("sendSummary")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  var billingRun = invoices.billingRun(ctx.db(), ctx.parent().workflowId());
                  var totals = invoices.invoiceTotals(ctx.db(), billingRun.id());
                  // Send summary email: queued in the outbox, delivered after commit
                  invoices.queueMail(
                      ctx.db(),
                      ctx.parent().workflowId(),
                      new Mail(
                          "billing@company.com",
                          "Billing Run Complete: " + totals.count() + " invoices generated",
                          "Total amount: $" + totals.amount()),
                      ctx.now());
                  ctx.workItem().complete();
                });

    // Workflow definition
    return Builder.workflow(name)
        .withActions(
            Builder.workflowActions()
                .initialize(
                    StartBillingRun.class,
                    (ctx, run) -> {
                      var workflowId = ctx.workflow().initialize();
                      invoices.openBillingRun(ctx.db(), workflowId, run.period(), ctx.now());
                    }))
        .onCompleted(
            ctx -> invoices.closeBillingRun(ctx.db(), ctx.workflow().id(), "completed", ctx.now()))
        .onFailed(
            ctx -> invoices.closeBillingRun(ctx.db(), ctx.workflow().id(), "failed", ctx.now()))
        .startCondition("start")
        .task("generateInvoices", generateInvoices)
        .task(
            "sendSummary", Builder.task(sendSummary).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("generateInvoices"))
        .connectTask("generateInvoices", to -> to.task("sendSummary"))
        .connectTask("sendSummary", to -> to.condition("end"))
        .build();
  }
}

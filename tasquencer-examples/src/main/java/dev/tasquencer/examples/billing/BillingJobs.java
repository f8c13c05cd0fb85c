package dev.tasquencer.examples.billing;

import dev.tasquencer.api.Job;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The billing workflow in jobs mode: the same net as {@link BillingWorkflow}, but an invoice is
 * issued by an external invoicing service, called by a durable job, following the external-I/O
 * pattern:
 *
 * <ol>
 *   <li>each {@code generateInvoice} work item starts and registers a {@code
 *       billing.generateInvoice} job in its {@code onStarted} (same transaction: the job exists
 *       exactly when the work item does);
 *   <li>a job worker (in any process) runs the job's external handler: it calls the {@link
 *       InvoicingService} outside any transaction, then reports back with {@code
 *       completeWorkItem(workItem, new InvoiceIssued(reference))}, or {@code failWorkItem} when the
 *       service refused the invoice;
 *   <li>the work item's custom complete action writes the invoice and zeroes the balance in the
 *       engine's transaction, so an invoice exists exactly when its work item completed.
 * </ol>
 *
 * A worker that dies between the report and marking the job done makes the job run again: the
 * service is asked again (it is idempotent) and the second report is refused by the work item's
 * state guard, which the handler takes as "already reported". The invoice is written once.
 *
 * <p>The workflow is started like the inline one, {@code engine.initializeRootWorkflow(NAME, new
 * StartBillingRun("2026-11"))}; that call only creates the work items and their jobs. Register the
 * same {@link #definition()} with every engine that runs the jobs, and the {@link #handlers} with
 * its workers.
 */
public final class BillingJobs {
  /** The workflow's name (distinct from the inline {@link BillingWorkflow#NAME}). */
  public static final String NAME = "billingJobs";

  /** The job handler that issues one invoice. */
  public static final String GENERATE_INVOICE = "billing.generateInvoice";

  /**
   * The retry policy of the invoice jobs: a technical failure of the service ({@link
   * InvoicingUnavailable}, or any exception but the next) is tried again up to 10 attempts, 100 ms
   * after the first failure, twice as long after each next one, at most 5 s, with half of each
   * delay random (jitter), so that the invoices an outage failed together do not retry together. An
   * {@link InvoicingDefect} parks the job at once: retrying cannot help before someone repairs the
   * service, so it opens an incident on the work item for an operator. A rejected invoice is
   * neither: it is a business answer, reported with {@code failWorkItem}.
   */
  public static final RetryPolicy RETRY =
      RetryPolicy.of(10)
          .backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5))
          .jitter(0.5)
          .noRetryOn(InvoicingDefect.class);

  private BillingJobs() {}

  public static WorkflowDefinition definition() {
    return definition(new InvoiceDomain());
  }

  public static WorkflowDefinition definition(InvoiceDomain invoices) {
    var generateInvoice =
        Builder.workItem("generateInvoice")
            .withActions(
                Builder.workItemActions()
                    .complete(
                        InvoiceIssued.class,
                        (ctx, issued) -> {
                          var p = ctx.workItem().payload(InvoiceRequest.class);
                          if (p != null && !p.noWork()) {
                            invoices.recordInvoice(
                                ctx.db(), p.customerId(), p.billingRunId(), issued.reference());
                          }
                          ctx.workItem().complete();
                        }))
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  var p = ctx.workItem().payload(InvoiceRequest.class);
                  if (p == null || p.noWork()) {
                    ctx.workItem().complete(InvoiceIssued.NOTHING);
                    return;
                  }
                  // Not here: the invoice is issued by a job, outside this transaction
                  ctx.registerScheduled(
                      Duration.ZERO,
                      Job.of(
                              GENERATE_INVOICE,
                              new InvoiceJob(ctx.workItem().id(), p.customerId(), p.billingRunId()))
                          .withRetry(RETRY));
                });
    return BillingWorkflow.definition(NAME, generateInvoice, invoices, BillingProgress.NONE);
  }

  /** The job handlers of the jobs mode, by name, calling {@code service}. */
  public static Map<String, JobHandler<?>> handlers(InvoicingService service) {
    return Map.of(
        GENERATE_INVOICE,
        JobHandler.external(
            InvoiceJob.class,
            (ctx, job) -> {
              Objects.requireNonNull(job, "a generateInvoice job carries its InvoiceJob");
              String reference;
              try {
                // outside any transaction: no connection is held while the service works
                reference = service.issue(job.request(), ctx.job().attempt());
              } catch (InvoiceRejected e) {
                report(() -> ctx.engine().failWorkItem(job.workItemId(), null));
                return;
              }
              var issued = new InvoiceIssued(reference);
              report(() -> ctx.engine().completeWorkItem(job.workItemId(), issued));
            }));
  }

  /** Registers the {@link #handlers} with a worker. */
  public static JobWorker.Builder register(JobWorker.Builder worker, InvoicingService service) {
    handlers(service).forEach(worker::handler);
    return worker;
  }

  /**
   * Reports to the engine. A report the work item's state guard refuses was made before (this is a
   * replay after a worker died), or the work item was canceled meanwhile (another invoice was
   * refused and failed the run): either way there is nothing left to do.
   */
  private static void report(Runnable report) {
    try {
      report.run();
    } catch (InvalidStateTransitionException alreadyFinal) {
      // done: the invoice exists exactly when the first report committed
    }
  }
}

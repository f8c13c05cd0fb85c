package dev.tasquencer.examples.billing;

/**
 * A failure of the invoicing service that lasts until someone repairs it (a broken account mapping,
 * a certificate that expired): trying again changes nothing, so the jobs' retry policy ({@link
 * BillingJobs#RETRY}) parks the job at once, which opens an incident on its work item. An operator
 * repairs the service, then retries the incident.
 */
public final class InvoicingDefect extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvoicingDefect(long customerId) {
    super(
        "invoicing service cannot invoice customer "
            + customerId
            + ": account mapping broken (simulated; repaired by an operator)");
  }
}

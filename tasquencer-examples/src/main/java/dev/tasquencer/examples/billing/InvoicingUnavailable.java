package dev.tasquencer.examples.billing;

/**
 * A technical failure of the invoicing service that passes (a timeout, a 503): the call did
 * nothing, and the same call later will likely succeed. The jobs' retry policy ({@link
 * BillingJobs#RETRY}) tries it again after a backoff; the work item never sees it.
 */
public final class InvoicingUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvoicingUnavailable(long customerId, int attempt) {
    super(
        "invoicing service unavailable (simulated 503) for customer "
            + customerId
            + " at attempt "
            + attempt);
  }
}

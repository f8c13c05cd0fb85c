package dev.tasquencer.examples.billing;

/**
 * Payload of a {@code generateInvoice} work item: which customer to invoice in which billing run.
 * {@link #NO_WORK} is the seed's placeholder for a run without customers to invoice.
 */
public record InvoiceRequest(long customerId, long billingRunId, boolean noWork) {

  /** The single work item created when no customer needs an invoice. */
  public static final InvoiceRequest NO_WORK = new InvoiceRequest(0, 0, true);

  public InvoiceRequest(long customerId, long billingRunId) {
    this(customerId, billingRunId, false);
  }
}

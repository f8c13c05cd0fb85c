package dev.tasquencer.examples.billing;

/**
 * The result a {@code generateInvoice} work item is completed with in jobs mode: the invoicing
 * service's reference of the issued invoice. The engine validates it: completing an invoice work
 * item without one is refused.
 */
public record InvoiceIssued(String reference) {

  /** The result of the no-work item of a run without customers to invoice. */
  public static final InvoiceIssued NOTHING = new InvoiceIssued("nothing to invoice");
}

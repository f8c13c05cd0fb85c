package dev.tasquencer.examples.billing;

/**
 * A business rejection of one invoice (for example a customer under review). Thrown before anything
 * is written, so a rejected invoice leaves no trace but the failed work item.
 */
public final class InvoiceRejected extends Exception {
  private static final long serialVersionUID = 1L;
  private final long customerId;

  public InvoiceRejected(long customerId, String reason) {
    super("invoice for customer " + customerId + " rejected: " + reason);
    this.customerId = customerId;
  }

  public long customerId() {
    return customerId;
  }
}

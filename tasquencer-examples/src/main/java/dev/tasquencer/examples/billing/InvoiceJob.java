package dev.tasquencer.examples.billing;

import java.util.UUID;

/**
 * Payload of a {@code billing.generateInvoice} job: the work item to report to, and what to
 * invoice.
 */
public record InvoiceJob(UUID workItemId, long customerId, long billingRunId) {
  InvoiceRequest request() {
    return new InvoiceRequest(customerId, billingRunId);
  }
}

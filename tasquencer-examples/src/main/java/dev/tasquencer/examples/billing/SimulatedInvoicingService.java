package dev.tasquencer.examples.billing;

import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * An invoicing service simulated in-process: it refuses the invoices of the customers {@code
 * rejected} accepts, takes {@code latency} per call (as a remote call would) and answers with a
 * reference derived from the request alone ({@code INV-<run>-<customer>}), so a repeated call gets
 * the same reference, as an idempotent service would give.
 */
public final class SimulatedInvoicingService implements InvoicingService {
  private final LongPredicate rejected;
  private final Duration latency;

  public SimulatedInvoicingService(LongPredicate rejected, Duration latency) {
    this.rejected = rejected;
    this.latency = latency;
  }

  /** A service that accepts every invoice at once. */
  public static SimulatedInvoicingService acceptingAll() {
    return new SimulatedInvoicingService(id -> false, Duration.ZERO);
  }

  @Override
  public String issue(InvoiceRequest request) throws InvoiceRejected {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calling the invoicing service", e);
      }
    }
    if (rejected.test(request.customerId())) {
      throw new InvoiceRejected(request.customerId(), "customer account under review");
    }
    return "INV-" + request.billingRunId() + "-" + request.customerId();
  }
}

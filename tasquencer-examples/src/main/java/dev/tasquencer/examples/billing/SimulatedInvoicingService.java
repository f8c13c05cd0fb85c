package dev.tasquencer.examples.billing;

import dev.tasquencer.examples.support.DeterministicShare;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * An invoicing service simulated in-process: it refuses the invoices of the customers {@code
 * rejected} accepts, takes {@code latency} per call (as a remote call would) and answers with a
 * reference derived from the request alone ({@code INV-<run>-<customer>}), so a repeated call gets
 * the same reference, as an idempotent service would give.
 *
 * <p>It can also fail technically, the two ways a real service does ({@link #flaky}): some attempts
 * fail with {@link InvoicingUnavailable} (a share of all (customer, attempt) pairs, so a later
 * attempt of the same call usually succeeds), and the calls for some customers fail with {@link
 * InvoicingDefect} until {@code repaired} says the service was repaired.
 */
public final class SimulatedInvoicingService implements InvoicingService {
  private final LongPredicate rejected;
  private final Duration latency;
  private final DeterministicShare unavailable;
  private final LongPredicate defective;
  private final BooleanSupplier repaired;

  public SimulatedInvoicingService(LongPredicate rejected, Duration latency) {
    this(rejected, latency, DeterministicShare.NONE, id -> false, () -> true);
  }

  private SimulatedInvoicingService(
      LongPredicate rejected,
      Duration latency,
      DeterministicShare unavailable,
      LongPredicate defective,
      BooleanSupplier repaired) {
    this.rejected = rejected;
    this.latency = latency;
    this.unavailable = unavailable;
    this.defective = defective;
    this.repaired = repaired;
  }

  /** A service that accepts every invoice at once. */
  public static SimulatedInvoicingService acceptingAll() {
    return new SimulatedInvoicingService(id -> false, Duration.ZERO);
  }

  /**
   * This service, failing technically: {@code unavailable} picks the (customer, attempt) pairs that
   * throw {@link InvoicingUnavailable}; {@code defective} the customers whose calls throw {@link
   * InvoicingDefect} while {@code repaired} is false (it is asked only for those customers).
   */
  public SimulatedInvoicingService flaky(
      DeterministicShare unavailable, LongPredicate defective, BooleanSupplier repaired) {
    return new SimulatedInvoicingService(rejected, latency, unavailable, defective, repaired);
  }

  @Override
  public String issue(InvoiceRequest request) throws InvoiceRejected {
    return issue(request, 1);
  }

  @Override
  public String issue(InvoiceRequest request, int attempt) throws InvoiceRejected {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calling the invoicing service", e);
      }
    }
    long customer = request.customerId();
    if (unavailable.contains(customer * 1_000_003L + attempt)) {
      throw new InvoicingUnavailable(customer, attempt);
    }
    if (defective.test(customer) && !repaired.getAsBoolean()) {
      throw new InvoicingDefect(customer);
    }
    if (rejected.test(customer)) {
      throw new InvoiceRejected(customer, "customer account under review");
    }
    return "INV-" + request.billingRunId() + "-" + customer;
  }
}

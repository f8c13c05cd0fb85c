package dev.tasquencer.examples.billing;

/**
 * The external invoicing service of the jobs mode: issues an invoice for one customer's balance and
 * returns its reference. Called by a job handler outside any transaction, and possibly more than
 * once for the same request (a worker may die after the call and before its report committed), so a
 * real service takes the request's identity as an idempotency key and answers a repeated call with
 * the same reference.
 */
@FunctionalInterface
public interface InvoicingService {

  /**
   * Issues the invoice of {@code request} and returns the service's reference for it.
   *
   * @throws InvoiceRejected when the service refuses the invoice (a business answer, not an error)
   */
  String issue(InvoiceRequest request) throws InvoiceRejected;

  /**
   * Issues the invoice of {@code request} at job attempt {@code attempt} (1 for the first): what
   * the jobs' handler calls. By default the same as {@link #issue(InvoiceRequest)}; a simulated
   * service uses the attempt to fail some attempts and not others, repeatably.
   *
   * @throws InvoiceRejected when the service refuses the invoice (a business answer, not an error)
   */
  default String issue(InvoiceRequest request, int attempt) throws InvoiceRejected {
    return issue(request);
  }
}

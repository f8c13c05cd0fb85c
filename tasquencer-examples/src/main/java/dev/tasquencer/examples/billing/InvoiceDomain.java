package dev.tasquencer.examples.billing;

import dev.tasquencer.api.Db;
import dev.tasquencer.examples.support.DeterministicShare;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The billing domain functions of the seed, on SQL. Every method takes the transaction it runs in:
 * inside the workflow that is {@code ctx.db()}, so domain writes commit with the engine's state.
 *
 * <p>Business rejections are simulated: the invoices of the customers a given predicate accepts are
 * refused (see {@link InvoiceRejected}).
 */
public final class InvoiceDomain {
  private final LongPredicate rejected;

  /** A domain that rejects nothing. */
  public InvoiceDomain() {
    this(DeterministicShare.NONE);
  }

  /** A domain that rejects the invoices of the customers {@code rejected} accepts. */
  public InvoiceDomain(LongPredicate rejected) {
    this.rejected = rejected;
  }

  /**
   * Creates the billing run of a workflow instance (called by the workflow's initialize action).
   */
  public BillingRun openBillingRun(Db db, UUID workflowId, String period, Instant now) {
    db.update(
        "insert into billing_runs (workflow_id, period, status, created_at) values (?, ?, ?, ?)",
        workflowId,
        period,
        "open",
        now);
    return billingRun(db, workflowId);
  }

  /** The billing run of a workflow instance. */
  public Optional<BillingRun> findBillingRun(Db db, UUID workflowId) {
    return db.queryOne(
        "select id, workflow_id, period, status from billing_runs where workflow_id = ?",
        rs ->
            new BillingRun(
                rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)),
        workflowId);
  }

  public BillingRun billingRun(Db db, UUID workflowId) {
    return findBillingRun(db, workflowId)
        .orElseThrow(
            () -> new IllegalStateException("workflow " + workflowId + " has no billing run"));
  }

  /** Records how the run ended ({@code completed} or {@code failed}). */
  public void closeBillingRun(Db db, UUID workflowId, String status, Instant now) {
    db.update(
        "update billing_runs set status = ?, closed_at = ? where workflow_id = ?",
        status,
        now,
        workflowId);
  }

  /** The customers to invoice in the workflow's billing run: all with an outstanding balance. */
  public List<Customer> customersNeedingInvoice(Db db, UUID workflowId) {
    // The run must exist (the seed looks it up first); every customer with a balance is due.
    billingRun(db, workflowId);
    return db.query(
        "select id, name, balance from customers where balance > 0 order by id",
        rs -> new Customer(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)));
  }

  /**
   * Invoices the customer's balance in the billing run and resets the balance to 0. Empty when the
   * balance is no longer positive (another run invoiced it meanwhile).
   *
   * @throws InvoiceRejected when the invoice is refused; nothing has been written then
   */
  public Optional<Invoice> generateInvoice(Db db, long customerId, long billingRunId)
      throws InvoiceRejected {
    if (rejected.test(customerId)) {
      throw new InvoiceRejected(customerId, "customer account under review");
    }
    BigDecimal balance =
        lockBalance(db, customerId)
            .orElseThrow(() -> new InvoiceRejected(customerId, "no such customer"));
    return invoice(db, customerId, billingRunId, balance, null);
  }

  /**
   * Records an invoice that was already accepted elsewhere (in jobs mode: issued by the invoicing
   * service under {@code reference}) for the customer's balance and resets the balance to 0, both
   * in the caller's transaction. Empty when the balance is no longer positive.
   */
  public Optional<Invoice> recordInvoice(
      Db db, long customerId, long billingRunId, String reference) {
    BigDecimal balance =
        lockBalance(db, customerId)
            .orElseThrow(() -> new IllegalStateException("no customer " + customerId));
    return invoice(db, customerId, billingRunId, balance, reference);
  }

  private static Optional<BigDecimal> lockBalance(Db db, long customerId) {
    return db.queryOne(
        "select balance from customers where id = ? for update",
        rs -> rs.getBigDecimal(1),
        customerId);
  }

  private static Optional<Invoice> invoice(
      Db db, long customerId, long billingRunId, BigDecimal balance, @Nullable String reference) {
    if (balance.signum() <= 0) {
      return Optional.empty();
    }
    db.update(
        "insert into invoices (billing_run_id, customer_id, amount, status, reference,"
            + " created_at) values (?, ?, ?, 'generated', ?, current_timestamp)",
        billingRunId,
        customerId,
        balance,
        reference);
    // Reset customer balance
    db.update("update customers set balance = 0 where id = ?", customerId);
    return Optional.of(new Invoice(billingRunId, customerId, balance));
  }

  /** Number and sum of the invoices of a billing run. */
  public InvoiceTotals invoiceTotals(Db db, long billingRunId) {
    return db.queryOne(
            "select count(*), coalesce(sum(amount), 0) from invoices where billing_run_id = ?",
            rs -> new InvoiceTotals(rs.getLong(1), money(rs.getBigDecimal(2))),
            billingRunId)
        .orElseThrow();
  }

  /**
   * Queues a mail in the outbox. It is written in the caller's transaction, so it exists exactly
   * when the work that produced it committed; a mailer process delivers it afterwards.
   */
  public void queueMail(Db db, UUID workflowId, Mail mail, Instant now) {
    db.update(
        "insert into outbox (workflow_id, recipient, subject, body, created_at)"
            + " values (?, ?, ?, ?, ?)",
        workflowId,
        mail.to(),
        mail.subject(),
        mail.body(),
        now);
  }

  /** An amount with two decimals. */
  static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY);
  }
}

package dev.tasquencer.examples.approvals;

import dev.tasquencer.api.Db;
import dev.tasquencer.examples.approvals.ExpensePayloads.Decision;
import dev.tasquencer.examples.approvals.ExpensePayloads.NewClaim;
import dev.tasquencer.examples.approvals.ExpensePayloads.WorkOrder;
import dev.tasquencer.examples.support.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The office's domain writes and reads, always on the {@link Db} of the engine call that causes
 * them: a claim's row changes in the same transaction as the workflow step that decided it.
 */
public final class ExpenseDomain {
  /** Claims up to this total (in cents) are approved without a review. */
  public static final long AUTO_LIMIT = 100_00;

  /** Claims above this total (in cents) need a second approval by finance. */
  public static final long FINANCE_LIMIT = 1_000_00;

  /** The states of a claim in {@code exp_claim.status}. */
  public static final String DRAFT = "draft";

  public static final String SUBMITTED = "submitted";
  public static final String AWAITING_FINANCE = "awaiting-finance";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String PAID = "paid";

  private ExpenseDomain() {}

  /** A claim as the workflow's routes and activities read it. */
  public record Claim(
      long run,
      long id,
      String requester,
      String department,
      long total,
      String status,
      @org.jspecify.annotations.Nullable String managerDecision,
      @org.jspecify.annotations.Nullable String financeDecision) {

    WorkOrder order() {
      return new WorkOrder(run, id, requester, department, total);
    }
  }

  public static long startRun(Db db, Instant now) {
    return Jdbc.insertReturningId(db, "insert into exp_run (started_at) values (?)", now);
  }

  /** The claim's row and its line items, written by the workflow's initialize action. */
  static void draft(Db db, UUID workflowId, NewClaim c, Instant now) {
    long id =
        Jdbc.insertReturningId(
            db,
            "insert into exp_claim (run_id, number, workflow_id, requester, department, total,"
                + " status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            c.run(),
            c.number(),
            workflowId,
            c.requester(),
            c.department(),
            c.total(),
            DRAFT,
            now);
    for (int i = 0; i < c.lines().size(); i++) {
      db.update(
          "insert into exp_line (claim_id, line, amount) values (?, ?, ?)",
          id,
          i + 1,
          c.lines().get(i));
    }
  }

  static Claim claimOf(Db db, UUID workflowId) {
    return db.queryOne(
            "select run_id, id, requester, department, total, status, manager_decision,"
                + " finance_decision from exp_claim where workflow_id = ?",
            rs ->
                new Claim(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)),
            workflowId)
        .orElseThrow(() -> new IllegalStateException("no claim for workflow " + workflowId));
  }

  static void submitted(Db db, long claimId, String by) {
    move(db, claimId, DRAFT, SUBMITTED, "submitted_by = ?", by);
  }

  static void autoApproved(Db db, long claimId, Instant now) {
    decide(db, claimId, SUBMITTED, APPROVED, "manager", "auto", null, now);
  }

  static void managerDecided(Db db, Claim c, Decision d, String by, Instant now) {
    String to = !d.approved() ? REJECTED : c.total() > FINANCE_LIMIT ? AWAITING_FINANCE : APPROVED;
    decide(db, c.id(), SUBMITTED, to, "manager", d.approved() ? "approved" : "rejected", by, now);
  }

  static void financeDecided(Db db, Claim c, Decision d, String by, Instant now) {
    decide(
        db,
        c.id(),
        AWAITING_FINANCE,
        d.approved() ? APPROVED : REJECTED,
        "finance",
        d.approved() ? "approved" : "rejected",
        by,
        now);
  }

  /** The payment item of a line item, created by the pay task. */
  static void lineOrdered(Db db, long claimId, int line, UUID workItemId) {
    expectOne(
        db.update(
            "update exp_line set work_item_id = ? where claim_id = ? and line = ?"
                + " and work_item_id is null",
            workItemId,
            claimId,
            line),
        "line " + line + " of claim " + claimId + " was ordered twice");
  }

  static void linePaid(Db db, UUID workItemId, String by, String reference, Instant now) {
    expectOne(
        db.update(
            "update exp_line set paid_by = ?, reference = ?, paid_at = ? where work_item_id = ?"
                + " and paid_by is null",
            by,
            reference,
            now,
            workItemId),
        "the line of payment item " + workItemId + " was paid twice");
  }

  static void paid(Db db, long claimId) {
    move(db, claimId, APPROVED, PAID, null);
  }

  static void noticeSent(Db db, Claim c, Instant now) {
    db.update(
        "insert into exp_notice (claim_id, recipient, text, sent_at) values (?, ?, ?, ?)",
        c.id(),
        c.requester(),
        "Your expense claim of "
            + money(c.total())
            + " was rejected"
            + ("rejected".equals(c.financeDecision()) ? " by finance" : " by your manager"),
        now);
  }

  /** The line items' numbers and amounts of a claim, in order. */
  static List<long[]> lines(Db db, long claimId) {
    return db.query(
        "select line, amount from exp_line where claim_id = ? order by line",
        rs -> new long[] {rs.getInt(1), rs.getLong(2)},
        claimId);
  }

  public static String money(long cents) {
    return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }

  private static void decide(
      Db db,
      long claimId,
      String from,
      String to,
      String who,
      String decision,
      @org.jspecify.annotations.Nullable String by,
      Instant now) {
    expectOne(
        db.update(
            "update exp_claim set status = ?, "
                + who
                + "_decision = ?, "
                + who
                + "_approver = ?, decided_at = ? where id = ? and status = ?",
            to,
            decision,
            by,
            now,
            claimId,
            from),
        "claim " + claimId + " is not " + from + ": cannot record the " + who + "'s decision");
  }

  private static void move(
      Db db,
      long claimId,
      String from,
      String to,
      @org.jspecify.annotations.Nullable String set,
      Object... params) {
    Object[] all = new Object[params.length + 3];
    all[0] = to;
    System.arraycopy(params, 0, all, 1, params.length);
    all[params.length + 1] = claimId;
    all[params.length + 2] = from;
    expectOne(
        db.update(
            "update exp_claim set status = ?"
                + (set == null ? "" : ", " + set)
                + " where id = ? and status = ?",
            all),
        "claim " + claimId + " is not " + from + ": cannot move it to " + to);
  }

  private static void expectOne(int updated, String otherwise) {
    if (updated != 1) {
      throw new IllegalStateException(otherwise);
    }
  }
}

package dev.tasquencer.examples.approvals;

import java.util.List;

/** The payloads of the expense workflow's actions. */
public final class ExpensePayloads {
  private ExpensePayloads() {}

  /**
   * A new claim, drafted by its requester (the workflow's initialize payload).
   *
   * @param run the demo run it belongs to
   * @param number its number within the run (1, 2, ...)
   * @param lines the amounts of its line items, in cents
   */
  public record NewClaim(
      long run, int number, String requester, String department, List<Long> lines) {
    public NewClaim {
      lines = List.copyOf(lines);
    }

    public long total() {
      return lines.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The requester submits the claim (the submit item's complete payload). */
  public record Submission(String note) {}

  /** A reviewer's decision (the complete payload of both approvals). */
  public record Decision(boolean approved, String comment) {}

  /** The payment of one line item (the complete payload of a payment item). */
  public record Payment(String reference) {}

  /**
   * What the submit and review items are initialized with: their offers name the requester or the
   * department's managers, their queue entries show the department and sort by the total.
   */
  public record WorkOrder(
      long run, long claimId, String requester, String department, long total) {}

  /** What a payment item is initialized with. */
  public record LineOrder(long run, long claimId, int line, long amount) {}
}

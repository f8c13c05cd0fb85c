package dev.tasquencer.examples.approvals;

/** Hears how many claims have ended, after each round of work. */
@FunctionalInterface
public interface ApprovalsProgress {
  void update(long finished, int total);
}

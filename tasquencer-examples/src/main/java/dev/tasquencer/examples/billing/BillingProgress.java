package dev.tasquencer.examples.billing;

import dev.tasquencer.api.TaskStats;

/**
 * Observes the {@code generateInvoices} task while it runs: called after every work item reached a
 * final state, with the task's counters. Runs inside the engine call (possibly more than once when
 * a call is retried), so it must only observe: print, log, update a gauge.
 */
@FunctionalInterface
public interface BillingProgress {
  BillingProgress NONE = stats -> {};

  void workItemFinished(TaskStats stats);

  /**
   * Called by {@link BillingDemo#run} just before the engine call that runs the workflow, with the
   * {@link System#nanoTime()} from which the report's {@code durationMs} is measured, so that
   * progress can be timed from the same instant.
   */
  default void engineCallStarted(long nanoTime) {}
}

package dev.tasquencer.internal.jobs;

import dev.tasquencer.jobs.JobHandler;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of one job worker, checked by {@link WorkerBuilder} as they were made.
 *
 * @param handlers the handlers by name (built-in {@code tasquencer.*} handlers are not among them)
 * @param workerId recorded on the jobs the worker claims
 * @param threads how many jobs run at once
 * @param pollInterval how long the poller waits when there is nothing to claim
 * @param lease how long a claimed job stays this worker's without a renewal
 * @param backoffBase the delay after a first failed attempt
 * @param backoffMax the longest delay between attempts
 */
record WorkerSettings(
    Map<String, JobHandler<?>> handlers,
    String workerId,
    int threads,
    Duration pollInterval,
    Duration lease,
    Duration backoffBase,
    Duration backoffMax) {

  WorkerSettings {
    handlers = Map.copyOf(handlers);
  }

  /** The delay after failed attempt number {@code attempt}: base, 2 x base, 4 x base ... capped. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = backoffBase.multipliedBy(factor);
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }
}

package dev.tasquencer.internal.jobs;

import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.jobs.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the jobs a worker runs: every third of the lease it extends the lease of each
 * job in flight, all in one transaction, so that no other worker takes a job over while its handler
 * runs.
 */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobEngine engine;
  private final String workerId;
  private final Duration lease;
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

  @SuppressWarnings("NullAway.Init") // set by start(), used only after it
  private ScheduledExecutorService renewer;

  LeaseKeeper(JobEngine engine, String workerId, Duration lease) {
    this.engine = engine;
    this.workerId = workerId;
    this.lease = lease;
  }

  void start() {
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> DefaultJobWorker.daemon(r, "tasquencer-lease", workerId));
    long every = Math.max(1, lease.toMillis() / 3);
    // runs until stop() shuts the executor down; renew() logs its own failures
    var unused = renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  void stop() {
    renewer.shutdownNow();
  }

  /** A job this worker now runs: its lease is renewed until {@link #released}. */
  void held(UUID job) {
    inFlight.add(job);
  }

  void released(UUID job) {
    inFlight.remove(job);
  }

  // The lease statement has no result: its SqlWork<Void> returns null, and NullAway reads a type
  // argument as non-null outside its JSpecify mode.
  @SuppressWarnings("NullAway")
  private void renew() {
    try {
      List<UUID> ids = new ArrayList<>(inFlight);
      if (!ids.isEmpty()) {
        engine.transaction(
            "renew job leases",
            h ->
                JobStatements.run(
                    () -> {
                      JobStore.renewLeases(h.connection(), ids, workerId, h.now().plus(lease));
                      return null;
                    }));
      }
    } catch (RuntimeException e) {
      log.warn("job worker {} could not renew leases: {}", workerId, e.toString());
    } catch (Error e) {
      // a scheduled task that throws is not run again, and nobody reads its outcome: say so
      log.error(
          "job worker {} stops renewing leases after an error; its running jobs will be taken"
              + " over when their leases expire",
          workerId,
          e);
      throw e;
    }
  }
}

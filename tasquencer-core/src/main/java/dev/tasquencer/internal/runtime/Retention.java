package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Job;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.SqlFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The retention policy, run by job workers: one job row without owner, under a fixed id (so that
 * any number of engines storing a policy keep one job), handled by the built-in handler {@link
 * Job#RETENTION}. Each run deletes one batch of root trees that finished more than {@code
 * keepFinishedFor} ago, and one batch of idempotency keys that expired (docs/idempotency.md), in
 * the job's transaction, and puts the same row back as pending: due at once when a batch was full
 * (more may remain), else after {@code every}.
 */
final class Retention {
  /** The id of the retention job row. */
  static final UUID JOB_ID = UUID.fromString("7e7e0000-0000-4000-8000-7265746e7469");

  /**
   * How often a run that fails (the database down, a statement timeout) is tried again before the
   * job is parked as dead: with the workers' default backoff, about an hour. A successful run
   * starts the count again; building an engine with a policy revives a dead job.
   */
  static final int MAX_ATTEMPTS = 20;

  /** The job's payload: the policy, durations in ISO-8601 ({@code PT720H}). */
  record Policy(String keepFinishedFor, int batchSize, String every) {}

  private Retention() {}

  /**
   * Stores {@code policy} as the retention job (or cancels the job when the policy is {@link
   * Engines.RetentionPolicy#OFF}), in a transaction of its own.
   */
  static void store(EngineCore core, Engines.RetentionPolicy policy) {
    if (policy.isOff()) {
      core.execute(
          "retention off",
          Origin.ENGINE,
          call ->
              SqlFailures.run(
                  "cannot switch the retention policy off",
                  () -> JobStore.cancel(call.session.connection(), JOB_ID, call.now)));
      return;
    }
    String json =
        core.codec.write(
            new Policy(
                Objects.requireNonNull(policy.keepFinishedFor(), "only OFF has no durations")
                    .toString(),
                policy.batchSize(),
                Objects.requireNonNull(policy.every(), "only OFF has no durations").toString()),
            "retention policy",
            "TasquencerBuilder.retention");
    for (int attempt = 1; ; attempt++) {
      try {
        core.execute(
            "retention policy",
            Origin.ENGINE,
            call -> {
              boolean stored =
                  SqlFailures.run(
                      "cannot store the retention policy",
                      () ->
                          JobStore.putRecurring(
                              call.session.connection(),
                              core.dialect,
                              JOB_ID,
                              Job.RETENTION,
                              json,
                              MAX_ATTEMPTS,
                              call.now));
              if (!stored) {
                throw new InsertRaced(); // rolls back the failed insert
              }
              return null;
            });
        return;
      } catch (InsertRaced e) {
        if (attempt == 3) {
          throw new ConcurrencyException(
              "cannot store the retention policy: its job row was inserted by other engines three"
                  + " times while this engine tried to update it; build the engine again",
              e);
        }
        // another engine inserted the job at the same moment: the next attempt updates it
      }
    }
  }

  /** The retention job was inserted by another engine between this engine's update and insert. */
  private static final class InsertRaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsertRaced() {
      super("the retention job was inserted concurrently", null, false, false);
    }
  }

  /** Runs one batch of the policy in {@code json}; returns when the job is to run next. */
  static Instant run(Call call, @Nullable String json) {
    Policy p =
        Objects.requireNonNull(
            call.engine.codec.read(json, null, Policy.class),
            "the retention job is stored with its policy");
    Duration keep = Duration.parse(p.keepFinishedFor());
    Duration every = Duration.parse(p.every());
    Instant before = call.now.minus(keep);
    long start = System.nanoTime();
    Purger.Batch b = Purger.batch(call, before, p.batchSize());
    if (!b.roots().isEmpty()) {
      call.afterCommit(() -> Purger.logBatch("retention job", before, b, start));
    }
    int keys = Idempotency.purgeExpired(call, call.now, p.batchSize());
    if (keys > 0) {
      call.afterCommit(() -> Purger.logKeys("retention job", keys));
    }
    boolean full = b.roots().size() >= p.batchSize() || keys >= p.batchSize();
    return full ? call.now : call.now.plus(every);
  }
}

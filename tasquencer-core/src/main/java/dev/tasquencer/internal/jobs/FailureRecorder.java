package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.store.RetryPolicyCodec;
import dev.tasquencer.jobs.JobWorker;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Records a failed attempt of a job in a transaction of its own: pending again after the backoff
 * (the job's {@link RetryPolicy} when it has one, else the worker's), or dead when it was the last
 * attempt or its policy does not retry the exception, which opens an incident on the job's owner in
 * the same transaction (docs/incidents.md); and logs it.
 */
final class FailureRecorder {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobEngine engine;
  private final WorkerSettings settings;
  private final WorkerStats stats;

  FailureRecorder(JobEngine engine, WorkerSettings settings, WorkerStats stats) {
    this.engine = engine;
    this.settings = settings;
    this.stats = stats;
  }

  /**
   * Whether a throwable must reach the worker's thread after it was recorded: every {@link Error}
   * but a failed assertion (the JVM or the class path is in trouble, not the job).
   */
  static boolean mustPropagate(Throwable e) {
    return e instanceof Error && !(e instanceof AssertionError);
  }

  void record(JobSnapshot job, Throwable e) {
    if (e instanceof Error) {
      log.error("job {} ({}) raised an error", job.id(), job.handler(), e);
    }
    Duration[] delay = {settings.backoff(job.attempts())};
    boolean[] retryable = {true};
    boolean[] policy = {false};
    Optional<JobState> state;
    try {
      state =
          engine.transaction(
              "job failed",
              h -> {
                UUID rootId = job.rootId();
                if (rootId != null) {
                  h.lockRoot(rootId); // an incident is written with the park, under the lock
                }
                Throwable error = unwrap(e);
                Optional<String> text =
                    JobStatements.run(() -> JobStore.retryPolicy(h.connection(), job.id()));
                if (text.isPresent()) {
                  RetryPolicy retry = RetryPolicyCodec.decode(text.get(), job.maxAttempts());
                  delay[0] = retry.delay(job.attempts(), ThreadLocalRandom.current().nextDouble());
                  retryable[0] = retry.retryable(error);
                  policy[0] = true;
                }
                Optional<JobState> s =
                    JobStatements.run(
                        () ->
                            JobStore.fail(
                                h.connection(),
                                job.id(),
                                settings.workerId(),
                                describe(e),
                                h.now().plus(delay[0]),
                                !retryable[0],
                                h.now()));
                if (s.isPresent() && s.get() == JobState.DEAD) {
                  h.jobDead(job, error.getClass().getName(), describe(error));
                }
                return s;
              });
    } catch (RuntimeException r) {
      log.warn(
          "job {} failed ({}) and the failure could not be recorded ({}); its lease will expire",
          job.id(),
          e,
          r.toString());
      return;
    }
    if (state.isEmpty()) {
      log.info(
          "job {} ({}) failed here after another worker took it over (this worker's lease"
              + " expired); the failure is not recorded: {}",
          job.id(),
          job.handler(),
          e.toString());
      return;
    }
    boolean dead = state.get() == JobState.DEAD;
    stats.failed(dead);
    if (dead && !retryable[0]) {
      log.error(
          "job {} ({}) is dead on attempt {}: its retry policy does not retry {}",
          job.id(),
          job.handler(),
          job.attempts(),
          describe(e));
    } else if (dead) {
      log.error(
          "job {} ({}) is dead after {} attempts: {}",
          job.id(),
          job.handler(),
          job.attempts(),
          describe(e));
    } else {
      // a job that declared how it is retried expects such failures: not a warning
      log.atLevel(policy[0] ? Level.INFO : Level.WARN)
          .log(
              "job {} ({}) failed on attempt {} of {}, retrying in {}{}: {}",
              job.id(),
              job.handler(),
              job.attempts(),
              job.maxAttempts(),
              delay[0],
              policy[0] ? " by its retry policy" : "",
              e.toString());
    }
  }

  /** The handler's own exception, when a checked one was wrapped to pass through the engine. */
  private static Throwable unwrap(Throwable e) {
    Throwable cause = e.getCause();
    return e instanceof JobRunner.JobFailedException && cause != null ? cause : e;
  }

  /** The throwable, up to five causes and the top of its stack: the job's {@code last_error}. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    Throwable c = e.getCause();
    for (int i = 0; c != null && i < 5; i++, c = c.getCause()) {
      sb.append("\n  caused by ").append(c);
    }
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(8, st.length); i++) {
      sb.append("\n  at ").append(st[i]);
    }
    return sb.toString();
  }
}

package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.internal.telemetry.JobTrace;
import dev.tasquencer.jobs.ExternalJobContext;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobInfo;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.jobs.TransactionalJobContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job: a transactional handler (or a built-in one) inside the engine transaction
 * that also marks the job done, an external handler outside any transaction with the outcome
 * recorded after it. A job whose owner has ended is canceled instead; a job another worker took
 * over is left to that worker. A handler that throws has its failure recorded ({@link
 * FailureRecorder}).
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  /** The names of the engine's built-in handlers start with this. */
  static final String BUILTIN_PREFIX = "tasquencer.";

  private final JobEngine engine;
  private final WorkerSettings settings;
  private final WorkerStats stats;
  private final FailureRecorder failures;
  private final WorkflowCommands internalCommands;
  private final WorkflowQueries queries;

  JobRunner(JobEngine engine, WorkerSettings settings, WorkerStats stats) {
    this.engine = engine;
    this.settings = settings;
    this.stats = stats;
    this.failures = new FailureRecorder(engine, settings, stats);
    this.internalCommands = engine.internalCommands();
    this.queries = engine.queries();
  }

  /**
   * Runs the job and records its outcome. Whatever the handler throws is recorded as a failed
   * attempt and logged; an {@link Error} that must not be swallowed ({@link
   * FailureRecorder#mustPropagate}) is rethrown after that.
   */
  void run(JobSnapshot job) {
    try (JobTrace trace =
        engine.telemetry().job(job.handler(), job.id(), job.attempts(), job.traceContext())) {
      trace.started(Duration.between(job.runAt(), engine.clock().instant()));
      run(job, trace);
    }
  }

  private void run(JobSnapshot job, JobTrace trace) {
    JobHandler<?> handler = settings.handlers().get(job.handler());
    boolean builtin = job.handler().startsWith(BUILTIN_PREFIX);
    JobInfo info =
        new JobInfo(
            job.id(),
            job.handler(),
            job.attempts(),
            job.maxAttempts(),
            job.ownerKind(),
            job.ownerId(),
            job.ownerTask(),
            job.ownerGeneration());
    try {
      JobState outcome;
      if (handler == null && !builtin) {
        throw new ConfigurationException(
            "no handler named '"
                + job.handler()
                + "' is registered with job worker "
                + settings.workerId()
                + "; registered: "
                + settings.handlers().keySet());
      } else if (handler instanceof JobHandler.External<?> external) {
        outcome = runExternal(job, info, external);
      } else {
        outcome = runInTransaction(job, info, handler, builtin);
      }
      trace.ended(outcome.name().toLowerCase(Locale.ROOT));
      if (outcome == JobState.DONE) {
        stats.done();
      } else if (outcome == JobState.CANCELED) {
        stats.canceled();
      }
    } catch (Throwable e) {
      trace.failed(e);
      failures.record(job, e);
      if (FailureRecorder.mustPropagate(e)) {
        throw (Error) e;
      }
    }
  }

  private JobState runInTransaction(
      JobSnapshot job, JobInfo info, @Nullable JobHandler<?> handler, boolean builtin) {
    return engine.transaction(
        "job " + job.handler(),
        h -> {
          if (job.rootId() != null) {
            h.lockRoot(job.rootId());
          }
          switch (JobStatements.run(
              () -> JobStore.lockHeld(h.connection(), job, settings.workerId()))) {
            case LOST:
              return JobState.RUNNING; // the lease expired and another worker took it
            case OWNER_ENDED:
              finish(h, job, JobState.CANCELED);
              return JobState.CANCELED;
            case READY:
              break;
          }
          if (builtin && handler == null) {
            Instant again = h.runBuiltinJob(job.handler(), job.payloadJson());
            if (again != null) {
              JobStatements.run(
                  () ->
                      JobStore.reschedule(
                          h.connection(), job.id(), settings.workerId(), again, h.now()));
              return JobState.DONE;
            }
          } else {
            invoke(
                (JobHandler.Transactional<?>) Objects.requireNonNull(handler),
                h,
                info,
                job.payloadJson());
          }
          finish(h, job, JobState.DONE);
          h.jobSucceeded(job);
          return JobState.DONE;
        });
  }

  private <P> void invoke(
      JobHandler.Transactional<P> handler, CallHandle h, JobInfo info, @Nullable String json) {
    P payload = engine.readPayload(json, handler.payloadType());
    TransactionalJobContext ctx =
        new TransactionalJobContext() {
          @Override
          public JobInfo job() {
            return info;
          }

          @Override
          public WorkflowCommands commands() {
            return h.commands();
          }

          @Override
          public dev.tasquencer.api.Db db() {
            return h.db();
          }

          @Override
          public Instant now() {
            return h.now();
          }
        };
    try {
      handler.body().run(ctx, payload);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException(e);
    }
  }

  private <P> JobState runExternal(JobSnapshot job, JobInfo info, JobHandler.External<P> handler)
      throws Exception {
    boolean active =
        engine.transaction(
            "job owner check",
            h -> JobStatements.run(() -> JobStore.ownerActive(h.connection(), job)));
    if (!active) {
      return finishOutside(job, JobState.CANCELED);
    }
    P payload = engine.readPayload(job.payloadJson(), handler.payloadType());
    Instant now = engine.clock().instant();
    ExternalJobContext ctx =
        new ExternalJobContext() {
          @Override
          public JobInfo job() {
            return info;
          }

          @Override
          public WorkflowCommands engine() {
            return internalCommands;
          }

          @Override
          public WorkflowQueries queries() {
            return queries;
          }

          @Override
          public Instant now() {
            return now;
          }
        };
    handler.body().run(ctx, payload);
    return finishOutside(job, JobState.DONE);
  }

  /**
   * Ends a job in a transaction of its own: {@code state} when this worker still held it, else
   * {@link JobState#RUNNING} (its lease expired meanwhile and another worker took it over, whose
   * outcome counts instead).
   */
  private JobState finishOutside(JobSnapshot job, JobState state) {
    int ended =
        engine.transaction(
            "job " + state.id(),
            h -> {
              UUID rootId = job.rootId();
              if (state == JobState.DONE && job.lastError() != null && rootId != null) {
                h.lockRoot(rootId); // it may resolve an incident, under the root's lock
              }
              int n = finish(h, job, state);
              if (n > 0 && state == JobState.DONE) {
                h.jobSucceeded(job);
              }
              return n;
            });
    if (ended == 0) {
      log.info(
          "job {} ({}) was taken over by another worker after this worker's lease expired;"
              + " its outcome here is not recorded",
          job.id(),
          job.handler());
      return JobState.RUNNING;
    }
    return state;
  }

  private int finish(CallHandle h, JobSnapshot job, JobState state) {
    return JobStatements.run(
        () -> JobStore.finish(h.connection(), job.id(), settings.workerId(), state, h.now()));
  }

  /** A checked exception thrown by a transactional job handler. */
  static final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobFailedException(Exception cause) {
      super(cause.toString(), cause);
    }
  }
}

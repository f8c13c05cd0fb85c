package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobState;
import dev.tasquencer.internal.lifecycle.JobEvent;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job registered in the current call (a row of {@code tq_job} to insert). Jobs are read and
 * updated by workers with their own statements, not through rows.
 */
final class JobRow extends Row {
  public final UUID id;
  public final UUID rootId;
  public final @Nullable JobOwnerKind ownerKind;
  public final @Nullable UUID ownerId;
  public final @Nullable String ownerTask;
  public final @Nullable Integer ownerGeneration;
  public final String handler;
  public final @Nullable String payload;
  public final Instant runAt;
  public final int maxAttempts;

  /** The job's retry policy ({@link RetryPolicyCodec}), or null. */
  public final @Nullable String retryPolicy;

  public final Instant createdAt;

  /** The W3C traceparent of the registering command's span, or null outside any trace. */
  public final @Nullable String traceContext;

  private JobState state = Lifecycles.JOB.creation(JobEvent.REGISTER).to();

  JobRow(
      Session session,
      UUID id,
      UUID rootId,
      @Nullable JobOwnerKind ownerKind,
      @Nullable UUID ownerId,
      @Nullable String ownerTask,
      @Nullable Integer ownerGeneration,
      String handler,
      @Nullable String payload,
      Instant runAt,
      int maxAttempts,
      @Nullable String retryPolicy,
      Instant createdAt,
      @Nullable String traceContext) {
    super(session, false);
    this.id = id;
    this.rootId = rootId;
    this.ownerKind = ownerKind;
    this.ownerId = ownerId;
    this.ownerTask = ownerTask;
    this.ownerGeneration = ownerGeneration;
    this.handler = handler;
    this.payload = payload;
    this.runAt = runAt;
    this.maxAttempts = maxAttempts;
    this.retryPolicy = retryPolicy;
    this.createdAt = createdAt;
    this.traceContext = traceContext;
  }

  public JobState state() {
    return state;
  }

  /**
   * Its owner ended in the call that registered it: written canceled unless already canceled (as
   * the statement that cancels stored jobs changes only pending ones).
   */
  void cancel() {
    if (Lifecycles.JOB.allows(state, JobEvent.CANCEL)) {
      state = JobTransitions.apply(id, state, JobEvent.CANCEL);
    }
  }

  boolean ownedBy(JobOwnerKind kind, UUID id, @Nullable String task) {
    return ownerKind == kind && id.equals(ownerId) && (task == null || task.equals(ownerTask));
  }
}

package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Retry policies of jobs ({@link Job#withRetry}): backoff from the policy stored on the row, jitter
 * within its bounds, retryOn and noRetryOn, exhaustion into a dead job and an incident, and a
 * business failure reported by a handler that is not retried.
 */
class RetryPolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** What the handler does: throw this exception, or (null) fail its work item as a business. */
  private record Setup(
      Tasquencer engine,
      ManualClock clock,
      JobWorker worker,
      AtomicReference<RuntimeException> error,
      Driver driver) {
    JobSnapshot job() {
      UUID item = driver.wi("call").get(0).id();
      return engine.queries().jobsOwnedBy(item).get(0);
    }

    List<Incident> open() {
      return engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(100)).incidents();
    }
  }

  /** start -> call -> end; the work item of "call" registers {@code job} when initialized. */
  private static WorkflowDefinition definition(Job job) {
    var item =
        Builder.workItem("call").onInitialized(ctx -> ctx.registerScheduled(Duration.ZERO, job));
    return Builder.workflow("service")
        .startCondition("start")
        .task("call", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("call"))
        .connectTask("call", to -> to.condition("end"))
        .build();
  }

  private static Setup setup(TestDatabase db, RetryPolicy policy, RuntimeException error) {
    AtomicReference<RuntimeException> thrown = new AtomicReference<>(error);
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(clock)
                .register(definition(Job.of("remote", null).withRetry(policy))));
    JobWorker worker =
        engine
            .jobWorker()
            // the worker's own backoff, which a job with a policy must not use
            .backoff(Duration.ofSeconds(100), Duration.ofSeconds(100))
            .handler(
                "remote",
                JobHandler.inTransaction(
                    Object.class,
                    (ctx, p) -> {
                      RuntimeException e = thrown.get();
                      if (e != null) {
                        throw e;
                      }
                      UUID item = Objects.requireNonNull(ctx.job().ownerId());
                      ctx.commands().startWorkItem(item, null);
                      ctx.commands().failWorkItem(item, null);
                    }))
            .build();
    return new Setup(engine, clock, worker, thrown, Driver.start(engine, "service"));
  }

  @DbTest
  void backoffFollowsThePolicyAndExhaustionParksWithAnIncident(TestDatabase db) {
    var s =
        setup(
            db,
            RetryPolicy.of(4).backoff(Duration.ofSeconds(2), 3.0, Duration.ofSeconds(10)),
            new IllegalStateException("service unavailable"));
    Instant now = T0;
    // delays 2 s, 6 s, then 18 s capped at 10 s
    for (Duration delay : List.of(Duration.ofSeconds(2), Duration.ofSeconds(6))) {
      assertThat(s.worker.runDue()).isEqualTo(1);
      assertThat(s.job().state()).isEqualTo(JobState.PENDING);
      assertThat(s.job().runAt()).isEqualTo(now.plus(delay));
      s.clock.advance(delay.minusMillis(1));
      assertThat(s.worker.runDue()).as("not due before its backoff").isZero();
      s.clock.advance(Duration.ofMillis(1));
      now = now.plus(delay);
    }
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().runAt()).isEqualTo(now.plusSeconds(10));
    assertThat(s.open()).isEmpty();
    s.clock.advance(Duration.ofSeconds(10));
    assertThat(s.worker.runDue()).isEqualTo(1);

    JobSnapshot job = s.job();
    assertThat(job.state()).isEqualTo(JobState.DEAD);
    assertThat(job.attempts()).isEqualTo(4);
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(s.open())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.jobId()).isEqualTo(job.id());
              assertThat(i.attempts()).isEqualTo(4);
              assertThat(i.errorType()).isEqualTo(IllegalStateException.class.getName());
            });
    assertThat(s.driver.wiStates("call")).containsExactly(WorkItemState.INITIALIZED);
  }

  @DbTest
  void jitterShortensEachDelayWithinItsBounds(TestDatabase db) {
    var s =
        setup(
            db,
            RetryPolicy.of(12)
                .backoff(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10))
                .jitter(0.5),
            new IllegalStateException("flaky"));
    Set<Duration> delays = new HashSet<>();
    for (int attempt = 1; attempt <= 10; attempt++) {
      Instant failedAt = s.clock.instant();
      assertThat(s.worker.runDue()).isEqualTo(1);
      Duration delay = Duration.between(failedAt, s.job().runAt());
      assertThat(delay).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
      delays.add(delay);
      s.clock.advance(Duration.ofSeconds(10));
    }
    assertThat(delays).as("random delays, not one fixed delay").hasSizeGreaterThan(1);
  }

  @DbTest
  void aNonRetryableErrorParksAtOnceAndOpensAnIncident(TestDatabase db) {
    // NumberFormatException is an IllegalArgumentException: subtypes count
    var s =
        setup(
            db,
            RetryPolicy.of(5).noRetryOn(IllegalArgumentException.class),
            new NumberFormatException("bad account number"));
    assertThat(s.worker.runDue()).isEqualTo(1);
    JobSnapshot job = s.job();
    assertThat(job.state()).isEqualTo(JobState.DEAD);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.lastError()).contains("bad account number");
    assertThat(s.open())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType()).isEqualTo(NumberFormatException.class.getName());
              assertThat(i.attempts()).isEqualTo(1);
            });
  }

  @DbTest
  void retryOnRetriesOnlyTheNamedTypes(TestDatabase db) {
    var s =
        setup(
            db,
            RetryPolicy.of(5)
                .backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60))
                .retryOn(IllegalStateException.class),
            new IllegalStateException("timeout"));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).as("a listed type is retried").isEqualTo(JobState.PENDING);
    assertThat(s.job().runAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(s.open()).isEmpty();

    s.error.set(new UnsupportedOperationException("not supported"));
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).as("a type not listed parks at once").isEqualTo(JobState.DEAD);
    assertThat(s.job().attempts()).isEqualTo(2);
    assertThat(s.open()).hasSize(1);
  }

  @DbTest
  void aBusinessFailureIsNotRetriedByTheJobPolicy(TestDatabase db) {
    var s = setup(db, RetryPolicy.of(5), null);
    assertThat(s.worker.runDue()).isEqualTo(1);
    JobSnapshot job = s.job();
    assertThat(job.state()).as("the report succeeded: the job is done").isEqualTo(JobState.DONE);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(s.driver.wiStates("call")).containsExactly(WorkItemState.FAILED);
    s.clock.advance(Duration.ofHours(1));
    assertThat(s.worker.runDue()).as("nothing is retried").isZero();
    assertThat(s.open()).isEmpty();
  }

  @Test
  void policiesAreCheckedAndKeptEqualToTheJobsAttempts() {
    Job job = Job.of("h", null).withRetry(RetryPolicy.of(3).jitter(0.2));
    assertThat(job.maxAttempts()).isEqualTo(3);
    Job more = job.withMaxAttempts(7);
    assertThat(more.maxAttempts()).isEqualTo(7);
    assertThat(Objects.requireNonNull(more.retry()).maxAttempts()).isEqualTo(7);
    assertThat(more.retry().jitter()).isEqualTo(0.2);
    assertThatThrownBy(() -> new Job("h", null, 2, RetryPolicy.of(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differs from its retry policy's 3");
    assertThatThrownBy(() -> RetryPolicy.of(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> RetryPolicy.of(2).jitter(1.0)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(
            () -> RetryPolicy.of(2).backoff(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(1)))
        .hasMessageContaining("longer than the maximum");
    assertThatThrownBy(
            () -> RetryPolicy.of(2).backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
        .hasMessageContaining("multiplier");
    RetryPolicy p =
        RetryPolicy.of(9).backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)).jitter(0.5);
    assertThat(p.delay(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delay(3, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.delay(9, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delay(9, 0.998)).isEqualTo(Duration.ofMillis(501));
  }
}

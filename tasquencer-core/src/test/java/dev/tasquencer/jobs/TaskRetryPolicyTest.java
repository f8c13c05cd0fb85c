package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.RetryPolicy;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A retry policy declared on a task ({@code TaskBuilder.withRetry}): the jobs its work items
 * register without a policy of their own take it (attempts, backoff, which exceptions), a job's own
 * policy wins, and a task without one leaves its jobs to the worker's backoff.
 */
class TaskRetryPolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The task's policy: 3 attempts, 5 s apart, IllegalArgumentException parks at once. */
  private static final RetryPolicy TASK_POLICY =
      RetryPolicy.of(3)
          .backoff(Duration.ofSeconds(5), 1.0, Duration.ofSeconds(5))
          .noRetryOn(IllegalArgumentException.class);

  /**
   * The engine, clock and worker; the handler fails with {@code failure} {@code failures} times.
   */
  private record Setup(Tasquencer engine, ManualClock clock, JobWorker worker, Driver driver) {
    JobSnapshot job() {
      UUID item = driver.wi("call").get(0).id();
      return engine.queries().jobsOwnedBy(item).get(0);
    }

    WorkItemState item() {
      return driver.wi("call").get(0).state();
    }
  }

  private static WorkflowDefinition definition(Job job, UnaryOperator<TaskBuilder> task) {
    var item =
        Builder.workItem("call").onInitialized(ctx -> ctx.registerScheduled(Duration.ZERO, job));
    return Builder.workflow("service")
        .startCondition("start")
        .task("call", task.apply(Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize())))
        .endCondition("end")
        .connectCondition("start", to -> to.task("call"))
        .connectTask("call", to -> to.condition("end"))
        .build();
  }

  private static Setup setup(
      TestDatabase db,
      Job job,
      UnaryOperator<TaskBuilder> task,
      int failures,
      RuntimeException failure) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        db.engine(Tasquencer.builder().clock(clock).register(definition(job, task)));
    AtomicInteger left = new AtomicInteger(failures);
    JobWorker worker =
        engine
            .jobWorker()
            // the worker's own backoff: only a job without any policy waits this long
            .backoff(Duration.ofSeconds(100), Duration.ofSeconds(100))
            .handler(
                "remote",
                JobHandler.inTransaction(
                    Object.class,
                    (ctx, p) -> {
                      if (left.getAndDecrement() > 0) {
                        throw failure;
                      }
                      UUID item = Objects.requireNonNull(ctx.job().ownerId());
                      ctx.commands().startWorkItem(item, null);
                      ctx.commands().completeWorkItem(item, null);
                    }))
            .build();
    return new Setup(engine, clock, worker, Driver.start(engine, "service"));
  }

  @DbTest
  void aJobWithoutAPolicyTakesItsTasksPolicy(TestDatabase db) {
    var s =
        setup(
            db,
            Job.of("remote", null),
            t -> t.withRetry(TASK_POLICY),
            2,
            new IllegalStateException("503"));
    assertThat(s.job().maxAttempts()).isEqualTo(3);
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThat(s.worker.runDue()).isEqualTo(1);
      assertThat(s.job().state()).isEqualTo(JobState.PENDING);
      // the task's 5 s, not the worker's 100 s
      assertThat(s.job().runAt()).isEqualTo(s.clock.instant().plusSeconds(5));
      s.clock.advance(Duration.ofSeconds(5));
    }
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).isEqualTo(JobState.DONE);
    assertThat(s.item()).isEqualTo(WorkItemState.COMPLETED);
  }

  @DbTest
  void theTasksPolicySaysWhichExceptionsParkAtOnce(TestDatabase db) {
    var s =
        setup(
            db,
            Job.of("remote", null),
            t -> t.withRetry(TASK_POLICY),
            1,
            new IllegalArgumentException("bad request"));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).isEqualTo(JobState.DEAD);
    assertThat(s.job().attempts()).isEqualTo(1);
    assertThat(s.item()).isEqualTo(WorkItemState.INITIALIZED);
    assertThat(s.engine.incidents().list(IncidentFilter.OPEN, IncidentPage.first(10)).incidents())
        .singleElement()
        .satisfies(i -> assertThat(i.errorType()).isEqualTo("java.lang.IllegalArgumentException"));
  }

  @DbTest
  void aJobsOwnPolicyWinsOverItsTasks(TestDatabase db) {
    RetryPolicy own = RetryPolicy.of(2).backoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1));
    var s =
        setup(
            db,
            Job.of("remote", null).withRetry(own),
            t -> t.withRetry(TASK_POLICY),
            5,
            new IllegalArgumentException("bad request"));
    assertThat(s.job().maxAttempts()).isEqualTo(2);
    // its own policy retries every exception, even the one the task's policy parks at once
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).isEqualTo(JobState.PENDING);
    assertThat(s.job().runAt()).isEqualTo(T0.plusSeconds(1));
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).isEqualTo(JobState.DEAD);
  }

  @DbTest
  void withoutAPolicyAnywhereTheWorkersBackoffApplies(TestDatabase db) {
    var s = setup(db, Job.of("remote", null), t -> t, 1, new IllegalArgumentException("x"));
    assertThat(s.job().maxAttempts()).isEqualTo(Job.DEFAULT_MAX_ATTEMPTS);
    assertThat(s.worker.runDue()).isEqualTo(1);
    assertThat(s.job().state()).isEqualTo(JobState.PENDING);
    assertThat(s.job().runAt()).isEqualTo(T0.plusSeconds(100));
  }
}

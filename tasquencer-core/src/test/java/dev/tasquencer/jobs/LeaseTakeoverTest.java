package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker whose lease expired while its external handler ran loses the job to another worker: its
 * own outcome (done, or a failed attempt) is not recorded, and its counters count only what it
 * committed, so the workers' counters add up to the number of jobs.
 */
class LeaseTakeoverTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(10);

  record Ping(int n) {}

  /** start -> t -> end; t's onEnabled registers one "ping" job, due at once. */
  static WorkflowDefinition oneJob() {
    return Builder.workflow("one-job")
        .startCondition("start")
        .task(
            "t",
            Nets.noInit()
                .onEnabled(
                    ctx -> ctx.registerScheduled(Duration.ZERO, Job.of("ping", new Ping(1)))))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  /**
   * Two workers on one engine. Worker "a" runs first; on its first run the handler lets the lease
   * pass and has worker "b" take the job over and finish it, then returns normally or throws, as
   * {@code aFails} says.
   */
  private record Setup(Tasquencer engine, JobWorker a, JobWorker b, UUID workflow) {
    JobSnapshot onlyJob() {
      var all = engine.queries().jobsOwnedBy(workflow);
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private static Setup setup(TestDatabase db, boolean aFails) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(oneJob()));
    AtomicInteger runs = new AtomicInteger();
    JobWorker[] w = new JobWorker[2];
    JobHandler<Ping> handler =
        JobHandler.external(
            Ping.class,
            (ctx, p) -> {
              if (runs.incrementAndGet() == 1) {
                clock.advance(LEASE.plusSeconds(1));
                assertThat(w[1].runDue()).as("b takes the expired job over").isEqualTo(1);
                if (aFails) {
                  throw new IllegalStateException("a's late failure");
                }
              }
            });
    for (int i = 0; i < 2; i++) {
      w[i] =
          engine
              .jobWorker()
              .workerId(i == 0 ? "a" : "b")
              .lease(LEASE)
              .handler("ping", handler)
              .build();
    }
    UUID workflow = engine.internal().initializeRootWorkflow("one-job", null);
    return new Setup(engine, w[0], w[1], workflow);
  }

  /**
   * Worker "a" runs the job (and "b", inside a's handler, takes it over and finishes it); the job
   * ends done with b's outcome, counted by b alone. Returns the job.
   */
  private static JobSnapshot runAndCheckThatOnlyBCounts(Setup s) {
    assertThat(s.a.runDue()).isEqualTo(1);

    JobSnapshot job = s.onlyJob();
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(job.attempts()).isEqualTo(2);
    assertThat(s.b.stats()).isEqualTo(new JobWorker.Stats(1, 0, 0, 0));
    assertThat(s.a.stats()).as("a committed nothing").isEqualTo(new JobWorker.Stats(0, 0, 0, 0));
    return job;
  }

  @DbTest
  void workerThatLostItsLeaseDoesNotCountTheJobAsDone(TestDatabase db) {
    runAndCheckThatOnlyBCounts(setup(db, false));
  }

  @DbTest
  void lateFailureOfAJobTakenOverIsNeitherRecordedNorCounted(TestDatabase db) {
    JobSnapshot job = runAndCheckThatOnlyBCounts(setup(db, true));

    assertThat(job.lastError()).as("a's failure is not recorded").isNull();
  }
}

package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The retention policy ({@code TasquencerBuilder.retention}): one job, run by any job worker, that
 * deletes a batch of old finished root workflows per run and schedules its next run.
 */
class RetentionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final WorkflowDefinition SINGLE = Nets.singleTask("single");

  private static Tasquencer engine(TestDatabase db, ManualClock clock, TasquencerBuilder b) {
    return db.engine(b.clock(clock).register(SINGLE));
  }

  /** The retention jobs in the database, any state. */
  private static List<JobSnapshot> retentionJobs(Tasquencer engine) {
    List<JobSnapshot> out = new ArrayList<>();
    for (JobState s : JobState.values()) {
      engine.queries().jobs(s, 1000).stream()
          .filter(j -> j.handler().equals(Job.RETENTION))
          .forEach(out::add);
    }
    return out;
  }

  private static JobSnapshot retentionJob(Tasquencer engine) {
    List<JobSnapshot> jobs = retentionJobs(engine);
    assertThat(jobs).as("retention jobs").hasSize(1);
    return jobs.get(0);
  }

  private static UUID completedRoot(Tasquencer engine) {
    Driver d = Driver.start(engine, "single");
    d.fire("t");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    return d.id;
  }

  private static boolean exists(Tasquencer engine, UUID workflow) {
    return engine.queries().findWorkflow(workflow).isPresent();
  }

  @DbTest
  void theJobDeletesWhatThePolicySaysOneBatchPerRun(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        engine(
            db, clock, Tasquencer.builder().retention(Duration.ofDays(30), 2, Duration.ofHours(6)));
    JobWorker worker = engine.jobWorker().build();
    JobSnapshot job = retentionJob(engine);
    assertThat(job.state()).isEqualTo(JobState.PENDING);
    assertThat(job.runAt()).as("due when the engine was built").isEqualTo(T0);
    assertThat(job.ownerKind()).isNull();
    assertThat(job.rootId()).isNull();

    List<UUID> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      old.add(completedRoot(engine));
    }
    UUID running = Driver.start(engine, "single").id;
    clock.advance(Duration.ofDays(20));
    UUID younger = completedRoot(engine);

    assertThat(worker.runDue()).as("one run: nothing finished 30 days ago yet").isEqualTo(1);
    assertThat(old).allMatch(id -> exists(engine, id));
    assertThat(retentionJob(engine).runAt()).isEqualTo(T0.plus(Duration.ofDays(20).plusHours(6)));
    assertThat(retentionJob(engine).state()).isEqualTo(JobState.PENDING);

    clock.set(T0.plus(Duration.ofDays(31)));
    assertThat(worker.runDue())
        .as("batches of 2, 2 and 1: a full batch runs the job again at once")
        .isEqualTo(3);
    assertThat(old).noneMatch(id -> exists(engine, id));
    assertThat(exists(engine, running)).as("a running root is never deleted").isTrue();
    assertThat(exists(engine, younger)).as("finished 11 days ago").isTrue();
    JobSnapshot after = retentionJob(engine);
    assertThat(after.state()).isEqualTo(JobState.PENDING);
    assertThat(after.runAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    assertThat(after.attempts()).isZero();
    assertThat(after.lockedBy()).isNull();
    assertThat(after.id()).isEqualTo(job.id());

    assertThat(worker.runDue()).as("not due before 6 hours").isZero();
    clock.advance(Duration.ofDays(20));
    assertThat(worker.runDue()).isEqualTo(1);
    assertThat(exists(engine, younger)).isFalse();
    assertThat(exists(engine, running)).isTrue();
    assertThat(worker.stats().done()).isEqualTo(5);
  }

  @DbTest
  void everyEngineBuiltWithAPolicyKeepsOneJobAndNoRetentionCancelsIt(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer first = engine(db, clock, Tasquencer.builder().retention(Duration.ofDays(30), 100));
    clock.advance(Duration.ofMinutes(5));
    Tasquencer second = engine(db, clock, Tasquencer.builder().retention(Duration.ofDays(7), 50));
    JobSnapshot job = retentionJob(second);
    assertThat(job.payloadJson())
        .as("the policy of the engine built last")
        .contains("\"keepFinishedFor\":\"PT168H\"", "\"batchSize\":50", "\"every\":\"PT1H\"");
    assertThat(job.runAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    engine(db, clock, Tasquencer.builder()); // no retention setting: the policy stays
    assertThat(retentionJob(first).state()).isEqualTo(JobState.PENDING);

    UUID old = completedRoot(first);
    engine(db, clock, Tasquencer.builder().noRetention());
    assertThat(retentionJob(first).state()).isEqualTo(JobState.CANCELED);
    clock.advance(Duration.ofDays(60));
    JobWorker worker = first.jobWorker().build();
    assertThat(worker.runDue()).isZero();
    assertThat(exists(first, old)).isTrue();

    engine(db, clock, Tasquencer.builder().retention(Duration.ofDays(30), 10));
    assertThat(retentionJob(first).state()).as("a policy again").isEqualTo(JobState.PENDING);
    assertThat(worker.runDue()).isEqualTo(1);
    assertThat(exists(first, old)).isFalse();
  }

  @DbTest
  void enginesBuiltAtTheSameMomentLeaveOneJob(TestDatabase db) throws Exception {
    db.engine(SINGLE); // the schema, so that the engines below race on the job, not on Flyway
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier together = new CyclicBarrier(4);
      List<Future<Tasquencer>> built = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int batch = 10 + i;
        built.add(
            pool.submit(
                () -> {
                  together.await(10, TimeUnit.SECONDS);
                  return Tasquencer.builder()
                      .dataSource(db.dataSource())
                      .register(SINGLE)
                      .retention(Duration.ZERO, batch)
                      .build();
                }));
      }
      for (Future<Tasquencer> f : built) {
        f.get(60, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.queryLong("select count(*) from tq_job where handler = ?", Job.RETENTION))
        .isEqualTo(1);
  }

  @DbTest
  void aDeadRetentionJobIsRevivedByTheNextEngineWithAPolicy(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = engine(db, clock, Tasquencer.builder().retention(Duration.ZERO, 10));
    db.sql(
        "update tq_job set state = 'dead', attempts = 20, last_error = 'database down'"
            + " where handler = ?",
        Job.RETENTION);
    assertThat(retentionJob(engine).state()).isEqualTo(JobState.DEAD);
    clock.advance(Duration.ofMinutes(1));
    engine(db, clock, Tasquencer.builder().retention(Duration.ZERO, 10));
    JobSnapshot job = retentionJob(engine);
    assertThat(job.state()).isEqualTo(JobState.PENDING);
    assertThat(job.attempts()).isZero();
    assertThat(job.lastError()).isNull();
    assertThat(job.runAt()).isEqualTo(clock.instant());
  }

  @DbTest
  void theBuilderRefusesPoliciesThatMakeNoSense(TestDatabase db) {
    assertThatThrownBy(() -> Tasquencer.builder().retention(Duration.ofDays(-1), 10))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("keepFinishedFor must not be negative");
    assertThatThrownBy(() -> Tasquencer.builder().retention(Duration.ofDays(1), 0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("batchSize must be at least 1, was 0");
    assertThatThrownBy(() -> Tasquencer.builder().retention(Duration.ofDays(1), 10, Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("checkEvery must be positive");
    assertThatThrownBy(() -> Tasquencer.builder().retention(null, 10))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("keepFinishedFor must not be null");
    assertThat(retentionJobsIn(db)).isZero();
  }

  private static long retentionJobsIn(TestDatabase db) {
    db.engine(SINGLE); // the schema
    return db.queryLong("select count(*) from tq_job where handler = ?", Job.RETENTION);
  }
}

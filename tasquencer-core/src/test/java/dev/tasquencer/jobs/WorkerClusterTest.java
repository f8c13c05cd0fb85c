package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two workers with their own threads share one database: every job runs exactly once, and each
 * job's engine call completes its work item exactly once.
 */
class WorkerClusterTest {
  static final int ITEMS = 300;

  record Work(UUID workItem) {}

  /** One task with 300 work items; each registers a job that completes it. */
  static WorkflowDefinition def() {
    var item =
        Builder.workItem("w")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ZERO, Job.of("work", new Work(ctx.workItem().id()))));
    return Nets.fanOut("cluster", "fanOut", ITEMS, item);
  }

  @DbTest
  void twoWorkersRunEveryJobExactlyOnce(TestDatabase db) throws Exception {
    db.sql("create table runs (work_item uuid not null primary key)");
    Tasquencer engine = db.engine(def());
    CountDownLatch all = new CountDownLatch(ITEMS);
    JobHandler<Work> handler =
        JobHandler.inTransaction(
            Work.class,
            (ctx, w) -> {
              // a duplicate run would violate the primary key and roll back
              ctx.db().update("insert into runs (work_item) values (?)", w.workItem());
              ctx.commands().completeWorkItem(w.workItem(), null);
            });
    UUID wf = engine.internal().initializeRootWorkflow("cluster", null);
    JobWorker a =
        engine
            .jobWorker()
            .workerId("a")
            .threads(2)
            .pollInterval(Duration.ofMillis(20))
            .handler("work", counting(handler, all))
            .build();
    JobWorker b =
        engine
            .jobWorker()
            .workerId("b")
            .threads(2)
            .pollInterval(Duration.ofMillis(20))
            .handler("work", counting(handler, all))
            .build();
    try (a;
        b) {
      a.start();
      b.start();
      assertThat(all.await(120, TimeUnit.SECONDS)).as("all jobs ran").isTrue();
      // wait until the last completion committed
      while (engine.queries().workflowState(wf) != WorkflowState.COMPLETED) {
        Thread.onSpinWait();
      }
    }
    // closed: every job in flight has finished
    assertThat(a.stats().done() + b.stats().done()).isEqualTo(ITEMS);
    assertThat(a.stats().done()).as("both workers took part").isPositive();
    assertThat(b.stats().done()).as("both workers took part").isPositive();
    assertThat(db.queryLong("select count(*) from runs")).isEqualTo(ITEMS);
    assertThat(engine.queries().jobs(JobState.DONE, ITEMS + 10)).hasSize(ITEMS);
    assertThat(engine.queries().jobs(JobState.DEAD, 10)).isEmpty();
    assertThat(engine.queries().stats(wf, "fanOut").completed()).isEqualTo(ITEMS);
  }

  private static JobHandler<Work> counting(JobHandler<Work> h, CountDownLatch latch) {
    var body = ((JobHandler.Transactional<Work>) h).body();
    return JobHandler.inTransaction(
        Work.class,
        (ctx, w) -> {
          body.run(ctx, w);
          latch.countDown();
        });
  }
}

package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls on one workflow instance from several threads are serialized (section 2 of the decisions):
 * when many threads complete the work items of one task at once, the task completes exactly once,
 * its counters are exact, its successor is enabled once, and no conflict reaches the callers.
 */
class ConcurrencyTest {

  /** start -> fanOut (n self-starting work items) -> next -> end; hooks log to "events". */
  static WorkflowDefinition fanOut(int ITEMS) {
    var item =
        Builder.workItem("line")
            .onInitialized(ctx -> ctx.workItem().start())
            .withActions(Builder.workItemActions().complete(Void.class, (ctx, p) -> {}));
    var fanOut =
        Builder.task(item)
            .onEnabled(
                ctx -> {
                  for (int i = 0; i < ITEMS; i++) {
                    ctx.workItem().initialize();
                  }
                })
            .onCompleted(
                ctx ->
                    ctx.db()
                        .update(
                            "insert into events (event, stats) values (?, ?)",
                            "fanOut completed",
                            ctx.task().getStats().toString()));
    var next =
        Nets.autoInit()
            .onEnabled(
                ctx -> {
                  ctx.db().update("insert into events (event) values (?)", "next enabled");
                  ctx.workItem().initialize();
                });
    return Builder.workflow("fanOut")
        .startCondition("start")
        .task("fanOut", fanOut)
        .task("next", next)
        .endCondition("end")
        .connectCondition("start", to -> to.task("fanOut"))
        .connectTask("fanOut", to -> to.task("next"))
        .connectTask("next", to -> to.condition("end"))
        .build();
  }

  @DbTest
  void fourThreadsCompleteFourHundredWorkItemsOfOneTask(TestDatabase db) throws Exception {
    run(db, 400, 4);
  }

  /** The figure: 8 threads, 2,000 work items of one task, on PostgreSQL. */
  @org.junit.jupiter.api.Test
  void eightThreadsCompleteTwoThousandWorkItemsOfOneTaskOnPostgres() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      run(db, 2000, 8);
      dev.tasquencer.testing.Invariants.check(db.dataSource());
    }
  }

  private static void run(TestDatabase db, int ITEMS, int THREADS) throws Exception {
    db.sql("create table events (event varchar(100) not null, stats varchar(400))");
    Tasquencer engine = db.engine(fanOut(ITEMS));
    long i0 = System.nanoTime();
    UUID wf = engine.internal().initializeRootWorkflow("fanOut", null);
    System.out.println(
        db.kind()
            + ": initialization with "
            + ITEMS
            + " self-starting work items: "
            + Duration.ofNanos(System.nanoTime() - i0));
    List<WorkItemSnapshot> items = engine.queries().workItems(wf, "fanOut");
    assertThat(items).hasSize(ITEMS).allMatch(w -> w.state() == WorkItemState.STARTED);
    assertThat(engine.queries().task(wf, "fanOut").state()).isEqualTo(TaskState.STARTED);

    Queue<UUID> todo = new ConcurrentLinkedQueue<>();
    items.forEach(w -> todo.add(w.id()));
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long t0 = System.nanoTime();
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  int n = 0;
                  UUID id;
                  while ((id = todo.poll()) != null) {
                    try {
                      engine.completeWorkItem(id); // external: the complete action is custom
                      n++;
                    } catch (RuntimeException e) {
                      errors.add(e);
                    }
                  }
                  return n;
                }));
      }
      go.countDown();
      int completed = 0;
      for (Future<Integer> f : done) {
        completed += f.get(300, TimeUnit.SECONDS);
      }
      assertThat(errors).as("exceptions that reached the callers").isEmpty();
      assertThat(completed).isEqualTo(ITEMS);
    } finally {
      pool.shutdownNow();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println(
        db.kind() + ": " + ITEMS + " completions on " + THREADS + " threads: " + took);

    // the task completed exactly once, with exact counters
    List<List<Object>> completions =
        db.rows("select event, stats from events where event = 'fanOut completed'");
    assertThat(completions).hasSize(1);
    assertThat(completions.get(0).get(1))
        .as("the counters onCompleted saw")
        .isEqualTo(new TaskStats(ITEMS, 0, 0, ITEMS, 0, 0).toString());
    assertThat(engine.queries().task(wf, "fanOut").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(engine.queries().task(wf, "fanOut").generation()).isEqualTo(1);
    TaskStats stats = engine.queries().stats(wf, "fanOut");
    assertThat(stats.total()).isEqualTo(ITEMS);
    assertThat(stats.completed()).isEqualTo(ITEMS);
    assertThat(stats.initialized()).isZero();
    assertThat(stats.started()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(stats.canceled()).isZero();
    assertThat(engine.queries().workItems(wf, "fanOut"))
        .hasSize(ITEMS)
        .allMatch(w -> w.state() == WorkItemState.COMPLETED);
    assertThat(
            db.queryLong(
                "select count(*) from tq_work_item where workflow_id = ? and state = 'completed'",
                wf))
        .isEqualTo(ITEMS);

    // the successor was enabled once, with one work item; the workflow goes on
    assertThat(db.queryLong("select count(*) from events where event = 'next enabled'"))
        .isEqualTo(1);
    assertThat(engine.queries().task(wf, "next").state()).isEqualTo(TaskState.ENABLED);
    assertThat(engine.queries().task(wf, "next").generation()).isEqualTo(1);
    assertThat(engine.queries().workItems(wf, "next")).hasSize(1);
    assertThat(engine.queries().marking(wf))
        .containsEntry("start", 0)
        .containsEntry("fanOut__to__next", 1)
        .containsEntry("end", 0);
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.STARTED);
  }
}

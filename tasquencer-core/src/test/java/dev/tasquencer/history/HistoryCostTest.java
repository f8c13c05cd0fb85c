package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurements quoted in docs/history.md, on the local PostgreSQL (run with {@code -Pstress}):
 * what each history level costs one event (W4's: complete a work item, its task completes, the next
 * task is enabled with a work item), and how long {@code stateAt} takes on a long history, from the
 * start and from checkpoints. Printed, and checked only loosely (a slow machine must not fail the
 * build), except the round trips, which must not grow.
 */
@Tag("stress")
class HistoryCostTest {
  static final int EVENTS = 2000;
  static final int LONG = 30_000;

  @Test
  void costPerEventByLevel() {
    int rounds = 5;
    int perRound = EVENTS / rounds;
    try (TestDatabase db = TestDatabase.postgres()) {
      HistoryLevel[] levels = HistoryLevel.values();
      Tasquencer[] engines = new Tasquencer[levels.length];
      CountingDataSource[] counting = new CountingDataSource[levels.length];
      UUID[] roots = new UUID[levels.length];
      String[] next = new String[levels.length];
      long[][] nanos = new long[levels.length][rounds];
      long[] statements = new long[levels.length];
      long[] commits = new long[levels.length];
      for (int l = 0; l < levels.length; l++) {
        counting[l] = new CountingDataSource(db.dataSource());
        engines[l] =
            Tasquencer.builder()
                .dataSource(counting[l])
                .history(levels[l])
                .register(loopNamed("loop-" + levels[l].id()))
                .build();
        roots[l] = engines[l].internal().initializeRootWorkflow("loop-" + levels[l].id(), null);
        next[l] = "a";
        for (int i = 0; i < 200; i++) { // warm-up
          next[l] = step(engines[l], roots[l], next[l], null);
        }
      }
      for (int r = 0; r < rounds; r++) { // levels interleaved, so that noise hits all alike
        for (int l = 0; l < levels.length; l++) {
          long[] spent = new long[3];
          for (int i = 0; i < perRound; i++) {
            next[l] = step(engines[l], roots[l], next[l], new Probe(counting[l], spent));
          }
          nanos[l][r] = spent[0];
          statements[l] += spent[1];
          commits[l] += spent[2];
        }
      }
      for (int l = 0; l < levels.length; l++) {
        long[] sorted = nanos[l].clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(
            Locale.ROOT,
            "history %-8s median %.3f ms per call, %.2f statements and %.2f commits per call,"
                + " %.1f history events in %.1f rows per call%n",
            levels[l].id(),
            sorted[rounds / 2] / 1e6 / (2.0 * perRound),
            statements[l] / (2.0 * EVENTS),
            commits[l] / (2.0 * EVENTS),
            db.queryLong(
                    "select coalesce(sum(last_seq - seq + 1), 0) from tq_history where root_id = ?",
                    roots[l])
                / (2.0 * (EVENTS + 200) + 1),
            db.queryLong("select count(*) from tq_history where root_id = ?", roots[l])
                / (2.0 * (EVENTS + 200) + 1));
        engines[l].close();
      }
    }
  }

  /** Adds a call's time, statements and commits (spent[0..2]) around the two commands. */
  record Probe(CountingDataSource counting, long[] spent) {
    void around(Runnable call) {
      long s = counting.executions.get();
      long c = counting.commits.get();
      long t = System.nanoTime();
      call.run();
      spent[0] += System.nanoTime() - t;
      spent[1] += counting.executions.get() - s;
      spent[2] += counting.commits.get() - c;
    }
  }

  static WorkflowDefinition loopNamed(String name) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("a", Nets.autoInit().withJoinType(dev.tasquencer.builder.JoinType.XOR))
        .task("b", Nets.autoInit().withSplitType(dev.tasquencer.builder.SplitType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("b"))
        .connectTask("b", to -> to.task("a").condition("end").route(ctx -> ctx.toTask("a")))
        .build();
  }

  /**
   * Starts and completes the live work item of {@code task} (the two calls measured by {@code
   * probe} when there is one); returns the next task.
   */
  static String step(Tasquencer engine, UUID wf, String task, Probe probe) {
    UUID wi =
        engine.queries().workItems(wf, task).stream()
            .filter(w -> !w.state().isFinal())
            .findFirst()
            .orElseThrow()
            .id();
    if (probe == null) {
      engine.internal().startWorkItem(wi);
      engine.internal().completeWorkItem(wi);
    } else {
      probe.around(() -> engine.internal().startWorkItem(wi));
      probe.around(() -> engine.internal().completeWorkItem(wi));
    }
    return task.equals("a") ? "b" : "a";
  }

  @Test
  void stateAtOnALongHistory() {
    try (TestDatabase db = TestDatabase.postgres()) {
      Tasquencer engine =
          db.engine(Tasquencer.builder().history(HistoryLevel.FULL).register(loopNamed("long")));
      UUID wf = engine.internal().initializeRootWorkflow("long", null);
      String task = "a";
      while (engine.queries().state(wf).seq() < LONG) {
        task = step(engine, wf, task, null);
      }
      long last = engine.queries().state(wf).seq();
      for (double at : new double[] {0.1, 0.5, 0.9, 1.0}) {
        long seq = Math.max(1, (long) (last * at));
        db.sql("delete from tq_history_checkpoint");
        long t0 = System.nanoTime();
        InstanceState cold = engine.queries().stateAt(wf, seq);
        long coldNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        InstanceState warm = engine.queries().stateAt(wf, seq);
        long warmNanos = System.nanoTime() - t0;
        assertThat(warm).isEqualTo(cold);
        System.out.printf(
            Locale.ROOT,
            "stateAt(%d of %d events, %d work items): %.1f ms from the start (writes %d"
                + " checkpoints), %.1f ms from the nearest checkpoint%n",
            seq,
            last,
            cold.workItems().size(),
            coldNanos / 1e6,
            db.queryLong("select count(*) from tq_history_checkpoint where root_id = ?", wf),
            warmNanos / 1e6);
      }
      long t0 = System.nanoTime();
      InstanceState live = engine.queries().state(wf);
      System.out.printf(Locale.ROOT, "state() live: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
      assertThat(engine.queries().stateAt(wf, last)).isEqualTo(live);
    }
  }
}

package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.RandomNets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Time travel reconstructs what was: random nets ({@link RandomNets}: AND/XOR/OR joins and splits,
 * loops, explicit conditions, cancellation regions) driven by random calls (start, complete, fail,
 * cancel and reset of random live work items, with payloads), the live state captured after every
 * committed call; at the end {@code stateAt(seq)} of every captured call equals what was captured:
 * everything at {@link HistoryLevel#FULL}, everything but the marking at {@link
 * HistoryLevel#AUDIT}. Calls the engine rejects (an illegal transition) change neither state nor
 * history.
 */
class TimeTravelPropertyTest {
  static final int SEEDS = 12;
  static final int INSTANCES = 2;
  static final int MAX_CALLS = 40;

  /** A task that creates one or two work items with a payload when enabled. */
  static TaskBuilder task(int i) {
    return Builder.task(Builder.workItem("w" + i))
        .onEnabled(
            ctx -> {
              int n = ctx.task().generation() % 2 == 0 ? 2 : 1;
              for (int k = 0; k < n; k++) {
                ctx.workItem()
                    .initialize(Map.of("task", i, "k", k, "gen", ctx.task().generation()));
              }
            });
  }

  /** Deterministic routers: a hash of (task, generation) picks the routes. */
  static List<Route> route(
      long salt, int task, int generation, List<Route> candidates, boolean many) {
    Random r = new Random(salt * 31 + task * 7919L + generation);
    if (!many) {
      return List.of(candidates.get(r.nextInt(candidates.size())));
    }
    List<Route> out = new ArrayList<>();
    for (Route c : candidates) {
      if (r.nextBoolean()) {
        out.add(c);
      }
    }
    return out.isEmpty() ? List.of(candidates.get(0)) : out;
  }

  record Captured(UUID workflow, InstanceState state) {}

  @DbTest
  void stateAtEqualsEveryCapturedStateAtFull(TestDatabase db) {
    run(db, HistoryLevel.FULL);
  }

  @DbTest
  void stateAtEqualsEveryCapturedStateWithoutMarkingAtAudit(TestDatabase db) {
    run(db, HistoryLevel.AUDIT);
  }

  private static void run(TestDatabase db, HistoryLevel level) {
    int compared = 0;
    int rejected = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random rnd = new Random(seed * 1_000_003L + level.ordinal());
      long salt = rnd.nextLong();
      String name = "tt-" + level.id() + "-" + seed;
      RandomNets.Net net =
          RandomNets.generate(
              rnd,
              6,
              true,
              RandomNets.Options.DEFAULT.named(name),
              TimeTravelPropertyTest::task,
              (t, g, routes, many) -> route(salt, t, g, routes, many));
      // earlier seeds' roots on the database run on nets this engine does not register
      Tasquencer engine =
          db.engine(
              Tasquencer.builder()
                  .history(level)
                  .register(net.definition())
                  .allowUnregisteredRunningVersions());
      List<Captured> captured = new ArrayList<>();
      for (int n = 0; n < INSTANCES; n++) {
        UUID wf = engine.internal().initializeRootWorkflow(name, Map.of("instance", n));
        captured.add(new Captured(wf, engine.queries().state(wf)));
        for (int c = 0; c < MAX_CALLS; c++) {
          InstanceState now = engine.queries().state(wf);
          List<InstanceState.WorkItem> live =
              now.workItems().stream().filter(w -> !w.state().isFinal()).toList();
          if (live.isEmpty() || now.state().isFinal()) {
            break;
          }
          InstanceState.WorkItem w = live.get(rnd.nextInt(live.size()));
          Map<String, Object> payload = Map.of("call", c, "seed", seed);
          int dice = rnd.nextInt(20);
          if (dice == 0) {
            // an illegal call: rolled back, it must leave neither state nor history
            DbSnapshot before = DbSnapshot.take(db);
            boolean failed = false;
            try {
              if (w.state() == WorkItemState.INITIALIZED) {
                engine.internal().completeWorkItem(w.id(), payload);
              } else {
                engine.internal().startWorkItem(w.id(), payload);
              }
            } catch (RuntimeException expected) {
              failed = true;
            }
            assertThat(failed).isTrue();
            assertThat(DbSnapshot.take(db)).isEqualTo(before);
            rejected++;
            continue;
          }
          if (w.state() == WorkItemState.INITIALIZED) {
            if (dice < 17) {
              engine.internal().startWorkItem(w.id(), payload);
            } else {
              engine.internal().cancelWorkItem(w.id(), payload);
            }
          } else if (dice < 13) {
            engine.internal().completeWorkItem(w.id(), payload);
          } else if (dice < 15) {
            engine.internal().resetWorkItem(w.id(), payload);
          } else if (dice < 17) {
            engine.internal().cancelWorkItem(w.id(), payload);
          } else {
            engine.internal().failWorkItem(w.id(), payload);
          }
          captured.add(new Captured(wf, engine.queries().state(wf)));
        }
      }
      for (Captured c : captured) {
        InstanceState then = engine.queries().stateAt(c.workflow(), c.state().seq());
        InstanceState expected = c.state();
        if (level != HistoryLevel.FULL) {
          assertThat(then.marking()).isNull();
          expected = expected.withoutMarking();
        }
        assertThat(then)
            .as("seed %d, %s after event %d", seed, c.workflow(), c.state().seq())
            .isEqualTo(expected);
        compared++;
      }
      // the whole history reads back in order
      UUID first = captured.get(0).workflow();
      long last = engine.queries().state(first).seq();
      assertThat(
              engine
                  .queries()
                  .history(first, HistoryFilter.ALL, HistoryPage.first(10_000))
                  .events())
          .hasSize((int) last);
    }
    assertThat(compared).isGreaterThan(SEEDS * INSTANCES * 3);
    assertThat(rejected).isPositive();
  }
}

package dev.tasquencer.bench;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.identity.ScopeModule;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * W7, work queues (docs/work-queues.md): preloads {@link #ITEMS} open offered work items through
 * the engine, spread over groups, scopes, users and agents, then times first pages of {@code
 * available} and {@code claimedBy} and {@code counts}, one call after the other, and reports median
 * and p99 per query.
 *
 * <p>Each item's offer and queue data follow from a hash of its id: 40% to one of {@link #GROUPS}
 * groups, 30% to one of {@link #SCOPES} scopes, 20% to one of {@link #USERS} users by id, 10% to
 * agents; priority 0 to 4, a due date within 30 days for half of them, a "region" attribute of 8
 * values. The measured user "alice" is a member of two groups and holds one scope (about 7% of the
 * items); "u7" sees only the items offered to it by id (about 20 of 100,000, the sparse case).
 */
final class QueueWorkload {
  static final int ITEMS = 100_000;
  static final int PER_CASE = 500;
  static final int GROUPS = 20;
  static final int SCOPES = 10;
  static final int USERS = 1_000;
  static final int PAGE = 50;
  static final int CLAIMED = 100;

  private QueueWorkload() {}

  static WorkflowDefinition definition() {
    WorkItemBuilder item =
        Builder.workItem("work")
            .offer(ctx -> offer(ctx.workItemId().hashCode()))
            .queue(ctx -> queue(ctx.workItemId().getLeastSignificantBits(), ctx.now()));
    return Builder.workflow("queues")
        .startCondition("start")
        .task(
            "work",
            Builder.task(item)
                .onEnabled(
                    ctx -> {
                      for (int i = 0; i < PER_CASE; i++) {
                        ctx.workItem().initialize();
                      }
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("work"))
        .connectTask("work", to -> to.condition("end"))
        .build();
  }

  static Offer offer(int hash) {
    int h = Math.floorMod(hash, 100);
    int k = Math.floorMod(hash / 100, 1_000_000);
    if (h < 40) {
      return Offer.toGroups("g" + k % GROUPS);
    } else if (h < 70) {
      return Offer.toScopes("queue:s" + k % SCOPES);
    } else if (h < 90) {
      return Offer.toUsers("u" + k % USERS);
    }
    return Offer.toAgents();
  }

  static QueueData queue(long bits, Instant now) {
    int b = (int) Math.floorMod(bits, 1_000_000L);
    QueueData q = QueueData.priority(b % 5).attribute("region", "r" + (b / 5) % 8);
    return (b / 40) % 2 == 0 ? q : q.due(now.plus(Duration.ofDays(1 + (b / 80) % 30)));
  }

  static Tasquencer engine(DataSource ds) {
    ScopeModule module = ScopeModule.of("queue", "W7 queue scopes");
    for (int s = 0; s < SCOPES; s++) {
      module = module.scope("s" + s, "scope " + s);
    }
    ScopeModule scopes = module;
    return Tasquencer.builder()
        .dataSource(ds)
        .history(HistoryLevel.NONE)
        .identity(
            id -> {
              id.scopes(scopes);
              for (int s = 0; s < SCOPES; s++) {
                id.role("r" + s, "holds queue:s" + s, "queue:s" + s);
              }
              for (int g = 0; g < GROUPS; g++) {
                id.group("g" + g, "group " + g);
              }
            })
        .register(definition())
        .build();
  }

  /** Preloads, measures, and returns the figures (times in ms). */
  static Map<String, Object> run(DataSource ds, int reps, BiConsumer<String, Object[]> say) {
    Map<String, Object> out = new LinkedHashMap<>();
    try (Tasquencer engine = engine(ds)) {
      engine.identity().addMember("g0", "alice", null);
      engine.identity().addMember("g1", "alice", null);
      engine.identity().assignRoleToUser("r0", "alice", null);
      long t0 = System.nanoTime();
      for (int c = 0; c < ITEMS / PER_CASE; c++) {
        engine.internal().initializeRootWorkflow("queues", null);
        if ((c + 1) % 40 == 0) {
          say.accept(
              "[pg] W7: %,d of %,d items (%.0f s)",
              new Object[] {(c + 1) * PER_CASE, ITEMS, (System.nanoTime() - t0) / 1e9});
        }
      }
      // what autovacuum does after such a load, so that the planner knows the new rows
      try (java.sql.Connection c = ds.getConnection();
          java.sql.Statement st = c.createStatement()) {
        c.setAutoCommit(true);
        st.execute("vacuum (analyze) tq_allocation");
        st.execute("vacuum (analyze) tq_offer_target");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("W7: vacuum after the preload failed: " + e, e);
      }
      out.put("items", ITEMS);
      out.put("preloadSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      Actor alice = Actor.user("alice");
      Actor sparse = Actor.user("u7");
      // alice claims some, so that her claimed queue has more than a page
      List<QueueEntry> mine =
          engine.queues().available(alice, QueueFilter.all(), QueuePage.first(CLAIMED)).items();
      for (QueueEntry e : mine) {
        engine.as(alice).claimWorkItem(e.workItemId());
      }
      var counts = engine.queues().counts(alice);
      out.put("aliceAvailable", counts.available());
      out.put("aliceClaimed", counts.claimed());
      out.put("u7Available", engine.queues().counts(sparse).available());
      out.put("repetitions", reps);
      out.put("pageSize", PAGE);
      QueuePage first = QueuePage.first(PAGE);
      Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
      queries.put(
          "available (alice)", () -> engine.queues().available(alice, QueueFilter.all(), first));
      queries.put(
          "available (u7, sparse)",
          () -> engine.queues().available(sparse, QueueFilter.all(), first));
      queries.put(
          "available (alice, region filter)",
          () ->
              engine.queues().available(alice, QueueFilter.all().attribute("region", "r3"), first));
      queries.put(
          "claimedBy (alice)", () -> engine.queues().claimedBy(alice, QueueFilter.all(), first));
      queries.put("counts (alice)", () -> engine.queues().counts(alice));
      Map<String, Object> results = new LinkedHashMap<>();
      int sink = 0; // the answers are used, so that no call is optimized away
      for (Map.Entry<String, Supplier<Object>> q : queries.entrySet()) {
        for (int w = 0; w < Math.min(50, reps); w++) {
          sink ^= System.identityHashCode(q.getValue().get());
        }
        long[] ns = new long[reps];
        for (int r = 0; r < reps; r++) {
          long s = System.nanoTime();
          sink ^= System.identityHashCode(q.getValue().get());
          ns[r] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("medianMs", ms(ns[(reps - 1) / 2]));
        one.put("p99Ms", ms(ns[(int) Math.ceil(reps * 0.99) - 1]));
        one.put("maxMs", ms(ns[reps - 1]));
        results.put(q.getKey(), one);
        say.accept(
            "[pg] W7: %-34s median %6.2f ms, p99 %6.2f ms",
            new Object[] {q.getKey(), one.get("medianMs"), one.get("p99Ms")});
      }
      out.put("queries", results);
      if (sink == 42) {
        say.accept("", new Object[0]);
      }
    }
    return out;
  }

  private static double ms(long ns) {
    return Math.round(ns / 1e4) / 100.0;
  }

  static String describe(Map<String, Object> w7) {
    return String.format(Locale.ROOT, "W7 work queues: %s", w7);
  }
}

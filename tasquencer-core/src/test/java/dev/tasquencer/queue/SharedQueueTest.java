package dev.tasquencer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.AllocationInvalidStateException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue shared by many workers: concurrent claims from the same pages complete every item once,
 * by its claimant; walking a queue page by page while it changes repeats and skips nothing.
 */
class SharedQueueTest {
  static final int ITEMS_PER_CASE = 10;

  /** Cases of {@link #ITEMS_PER_CASE} items offered to "team", priority 0 to 4 by id. */
  static WorkflowDefinition shared() {
    WorkItemBuilder item =
        Builder.workItem("work")
            .withActions(
                Builder.workItemActions()
                    .start(Void.class, Policy.anyActor())
                    .complete(Void.class, Policy.anyActor()))
            .offer(Offer.toGroups("team"))
            .queue(ctx -> QueueData.priority(Math.floorMod(ctx.workItemId().hashCode(), 5)));
    return Nets.fanOut("shared", "work", ITEMS_PER_CASE, item);
  }

  static Tasquencer engine(TestDatabase db, int users) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .identity(id -> id.group("team", "Everyone who works the queue"))
                .register(shared()));
    for (int u = 0; u < users; u++) {
      engine.identity().addMember("team", "u" + u, null);
    }
    return engine;
  }

  static void cases(Tasquencer engine, int n) {
    for (int i = 0; i < n; i++) {
      engine.internal().initializeRootWorkflow("shared", null);
    }
  }

  @DbTest
  void eightWorkersCompleteEveryItemOnceEachByItsClaimant(TestDatabase db) throws Exception {
    int threads = 8;
    int items = 2000;
    Tasquencer engine = engine(db, threads);
    cases(engine, items / ITEMS_PER_CASE);
    assertThat(engine.queues().counts(Actor.user("u0")).available()).isEqualTo(items);

    Map<UUID, Actor> completedBy = new ConcurrentHashMap<>();
    Set<UUID> twice = ConcurrentHashMap.newKeySet();
    AtomicInteger lostRaces = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Actor me = Actor.user("u" + t);
        Random random = new Random(t);
        done.add(
            pool.submit(
                () -> {
                  while (true) {
                    List<QueueEntry> page =
                        engine
                            .queues()
                            .available(me, QueueFilter.all(), QueuePage.first(20))
                            .items();
                    if (page.isEmpty()) {
                      return null;
                    }
                    UUID id = page.get(random.nextInt(page.size())).workItemId();
                    try {
                      engine.as(me).claimWorkItem(id);
                    } catch (WorkItemAlreadyClaimedException | AllocationInvalidStateException e) {
                      lostRaces.incrementAndGet(); // someone else took it (or finished it) first
                      continue;
                    }
                    engine.as(me).startWorkItem(id);
                    engine.as(me).completeWorkItem(id);
                    if (completedBy.putIfAbsent(id, me) != null) {
                      twice.add(id);
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(twice).isEmpty();
    assertThat(completedBy).hasSize(items);
    for (Map.Entry<UUID, Actor> e : completedBy.entrySet()) {
      Allocation a = engine.queries().allocation(e.getKey()).orElseThrow();
      assertThat(a.state()).isEqualTo(AllocationState.DONE);
      assertThat(a.claimant()).isEqualTo(e.getValue());
    }
    for (int t = 0; t < threads; t++) {
      assertThat(engine.queues().counts(Actor.user("u" + t)).available()).isZero();
      assertThat(engine.queues().counts(Actor.user("u" + t)).claimed()).isZero();
    }
  }

  @DbTest
  void walkingAChangingQueueRepeatsAndSkipsNothing(TestDatabase db) {
    Tasquencer engine = engine(db, 2);
    Actor walker = Actor.user("u0");
    Actor other = Actor.user("u1");
    cases(engine, 30);
    Set<UUID> atStart = new LinkedHashSet<>(all(engine, walker));
    assertThat(atStart).hasSize(300);

    Set<UUID> claimedMeanwhile = new HashSet<>();
    Set<UUID> claimedUnseen = new HashSet<>();
    List<UUID> seen = new ArrayList<>();
    QueuePage page = QueuePage.first(20);
    while (true) {
      QueueItems p = engine.queues().available(walker, QueueFilter.all(), page);
      seen.addAll(p.items().stream().map(QueueEntry::workItemId).toList());
      // meanwhile: ten new items arrive (in front of and behind the cursor), another worker
      // claims three of those still in the queue, some ahead of the walker
      cases(engine, 1);
      List<UUID> now = all(engine, walker);
      for (int i : new int[] {now.size() - 1, now.size() / 2, now.size() - 5}) {
        UUID id = now.get(i);
        if (claimedMeanwhile.add(id)) {
          engine.as(other).claimWorkItem(id);
          if (!seen.contains(id)) {
            claimedUnseen.add(id);
          }
        }
      }
      if (p.next().isEmpty()) {
        break;
      }
      page = page.next(p);
    }
    assertThat(seen).doesNotHaveDuplicates();
    Set<UUID> stayed = new HashSet<>(atStart);
    stayed.removeAll(claimedMeanwhile);
    assertThat(seen).containsAll(stayed);
    // items claimed before the walker reached them are not shown afterwards
    assertThat(claimedUnseen).hasSizeGreaterThan(10);
    assertThat(seen).doesNotContainAnyElementsOf(claimedUnseen);
  }

  /** Every item available to {@code actor}, page by page (pages of 100). */
  static List<UUID> all(Tasquencer engine, Actor actor) {
    List<UUID> ids = new ArrayList<>();
    QueuePage page = QueuePage.first(100);
    while (true) {
      QueueItems p = engine.queues().available(actor, QueueFilter.all(), page);
      ids.addAll(p.items().stream().map(QueueEntry::workItemId).toList());
      if (p.next().isEmpty()) {
        return ids;
      }
      page = page.next(p);
    }
  }
}

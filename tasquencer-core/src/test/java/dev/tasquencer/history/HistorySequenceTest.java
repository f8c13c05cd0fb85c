package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * History is numbered per root without a global counter: the number lives on the root's row, which
 * every call on the tree locks. Eight threads completing work items of one root at once produce the
 * numbers 1, 2, 3, ... without a gap or a repeat, and the events of one call are contiguous. Pages
 * read with keyset pagination return every event once.
 */
class HistorySequenceTest {
  static final int THREADS = 8;
  static final int PER_THREAD = 10;

  @DbTest
  void eightThreadsOnOneRootGetGapFreeIncreasingNumbers(TestDatabase db) throws Exception {
    int items = THREADS * PER_THREAD;
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .maxAttempts(50)
                .register(Nets.fanOut("fan", "t", items, Nets.NOOP)));
    UUID wf = engine.internal().initializeRootWorkflow("fan", null);
    List<UUID> ids =
        engine.queries().workItems(wf, "t").stream().map(WorkItemSnapshot::id).toList();
    assertThat(ids).hasSize(items);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<UUID> mine = ids.subList(t * PER_THREAD, (t + 1) * PER_THREAD);
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (UUID id : mine) {
                  engine.internal().startWorkItem(id);
                  engine.internal().completeWorkItem(id);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(engine.queries().workflowState(wf)).isEqualTo(WorkflowState.COMPLETED);

    // read it all in small pages: every event once, in order
    List<HistoryEvent> all = new ArrayList<>();
    HistoryPage page = HistoryPage.first(37);
    HistoryEvents events;
    do {
      events = engine.queries().history(wf, HistoryFilter.ALL, page);
      all.addAll(events.events());
      page = events.next();
    } while (events.hasMore());
    assertThat(engine.queries().history(wf, HistoryFilter.ALL, page).events()).isEmpty();

    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).as("event %d", i).isEqualTo(i + 1L);
    }
    assertThat(engine.queries().state(wf).seq()).isEqualTo(all.size());
    // 1 workflow + per item: initialize, start, complete (the first start also starts task and
    // workflow); task enable/start/complete; workflow complete
    assertThat(all.stream().filter(e -> e.workItemId() != null).count()).isEqualTo(3L * items);

    // the events of one call are contiguous: a call's command id never reappears after another's
    Set<UUID> finished = new HashSet<>();
    UUID current = null;
    for (HistoryEvent e : all) {
      if (!e.commandId().equals(current)) {
        assertThat(finished)
            .as("command %s resumed after another", e.commandId())
            .doesNotContain(e.commandId());
        if (current != null) {
          finished.add(current);
        }
        current = e.commandId();
      }
    }
    assertThat(finished.size() + 1).isEqualTo(1 + 2 * items);
  }
}

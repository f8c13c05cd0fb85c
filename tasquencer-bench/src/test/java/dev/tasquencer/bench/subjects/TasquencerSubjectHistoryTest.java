package dev.tasquencer.bench.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.bench.BenchDatabase;
import dev.tasquencer.bench.DbKind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Our subject runs at the history level it is given, and says so from the engine: at audit a W4
 * instance run to its end leaves its history (numbered 1..n), at none it leaves none.
 */
class TasquencerSubjectHistoryTest {

  @Test
  void atAuditAFinishedW4RootHasItsHistoryNumberedFromOne() {
    try (BenchDatabase db = BenchDatabase.create(DbKind.H2, "subject_audit", run(), null);
        TasquencerSubject ours = new TasquencerSubject(db.dataSource(), "audit")) {
      UUID root = ours.finishedRoot();
      List<HistoryEvent> events =
          ours.engine()
              .queries()
              .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
              .events();
      assertThat(events).isNotEmpty();
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 1);
        assertThat(events.get(i).rootId()).isEqualTo(root);
      }
      // every work item transition of A's and B's items is there: initialize, start, complete
      assertThat(
              events.stream().filter(e -> e.workItemId() != null).map(HistoryEvent::event).toList())
          .containsExactly("initialize", "start", "complete", "initialize", "start", "complete");
      assertThat(ours.history()).isEqualTo("audit");
      // a W2 instance (10 automatic tasks in one call): the workflow's initialize, start and
      // complete, each task's enable, start and complete, its work item's initialize, start and
      // complete
      UUID w2 = (UUID) ours.sequenceOfTen();
      assertThat(
              ours.engine()
                  .queries()
                  .history(w2, HistoryFilter.ALL, HistoryPage.first(1000))
                  .events())
          .hasSize(3 + 10 * 3 + 10 * 3);
    }
  }

  @Test
  void atNoneItWritesNoHistory() {
    try (BenchDatabase db = BenchDatabase.create(DbKind.H2, "subject_none", run(), null);
        TasquencerSubject ours = new TasquencerSubject(db.dataSource(), "none")) {
      UUID root = ours.finishedRoot();
      assertThat(
              ours.engine()
                  .queries()
                  .history(root, HistoryFilter.ALL, HistoryPage.first(1000))
                  .events())
          .isEmpty();
      assertThat(ours.history()).isEqualTo("none");
    }
  }

  @Test
  void anUnknownLevelIsRefusedWithTheLevelsThereAre() {
    assertThatThrownBy(() -> TasquencerSubject.checkHistory("verbose"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--history: unknown level 'verbose' (levels: none, activity, audit, full)");
  }

  private static String run() {
    return Long.toString(System.nanoTime());
  }
}

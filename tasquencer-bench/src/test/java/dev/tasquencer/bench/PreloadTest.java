package dev.tasquencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.bench.subjects.TasquencerSubject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * W6's preload on PostgreSQL: the cloned roots' history rows look like the engine's own, so that
 * the engine reads them back as it reads the template's (history pages, time travel), each root
 * numbered 1..n, with its own ids and timestamps. Skipped when PostgreSQL is not reachable, unless
 * {@code TASQUENCER_REQUIRE_PG=true}.
 */
class PreloadTest {

  @BeforeAll
  static void postgres() {
    try (Connection c = DriverManager.getConnection(BenchPostgresSmokeTest.URL)) {
      c.isValid(5);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("TASQUENCER_REQUIRE_PG"))) {
        throw new IllegalStateException("PostgreSQL is required: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
    }
  }

  @Test
  void clonedRootsHaveTheirOwnHistoryThatTheEngineReadsLikeItsOwn() throws Exception {
    String run = "preload_" + System.nanoTime();
    try (BenchDatabase db =
            BenchDatabase.create(DbKind.POSTGRES, "t", run, BenchPostgresSmokeTest.URL);
        TasquencerSubject ours = new TasquencerSubject(db.dataSource(), "audit")) {
      Map<String, Object> preload =
          Preload.finishedRoots(db.dataSource().delegate(), ours, 20, (f, a) -> {});
      @SuppressWarnings("unchecked")
      Map<String, Object> history = (Map<String, Object>) preload.get("history");
      assertThat(history.get("eventsPerRoot")).isEqualTo(15L);
      assertThat(history.get("rowsPerRoot")).isEqualTo(5L);
      assertThat(history.get("events")).isEqualTo(20 * 15L);
      assertThat(history.get("rows")).isEqualTo(20 * 5L);
      assertThat(history.get("status")).isEqualTo("preloaded");

      List<UUID> roots = new ArrayList<>();
      try (Connection c = db.dataSource().delegate().getConnection();
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("select id from tq_workflow order by created_at")) {
          while (rs.next()) {
            roots.add(rs.getObject(1, UUID.class));
          }
        }
        // per root: 15 events numbered 1..15 without gaps, in batches that follow each other
        assertThat(
                row(
                    s,
                    "select count(*), min(n), max(n), bool_and(ok)::int from (select root_id,"
                        + " sum(last_seq - seq + 1) n, min(seq) = 1"
                        + " and max(last_seq) = sum(last_seq - seq + 1) ok from tq_history"
                        + " group by root_id) x"))
            .containsExactly(20L, 15L, 15L, 1L);
        // the root's counter at 15, the last batch ending there
        assertThat(
                row(
                    s,
                    "select count(*) from tq_workflow w where w.history_seq <> 15"
                        + " or not exists (select 1 from tq_history h where h.root_id = w.id"
                        + " and h.last_seq = w.history_seq)"))
            .containsExactly(0L);
        // one batch per call, with a command id that no other root has
        assertThat(
                row(
                    s,
                    "select count(*), count(distinct command_id), count(distinct (root_id,"
                        + " command_id)) from tq_history"))
            .containsExactly(20 * 5L, 20 * 5L, 20 * 5L);
        // each work item event names a work item of its own root (the ids inside the events
        // were cloned too)
        assertThat(
                row(
                    s,
                    "select count(*) from tq_history h cross join lateral"
                        + " json_array_elements(h.events::json) e where e->>'i' is not null"
                        + " and not exists (select 1 from tq_work_item i"
                        + " where i.id = (e->>'i')::uuid and i.root_id = h.root_id)"))
            .containsExactly(0L);
        assertThat(
                row(
                    s,
                    "select count(*) from tq_history h cross join lateral"
                        + " json_array_elements(h.events::json) e where e->>'i' is not null"))
            .containsExactly(20 * 6L); // A's and B's work items: initialize, start, complete
        // the clones are spread back in time, one spacing apart: no two roots share a timestamp
        assertThat(
                row(
                    s,
                    "select count(distinct at), count(distinct root_id) from tq_history"
                        + " where seq = 1"))
            .containsExactly(20L, 20L);
      }

      UUID oldest = roots.get(0);
      List<HistoryEvent> events =
          ours.engine()
              .queries()
              .history(oldest, HistoryFilter.ALL, HistoryPage.first(100))
              .events();
      assertThat(events).hasSize(15);
      assertThat(events.get(14).event()).isEqualTo("complete");
      assertThat(events.get(14).toState()).isEqualTo("completed");
      // time travel on a clone: after A's work item completed (event 7), A is still started
      InstanceState mid = ours.engine().queries().stateAt(oldest, 7);
      assertThat(mid.state()).isEqualTo(WorkflowState.STARTED);
      assertThat(mid.task("A").state()).isEqualTo(TaskState.STARTED);
      assertThat(mid.task("B").state()).isEqualTo(TaskState.DISABLED);
      assertThat(mid.workItems("A", 1))
          .singleElement()
          .extracting(InstanceState.WorkItem::state)
          .isEqualTo(WorkItemState.COMPLETED);
      // and its last event gives the live state (what audit promises: no marking; the live
      // state carries no event time)
      InstanceState last = ours.engine().queries().stateAt(oldest, 15);
      assertThat(last.at()).isEqualTo(events.get(14).at());
      assertThat(last)
          .usingRecursiveComparison()
          .ignoringFields("at")
          .isEqualTo(ours.engine().queries().state(oldest).withoutMarking());
    }
  }

  /** The first row of a query's result, as numbers. */
  private static List<Long> row(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<Long> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getLong(i));
      }
      return out;
    }
  }
}

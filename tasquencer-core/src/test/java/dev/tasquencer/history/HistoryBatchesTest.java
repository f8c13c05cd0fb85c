package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * History is stored as batches, one row for the events one call appends to one root: a call that
 * completes a work item adds one row whatever it cascades into, a call with more events than a
 * batch holds splits them over rows that follow each other without gaps, and reading them back
 * (all, page by page, filtered) gives every event once, in order, with the payloads exactly as
 * written.
 */
class HistoryBatchesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<HistoryEvent> all(Tasquencer engine, UUID root, HistoryFilter f) {
    return HistoryQueriesTest.all(engine, root, f);
  }

  static long rows(TestDatabase db, UUID root) {
    return db.queryLong("select count(*) from tq_history where root_id = ?", root);
  }

  @DbTest
  void eachCallAppendsOneRowPerRoot(TestDatabase db) {
    Tasquencer engine = db.engine(Nets.singleTask("one"));
    UUID wf = engine.internal().initializeRootWorkflow("one", null);
    assertThat(rows(db, wf)).isEqualTo(1);
    UUID item = engine.queries().workItems(wf, "t").get(0).id();
    engine.internal().startWorkItem(item, null);
    assertThat(rows(db, wf)).isEqualTo(2);
    long before = engine.queries().state(wf).seq();
    // completing the item completes its task and the workflow: several events, one row
    engine.internal().completeWorkItem(item, null);
    long after = engine.queries().state(wf).seq();
    assertThat(after - before).isGreaterThan(2);
    assertThat(rows(db, wf)).isEqualTo(3);
    assertThat(all(engine, wf, HistoryFilter.ALL))
        .extracting(HistoryEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, after).boxed().toList());
  }

  @DbTest
  void aLargeCallSplitsItsEventsOverRowsWithoutGaps(TestDatabase db) throws Exception {
    var auto =
        Builder.workItem("auto")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    Tasquencer engine = db.engine(Nets.fanOut("many", "fan", 700, auto));
    String note = "quote \" backslash \\ newline \n tab \t control \u0001 accents é ✓ 😀";
    UUID wf = engine.internal().initializeRootWorkflow("many", Map.of("note", note));

    long events = engine.queries().state(wf).seq();
    assertThat(events).isGreaterThan(2100); // 700 items of 3 events each, and more
    List<List<Object>> batches =
        db.rows("select seq, last_seq from tq_history where root_id = ? order by seq", wf);
    assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
    long next = 1;
    for (List<Object> b : batches) {
      long first = ((Number) b.get(0)).longValue();
      long last = ((Number) b.get(1)).longValue();
      assertThat(first).isEqualTo(next);
      assertThat(last - first + 1).isBetween(1L, 1000L);
      next = last + 1;
    }
    assertThat(next - 1).isEqualTo(events);

    List<HistoryEvent> every = all(engine, wf, HistoryFilter.ALL);
    assertThat(every)
        .extracting(HistoryEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, events).boxed().toList());

    // page by page, 7 at a time, across the batches' edges
    List<HistoryEvent> paged = new ArrayList<>();
    HistoryPage page = HistoryPage.first(7);
    HistoryEvents got;
    do {
      got = engine.queries().history(wf, HistoryFilter.ALL, page);
      paged.addAll(got.events());
      page = got.next();
    } while (got.hasMore());
    assertThat(paged).isEqualTo(every);

    // one work item from the middle of the call: its three events, from whichever rows hold them
    UUID middle = engine.queries().workItems(wf, "fan").get(500).id();
    assertThat(all(engine, wf, HistoryFilter.ALL.withWorkItem(middle)))
        .extracting(HistoryEvent::event)
        .containsExactly("initialize", "start", "complete");

    // the workflow's initialize event carries its payload exactly
    HistoryEvent created = every.get(0);
    assertThat(created.event()).isEqualTo("initialize");
    assertThat(JSON.readTree(created.payloadJson()).path("payload").path("note").asString())
        .isEqualTo(note);
  }
}

package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.cli.ownnets.OrderNets;
import dev.tasquencer.cli.ownnets.ReviewNet;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tasquencer history} and {@code tasquencer state}: the timeline of an instance and the
 * instance as it was at any event of it, read back from the database the demo ran on.
 */
class HistoryCommandsTest extends CliTest {

  /** Runs the billing demo on the database and returns its JSON. */
  private static JsonNode billing(String db, int customers) {
    Run demo = run("demo", "billing", "--customers", "" + customers, "--db", db, "--json");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    return demo.json();
  }

  private static Run ok(String... args) {
    Run r = run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }

  /** The events of {@code history --json}, in the order printed. */
  private static List<JsonNode> events(JsonNode history) {
    List<JsonNode> events = new ArrayList<>();
    history.get("events").forEach(events::add);
    return events;
  }

  /**
   * The issue's "must show": the demo prints its workflow id and history size; history lists every
   * work item transition with origin and seq; the state in the middle of the run has the invoices
   * task started with some work items completed and some not; the state after the last event is the
   * live state.
   */
  @DbTest
  void billingRunCanBeFollowedEventByEventAndRebuiltAtAnyOfThem(TestDatabase db) {
    String url = db.jdbcUrl();
    JsonNode demo = billing(url, 500);
    String id = demo.get("workflowId").asString();
    long invoices = demo.get("invoices").asLong();
    long size = demo.get("history").asLong();
    assertThat(invoices).isPositive();

    JsonNode history = ok("history", id, "--db", url, "--json").json();
    List<JsonNode> events = events(history);
    assertThat(history.get("rootId").asString()).isEqualTo(id);
    assertThat(history.get("count").asLong()).isEqualTo(size).isEqualTo(events.size());
    assertThat(history.get("more").asBoolean()).isFalse();
    // more than one page (1000 events): numbered 1..n without gap or repeat across pages
    assertThat(size).isGreaterThan(HistoryCommand.PAGE_SIZE);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1);
      assertThat(events.get(i).get("origin").asString())
          .isIn("external", "internal", "job", "engine");
    }

    // every work item went initialized -> started -> completed, each step one event
    Map<String, List<String>> steps = new HashMap<>();
    Map<String, Long> completedAt = new HashMap<>();
    for (JsonNode e : events) {
      if (e.get("element").asString().equals("work_item")) {
        String wi = e.get("workItemId").asString();
        steps
            .computeIfAbsent(wi, k -> new ArrayList<>())
            .add(text(e.get("from")) + "->" + text(e.get("to")));
        if (e.get("event").asString().equals("complete")
            && e.get("task").asString().equals("generateInvoices")) {
          completedAt.put(wi, e.get("seq").asLong());
        }
      }
    }
    assertThat(completedAt).hasSize((int) invoices);
    assertThat(steps).hasSize((int) invoices + 1); // and the summary mail's work item
    steps.forEach(
        (wi, s) ->
            assertThat(s)
                .as("transitions of work item " + wi)
                .containsExactly(
                    "null->initialized", "initialized->started", "started->completed"));
    JsonNode first = events.get(0);
    assertThat(first.get("element").asString()).isEqualTo("workflow");
    assertThat(first.get("origin").asString()).isEqualTo("external");
    assertThat(first.get("payload").get("name").asString()).isEqualTo("billing");

    // the middle: right after the 100th invoice was completed
    long middle = completedAt.values().stream().sorted().skip(99).findFirst().orElseThrow();
    JsonNode past = ok("state", id, "--db", url, "--at", "" + middle, "--json").json();
    assertThat(past.get("live").asBoolean()).isFalse();
    assertThat(past.get("seq").asLong()).isEqualTo(middle);
    assertThat(past.get("state").asString()).isEqualTo("started");
    assertThat(past.get("level").asString()).isEqualTo("audit");
    assertThat(past.get("marking").isNull()).as("audit records no markings").isTrue();
    JsonNode invoicesTask = past.get("tasks").get(0);
    assertThat(invoicesTask.get("name").asString()).isEqualTo("generateInvoices");
    assertThat(invoicesTask.get("state").asString()).isEqualTo("started");
    JsonNode counts = invoicesTask.get("workItems");
    assertThat(counts.get("completed").asLong()).isEqualTo(100);
    long notCompleted =
        counts.path("initialized").asLong(0)
            + counts.path("started").asLong(0)
            + counts.path("failed").asLong(0)
            + counts.path("canceled").asLong(0);
    assertThat(notCompleted).isEqualTo(invoices - 100);
    assertThat(counts.path("failed").asLong(0) + counts.path("canceled").asLong(0)).isZero();
    JsonNode summaryTask = past.get("tasks").get(1);
    assertThat(summaryTask.get("state").asString()).isEqualTo("disabled");
    assertThat(summaryTask.get("workItems").size()).isZero();
    Set<String> completedBefore = new HashSet<>();
    completedAt.forEach(
        (wi, seq) -> {
          if (seq <= middle) {
            completedBefore.add(wi);
          }
        });
    past.get("workItems")
        .forEach(
            w -> {
              String state = w.get("state").asString();
              if (completedBefore.contains(w.get("id").asString())) {
                assertThat(state).as("work item completed by then").isEqualTo("completed");
              } else {
                assertThat(state).as("work item completed later").isNotEqualTo("completed");
              }
            });

    // after the last event: the live state, but for what audit does not record
    ObjectNode last =
        (ObjectNode) ok("state", id, "--db", url, "--at", "" + size, "--format", "json").json();
    ObjectNode live = (ObjectNode) ok("state", id, "--db", url, "--format", "json").json();
    assertThat(live.get("live").asBoolean()).isTrue();
    assertThat(live.get("seq").asLong()).isEqualTo(size);
    assertThat(live.get("state").asString()).isEqualTo("completed");
    assertThat(live.get("marking").get("end").asInt()).isEqualTo(1);
    assertThat(last.get("marking").isNull()).isTrue();
    for (ObjectNode s : List.of(last, live)) {
      s.remove("live");
      s.remove("marking");
    }
    assertThat(last).isEqualTo(live);
  }

  /** The text timeline: a header, one line per event in order across pages, and a count. */
  @Test
  void textTimelineHasALinePerEventAndEndsWithTheCount() {
    String url = memoryDbKeptOpen();
    JsonNode demo = billing(url, 500);
    String id = demo.get("workflowId").asString();
    long size = demo.get("history").asLong();

    List<String> lines = ok("history", id, "--db", url).out().lines().toList();

    assertThat(lines.get(0)).startsWith("History of billing " + id + " (billing v1) on H2");
    assertThat(lines.get(1).split("\\s+"))
        .containsSubsequence("SEQ", "TIME", "ORIGIN", "ACTOR", "EVENT", "TRANSITION", "ELEMENT");
    assertThat(lines).hasSize((int) size + 3);
    assertThat(lines.get(lines.size() - 1)).isEqualTo(size + " events");
    for (int i = 2; i < lines.size() - 1; i++) {
      assertThat(lines.get(i).strip()).startsWith((i - 1) + "  ");
    }
    assertThat(lines.get(2))
        .contains("external", "initialize", "-> initialized", "workflow billing");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("engine", "complete", "started -> completed", "work item ")
                    .contains(" of generateInvoices#1"));
    assertThat(lines).noneMatch(l -> l.contains("payload"));
    assertThat(ok("history", id, "--db", url, "--limit", "1", "--payload").out())
        .contains("payload {\"definition\":\"billing\"");
  }

  /** --after and --limit read a window; the filters map to the engine's history filter. */
  @Test
  void windowAndFiltersNarrowTheEvents() {
    String url = memoryDbKeptOpen();
    JsonNode demo = billing(url, 20);
    String id = demo.get("workflowId").asString();
    long invoices = demo.get("invoices").asLong();

    JsonNode window =
        ok("history", id, "--db", url, "--json", "--after", "10", "--limit", "5").json();
    assertThat(events(window))
        .extracting(e -> e.get("seq").asLong())
        .containsExactly(11L, 12L, 13L, 14L, 15L);
    assertThat(window.get("more").asBoolean()).isTrue();

    JsonNode completes =
        ok("history", id, "--db", url, "--json", "--element", "work-item", "--event", "complete")
            .json();
    assertThat(events(completes))
        .hasSize((int) invoices + 1)
        .allSatisfy(
            e -> {
              assertThat(e.get("element").asString()).isEqualTo("work_item");
              assertThat(e.get("event").asString()).isEqualTo("complete");
            });

    JsonNode summary = ok("history", id, "--db", url, "--json", "--task", "sendSummary").json();
    assertThat(events(summary))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("task").asString()).isEqualTo("sendSummary"));

    JsonNode external = ok("history", id, "--db", url, "--json", "--origin", "external").json();
    assertThat(events(external))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("origin").asString()).isEqualTo("external"));

    assertThat(
            ok("history", id, "--db", url, "--json", "--since", "2999-01-01T00:00:00Z")
                .json()
                .get("count")
                .asLong())
        .isZero();
    assertThat(
            ok("history", id, "--db", url, "--json", "--until", "2999-01-01T00:00:00Z")
                .json()
                .get("count")
                .asLong())
        .isEqualTo(demo.get("history").asLong());
  }

  /**
   * The actor of each call is on its events and filters them; the instance of one's own definition
   * is rebuilt with --class, and without it the command says to give it.
   */
  @DbTest
  void actorsAndOwnDefinitions(TestDatabase db) {
    Tasquencer engine = db.engine(ReviewNet.review());
    UUID wf = engine.as(Actor.user("alice")).initializeRootWorkflow("review", null);
    UUID wi =
        engine
            .as(Actor.user("alice"))
            .initializeWorkItem(wf, "review", new ReviewNet.Request("c-7", 120));
    engine.as(Actor.agent("bot-7")).startWorkItem(wi);
    engine.as(Actor.agent("bot-7")).completeWorkItem(wi, new ReviewNet.Decision(true, "fine"));
    String url = db.jdbcUrl();
    String id = wf.toString();

    List<JsonNode> alice =
        events(ok("history", id, "--db", url, "--json", "--actor", "user:alice").json());
    List<JsonNode> bot =
        events(ok("history", id, "--db", url, "--json", "--actor", "agent:bot-7").json());
    List<JsonNode> all = events(ok("history", id, "--db", url, "--json").json());
    assertThat(alice).isNotEmpty();
    assertThat(bot).isNotEmpty();
    assertThat(alice.size() + bot.size()).isEqualTo(all.size());
    assertThat(alice)
        .allSatisfy(
            e -> {
              assertThat(e.get("actor").get("kind").asString()).isEqualTo("user");
              assertThat(e.get("actor").get("id").asString()).isEqualTo("alice");
            });
    assertThat(bot).anySatisfy(e -> assertThat(e.get("event").asString()).isEqualTo("complete"));
    assertThat(alice).noneMatch(e -> e.get("event").asString().equals("complete"));
    assertThat(events(ok("history", id, "--db", url, "--json", "--actor", "user:bob").json()))
        .isEmpty();
    assertThat(ok("history", id, "--db", url).out()).contains("user:alice", "agent:bot-7");

    // the state right after alice created the work item: takeOrder enabled, the item initialized
    long created =
        alice.stream()
            .filter(e -> e.get("element").asString().equals("work_item"))
            .findFirst()
            .orElseThrow()
            .get("seq")
            .asLong();
    String factory = ReviewNet.class.getName();
    JsonNode then =
        ok("state", id, "--db", url, "--at", "" + created, "--format", "json", "--class", factory)
            .json();
    assertThat(then.get("tasks").get(0).get("state").asString()).isEqualTo("enabled");
    JsonNode item = then.get("workItems").get(0);
    assertThat(item.get("state").asString()).isEqualTo("initialized");
    assertThat(item.get("payload").get("customer").asString()).isEqualTo("c-7");
    assertThat(item.get("result").isNull()).isTrue();
    assertThat(then.get("workItems")).hasSize(1);
    JsonNode now = ok("state", id, "--db", url, "--format", "json", "--class", factory).json();
    assertThat(now.get("tasks").get(0).get("state").asString()).isEqualTo("completed");
    assertThat(now.get("workItems").get(0).get("result").get("note").asString()).isEqualTo("fine");
    assertThat(ok("state", id, "--db", url, "--class", factory, "--format", "mermaid").out())
        .contains("  class t0 completed\n");

    Run unknown = run("state", id, "--db", url);
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("definition 'review' v1, which is not one of the examples", "--class");
    Run other = run("state", id, "--db", url, "--class", OrderNets.class.getName() + "#order");
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).contains("not to the definition 'order' of --class");
  }

  /** The picture of a moment: the net coloured with that moment's states, and the moment named. */
  @Test
  void stateAsAPictureShowsTheMomentAndWhatTheLevelDoesNotRecord() {
    String url = memoryDbKeptOpen();
    String id = billing(url, 20).get("workflowId").asString();

    Run dot = ok("state", id, "--db", url, "--at", "5", "--format", "dot");
    assertThat(dot.out())
        .startsWith("digraph \"billing\" {\n")
        .contains("label=\"{generateInvoices\\nenabled}\"")
        .contains("label=\"{sendSummary\\ndisabled}\"")
        .contains("as it was after event 5 of its root's history")
        .contains("history level audit records no markings: conditions are drawn empty")
        .doesNotContain("completed}");
    Run mermaid = ok("state", id, "--db", url, "--format", "mermaid");
    assertThat(mermaid.out())
        .startsWith("flowchart LR\n  %% workflow billing v1\n  %% billing v1, instance " + id)
        .contains("as it is now (last: event ", "  class t0 completed\n", "  class c1 marked\n")
        .doesNotContain("records no markings");

    String text = ok("state", id, "--db", url, "--at", "5").out();
    assertThat(text)
        .contains("as it was after event 5 of its root's history")
        .contains("marking        not recorded at history level audit")
        .containsPattern("generateInvoices +enabled +1 +3: initialized 3");
  }

  /**
   * A child workflow: history prints its root's tree (or, with --this-workflow, its own events),
   * and state rebuilds it on its own net.
   */
  @Test
  void aChildWorkflowIsFollowedInItsRootsTreeAndDrawnOnItsOwnNet() throws Exception {
    String url = memoryDbKeptOpen();
    Run demo = run("demo", "er", "--patients", "3", "--seed", "5", "--json", "--db", url);
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    List<String> row =
        firstRow(
            url,
            "select id, root_id from tq_workflow where name = 'diagnostics'"
                + " and state = 'completed'");
    String child = row.get(0);
    String root = row.get(1);

    JsonNode tree = ok("history", child, "--db", url, "--json").json();
    assertThat(tree.get("workflowId").asString()).isEqualTo(child);
    assertThat(tree.get("rootId").asString()).isEqualTo(root);
    assertThat(events(tree)).anyMatch(e -> !e.get("workflowId").asString().equals(child));
    JsonNode own = ok("history", child, "--db", url, "--json", "--this-workflow").json();
    assertThat(events(own))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("workflowId").asString()).isEqualTo(child));
    assertThat(ok("history", child, "--db", url).out().lines().findFirst().orElseThrow())
        .contains("the root of diagnostics " + child);

    long created =
        events(own).stream()
            .filter(e -> e.get("event").asString().equals("initialize"))
            .findFirst()
            .orElseThrow()
            .get("seq")
            .asLong();
    JsonNode atCreation =
        ok("state", child, "--db", url, "--at", "" + created, "--format", "json").json();
    assertThat(atCreation.get("name").asString()).isEqualTo("diagnostics");
    assertThat(atCreation.get("rootId").asString()).isEqualTo(root);
    assertThat(atCreation.get("state").asString()).isEqualTo("initialized");
    assertThat(ok("state", child, "--db", url, "--format", "dot").out())
        .startsWith("digraph \"diagnostics\" {\n")
        .contains("completed}");
    Run before = run("state", child, "--db", url, "--at", "1");
    assertThat(before.exitCode()).isEqualTo(2);
    assertThat(before.err()).contains("has no history up to event 1 of its root");
  }

  /** The demo's text summary names the history and the command that prints it. */
  @Test
  void demoSummaryNamesTheHistory() {
    String url = memoryDbKeptOpen();
    String out = ok("demo", "billing", "--customers", "10", "--db", url).out();
    assertThat(out).containsPattern("  history +\\d+ events \\(tasquencer history [0-9a-f-]{36}");
  }

  @DbTest
  void unknownIdsAndMomentsAreClearErrors(TestDatabase db) {
    String url = db.jdbcUrl();
    JsonNode demo = billing(url, 5);
    String id = demo.get("workflowId").asString();
    long size = demo.get("history").asLong();
    String nobody = new UUID(1, 2).toString();

    for (String command : List.of("history", "state")) {
      Run r = run(command, nobody, "--db", url);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).startsWith("error: there is no workflow instance " + nobody + " in ");
      assertThat(r.out()).isEmpty();
    }
    Run beyond = run("state", id, "--db", url, "--at", "" + (size + 1));
    assertThat(beyond.exitCode()).isEqualTo(2);
    assertThat(beyond.err())
        .contains("--at " + (size + 1) + ": the history of root workflow " + id)
        .contains("has " + size + " events", "pass 1 to " + size);
    Run twoOutputs = run("state", id, "--db", url, "--json", "--format", "dot");
    assertThat(twoOutputs.exitCode()).isEqualTo(2);
    assertThat(twoOutputs.err()).contains("--json and --format dot ask for two outputs");
    Run zero = run("state", id, "--db", url, "--at", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("the first event of a history is 1");
    Run before = run("state", id, "--db", url, "--at", "2000-01-01T00:00:00Z");
    assertThat(before.exitCode()).isEqualTo(2);
    assertThat(before.err()).contains("has no event at or before 2000-01-01T00:00:00Z");
    Run word = run("state", id, "--db", url, "--at", "yesterday");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.err()).contains("sequence number", "ISO-8601 instant");
    Run format = run("state", id, "--db", url, "--format", "svg");
    assertThat(format.exitCode()).isEqualTo(2);
    Run element = run("history", id, "--db", url, "--element", "job");
    assertThat(element.exitCode()).isEqualTo(2);
    assertThat(element.err()).contains("workflow, task, work_item, condition or allocation");
    Run actor = run("history", id, "--db", url, "--actor", "alice");
    assertThat(actor.exitCode()).isEqualTo(2);
    assertThat(actor.err()).contains("--actor must be KIND:ID");
    Run since = run("history", id, "--db", url, "--since", "monday");
    assertThat(since.exitCode()).isEqualTo(2);
    Run noDb = run("history", id);
    assertThat(noDb.exitCode()).isEqualTo(2);
    assertThat(noDb.err()).contains("--db");
  }

  /** A database without the engine's tables, or with an older schema, is named as such. */
  @Test
  void databasesWithoutTheEnginesTablesAreNamedAsSuch() throws Exception {
    String id = new UUID(1, 2).toString();
    String empty = memoryDbKeptOpen();
    try (Connection keep = DriverManager.getConnection(empty)) {
      Run r = run("history", id, "--db", empty);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("has no Tasquencer tables (tq_workflow is missing)");

      keep.createStatement().execute("create table tq_workflow (id uuid primary key)");
      Run old = run("state", id, "--db", empty);
      assertThat(old.exitCode()).isEqualTo(1);
      assertThat(old.err())
          .contains("older version, without history (tq_history is missing)")
          .contains("start an engine of this version on it once");
    }

    Path missing = dataDir.resolve("never-created");
    Run file = run("history", id, "--db", "jdbc:h2:file:" + missing);
    assertThat(file.exitCode()).isEqualTo(1);
    assertThat(file.err()).contains("there is no H2 database jdbc:h2:file:" + missing);
    assertThat(Files.exists(Path.of(missing + ".mv.db"))).as("no file created").isFalse();
  }

  /** An empty PostgreSQL database (as before an engine's first start) is named as such. */
  @Test
  void anEmptyPostgresDatabaseIsNamedAsSuch() {
    try (TestDatabase empty = TestDatabase.postgres(false)) {
      Run r = run("state", new UUID(1, 2).toString(), "--db", empty.jdbcUrl());
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("has no Tasquencer tables (tq_workflow is missing)");
    }
  }

  /** A JSON string's value; null for JSON null. */
  private static String text(JsonNode n) {
    return n.isNull() ? null : n.asString();
  }

  /** An in-memory H2 database that lives until the JVM ends, for several commands in a row. */
  private static String memoryDbKeptOpen() {
    return memoryDb() + ";DB_CLOSE_DELAY=-1";
  }
}

package dev.tasquencer.engine;

import static dev.tasquencer.engine.BadInputTest.map;
import static dev.tasquencer.engine.BadInputTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * What a payload must look like before any action sees it: the forms that mean "no payload", the
 * fields of a record (checked before its constructor runs), and the text in it (the same strings
 * are accepted and rejected on H2 and PostgreSQL).
 */
class PayloadBoundaryTest {

  /** Marks a record component that may be null (the engine matches the annotation by name). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
  @interface Nullable {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** How often the records' compact constructors ran. */
  static final AtomicInteger CONSTRUCTED = new AtomicInteger();

  record Line(String item, long cents) {
    Line {
      CONSTRUCTED.incrementAndGet();
      if (cents <= 0) {
        throw new IllegalArgumentException("cents must be positive, was " + cents);
      }
    }
  }

  /** The start payload: its constructor dereferences {@code lines}, as user code does. */
  record SubmitExpense(
      String title, List<Line> lines, @Nullable String comment, Optional<String> costCenter) {
    SubmitExpense {
      CONSTRUCTED.incrementAndGet();
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("an expense needs at least one line");
      }
    }
  }

  /** The initialize payload, stored with the work item. */
  record Receipt(String text, Map<String, String> labels, List<String> tags) {}

  /** Every action the work item's custom actions saw, with the payload's class. */
  static final class Seen {
    final List<String> calls = new ArrayList<>();
  }

  /** start -> submit -> end; the work item's initialize, start and reset actions are custom. */
  static WorkflowDefinition expenses(Seen seen) {
    var expense =
        Builder.workItem("expense")
            .withActions(
                Builder.workItemActions()
                    .initialize(Receipt.class, (ctx, p) -> seen.calls.add("initialize " + p))
                    .start(SubmitExpense.class, (ctx, p) -> seen.calls.add("start " + p))
                    .reset(String.class, (ctx, p) -> seen.calls.add("reset " + p)));
    return Nets.oneTask("expenses", "submit", Builder.task(expense)).build();
  }

  /** An engine running {@link #expenses}, one instance and one work item of it. */
  record Expense(Tasquencer engine, Seen seen, UUID workflow, UUID workItem) {
    static Expense initialized(TestDatabase db) {
      Seen seen = new Seen();
      Tasquencer engine = db.engine(expenses(seen));
      UUID wf = engine.internal().initializeRootWorkflow("expenses", null);
      UUID w = engine.initializeWorkItem(wf, "submit", RECEIPT);
      seen.calls.clear();
      return new Expense(engine, seen, wf, w);
    }
  }

  static final Receipt RECEIPT = new Receipt("taxi", Map.of("city", "Bern"), List.of("travel"));

  static final SubmitExpense TAXI =
      new SubmitExpense("trip", List.of(new Line("taxi", 2300)), null, Optional.empty());

  static Map<String, Object> line(String item, Object cents) {
    return map("item", item, "cents", cents);
  }

  // ------------------------------------------------------------------------- no payload

  @DbTest
  void everyFormOfNoPayloadNeedsWhatJavaNullNeeds(TestDatabase db) {
    var x = Expense.initialized(db);
    Tasquencer engine = x.engine();
    UUID w = x.workItem();

    List<Object> noPayloads =
        Arrays.asList(
            null,
            "null",
            "  null\n",
            "",
            "   ",
            JsonNodeFactory.instance.nullNode(),
            MissingNode.getInstance(),
            Optional.empty());
    for (Object none : noPayloads) {
      var e = rejects(db, PayloadValidationException.class, () -> engine.startWorkItem(w, none));
      assertThat(e.getMessage())
          .as("start with %s", none)
          .contains("a payload of type SubmitExpense is required");
      assertThat(e.field()).isEmpty();
      var init =
          rejects(
              db,
              PayloadValidationException.class,
              () -> engine.initializeWorkItem(x.workflow(), "submit", none));
      assertThat(init.getMessage()).contains("a payload of type Receipt is required");
    }
    assertThat(x.seen().calls).as("no action ran").isEmpty();
    assertThat(engine.queries().workItemState(w)).isEqualTo(WorkItemState.INITIALIZED);
  }

  @DbTest
  void untypedActionsStoreEveryFormOfNoPayloadAsNothing(TestDatabase db) {
    Tasquencer engine = db.engine(BadInputTest.plain());
    UUID wf =
        engine.internal().initializeRootWorkflow("plain", JsonNodeFactory.instance.nullNode());
    assertThat(engine.queries().workflow(wf).payloadJson()).isNull();
    for (Object none :
        List.of(JsonNodeFactory.instance.nullNode(), MissingNode.getInstance(), Optional.empty())) {
      UUID w = engine.internal().initializeWorkItem(wf, "t", none);
      assertThat(engine.queries().workItem(w).payloadJson()).as("payload of %s", none).isNull();
    }
    // a present Optional is its value
    UUID w = engine.internal().initializeWorkItem(wf, "t", Optional.of(map("n", 1)));
    assertThat(JSON.readTree(engine.queries().workItem(w).payloadJson()))
        .isEqualTo(JSON.readTree("{\"n\": 1}"));
  }

  @DbTest
  void aStringTypedActionTakesTheWordNullAsText(TestDatabase db) {
    var x = Expense.initialized(db);
    Tasquencer engine = x.engine();
    UUID w = x.workItem();
    engine.startWorkItem(w, TAXI);
    x.seen().calls.clear();
    engine.resetWorkItem(w, "null");
    assertThat(x.seen().calls).containsExactly("reset null");
    engine.startWorkItem(w, TAXI);
    var e = rejects(db, PayloadValidationException.class, () -> engine.resetWorkItem(w, null));
    assertThat(e.getMessage()).contains("a payload of type String is required");
  }

  // ------------------------------------------------------------------------- record fields

  @DbTest
  void missingAndMistypedFieldsAreNamedBeforeAnyConstructorRuns(TestDatabase db) {
    var x = Expense.initialized(db);
    Tasquencer engine = x.engine();
    UUID w = x.workItem();
    CONSTRUCTED.set(0);

    record Case(Object payload, String field, String reason) {}
    List<Case> cases =
        List.of(
            new Case(map("title", "trip"), "lines", "is required"),
            new Case(map("title", "trip", "lines", null), "lines", "is required"),
            new Case(map("lines", List.of(line("taxi", 100))), "title", "is required"),
            new Case(
                map("title", "trip", "lines", List.of(map("item", "taxi"))),
                "lines[0].cents",
                "is required"),
            new Case(
                map("title", "trip", "lines", List.of(line("taxi", 100), line(null, 5))),
                "lines[1].item",
                "is required"),
            new Case(map("title", "trip", "lines", "taxi"), "lines", "expected an array"),
            new Case(
                map("title", "trip", "lines", List.of("taxi")),
                "lines[0]",
                "expected an object (Line)"),
            new Case(
                map("title", "trip", "lines", List.of(line("taxi", "12"))),
                "lines[0].cents",
                "expected a whole number"),
            new Case(
                map("title", "trip", "lines", List.of(line("taxi", 12.5))),
                "lines[0].cents",
                "expected a whole number"),
            new Case(
                map("title", 7, "lines", List.of(line("taxi", 100))), "title", "expected a string"),
            new Case(
                map("title", "trip", "lines", List.of(line("taxi", 100)), "comment", List.of()),
                "comment",
                "expected a string"),
            new Case(
                map("title", "trip", "lines", List.of(line("taxi", 100)), "costCenter", 4),
                "costCenter",
                "expected a string"),
            new Case(
                map("title", "trip", "lines", List.of(map("item", "a", "cents", 1, "vat", 2))),
                "lines[0].vat",
                "is not a field of Line"),
            new Case(
                "{\"title\": \"trip\", \"lines\": [{\"item\": \"a\", \"cents\":"
                    + " 99999999999999999999}]}",
                "lines[0].cents",
                "out of range"),
            new Case("[1, 2]", "", "expected an object (SubmitExpense)"));
    for (Case c : cases) {
      var e =
          rejects(db, PayloadValidationException.class, () -> engine.startWorkItem(w, c.payload()));
      assertThat(e.field()).as("field for %s", c.payload()).isEqualTo(c.field());
      assertThat(e.reason()).as("reason for %s", c.payload()).contains(c.reason());
      if (!c.field().isEmpty()) {
        assertThat(e.getMessage()).contains("field '" + c.field() + "'");
      }
    }
    assertThat(CONSTRUCTED.get()).as("constructors run for invalid payloads").isZero();
    assertThat(x.seen().calls).isEmpty();

    // optional components may be missing or null
    engine.startWorkItem(
        w, map("title", "trip", "lines", List.of(line("taxi", 100)), "comment", null));
    assertThat(x.seen().calls).hasSize(1);
    assertThat(x.seen().calls.get(0)).contains("comment=null", "costCenter=Optional.empty");
  }

  @DbTest
  void aConstructorRejectingValuesIsReportedWithItsRecordType(TestDatabase db) {
    var x = Expense.initialized(db);
    Tasquencer engine = x.engine();
    UUID w = x.workItem();

    var top =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.startWorkItem(w, map("title", "trip", "lines", List.of())));
    assertThat(top.field()).isEmpty();
    assertThat(top.reason())
        .contains("SubmitExpense rejected the values", "an expense needs at least one line");
    assertThat(top.getCause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an expense needs at least one line");

    var nested =
        rejects(
            db,
            PayloadValidationException.class,
            () ->
                engine.startWorkItem(
                    w, "{\"title\": \"trip\", \"lines\": [{\"item\": \"fee\", \"cents\": -5}]}"));
    assertThat(nested.field()).isEqualTo("lines[0]");
    assertThat(nested.reason()).contains("Line rejected the values", "cents must be positive");
    assertThat(nested.getMessage()).contains("start of work item 'expense'", "field 'lines[0]'");
    assertThat(x.seen().calls).isEmpty();
  }

  // ------------------------------------------------------------------------- strings

  @DbTest
  void textThatOneDatabaseCannotStoreIsRejectedWithItsField(TestDatabase db) {
    var x = Expense.initialized(db);
    Tasquencer engine = x.engine();
    UUID wf = x.workflow();
    UUID w = x.workItem();

    record Case(Receipt payload, String field, String reason) {}
    List<Case> cases =
        List.of(
            new Case(new Receipt("a\u0000b", Map.of(), List.of()), "text", "NUL character"),
            new Case(
                new Receipt("ok", Map.of("city", "\uD83DBern"), List.of()),
                "labels.city",
                "lone surrogate"),
            new Case(
                new Receipt("ok", Map.of("ci\u0000ty", "Bern"), List.of()),
                "labels.ci\\u0000ty",
                "the key contains a NUL character"),
            new Case(
                new Receipt("ok", Map.of("\uDC00", "x"), List.of()),
                "labels.\\udc00",
                "the key contains a lone surrogate"),
            new Case(
                new Receipt("ok", Map.of(), List.of("fine", "\uDE00\uD83D")),
                "tags[1]",
                "lone surrogate"));
    for (Case c : cases) {
      var e =
          rejects(
              db,
              PayloadValidationException.class,
              () -> engine.initializeWorkItem(wf, "submit", c.payload()));
      assertThat(e.field()).as("field of %s", c.payload()).isEqualTo(c.field());
      assertThat(e.reason()).contains(c.reason());
    }
    // transition payloads and JSON text follow the same rule
    var start =
        rejects(
            db,
            PayloadValidationException.class,
            () ->
                engine.startWorkItem(
                    w, "{\"title\": \"a\\u0000\", \"lines\": [{\"item\": \"x\", \"cents\": 1}]}"));
    assertThat(start.field()).isEqualTo("title");
    assertThat(start.reason()).contains("NUL character");
    assertThat(x.seen().calls).as("no action ran").isEmpty();

    // everything else, including characters outside the basic plane, is kept as given
    Receipt unicode =
        new Receipt(
            "Zürich \uD83D\uDE00 日本 \t\u0001 \"quoted\" \\",
            Map.of("emoji \uD83D\uDE80", "\uFFFF"),
            List.of(""));
    UUID kept = engine.initializeWorkItem(wf, "submit", unicode);
    String json = engine.queries().workItem(kept).payloadJson();
    assertThat(JSON.readValue(json, Receipt.class)).isEqualTo(unicode);
  }

  @DbTest
  void storedPayloadsHaveTheSameSizeLimitOnEveryDatabase(TestDatabase db) {
    Tasquencer engine = db.engine(BadInputTest.plain());
    UUID wf = engine.internal().initializeRootWorkflow("plain", null);
    // an untyped action stores a String as a JSON string: its text and two quotes
    String largest = "x".repeat(1_000_000 - 2);
    UUID w = engine.internal().initializeWorkItem(wf, "t", largest);
    assertThat(engine.queries().workItem(w).payloadJson()).hasSize(largest.length() + 2);

    var e =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeWorkItem(wf, "t", largest + "x"));
    assertThat(e.reason()).contains("1000001 characters", "at most 1000000");
  }

  /** start -> t -> end; t's onEnabled schedules a job whose payload is {@code payload}. */
  static WorkflowDefinition schedules(Object payload) {
    return Nets.oneTask(
            "schedules",
            "t",
            Nets.noInit()
                .onEnabled(ctx -> ctx.registerScheduled(Duration.ofHours(1), Job.of("h", payload))))
        .build();
  }

  @DbTest
  void jobPayloadsFollowTheSameTextRule(TestDatabase db) {
    Tasquencer engine = db.engine(schedules(map("note", List.of("x", "y\u0000"))));
    var e =
        rejects(
            db,
            PayloadValidationException.class,
            () -> engine.internal().initializeRootWorkflow("schedules", null));
    assertThat(e.field()).isEqualTo("note[1]");
    assertThat(e.reason()).contains("NUL character");
    assertThat(db.queryLong("select count(*) from tq_job")).isZero();
  }
}

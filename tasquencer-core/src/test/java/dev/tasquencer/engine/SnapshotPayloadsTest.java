package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.error.PayloadReadException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payloads of query snapshots: the same canonical JSON text on every database (PostgreSQL's
 * {@code jsonb} reorders keys, adds spaces and rewrites numbers; H2 keeps the text as written), and
 * typed reads by the engine's own rules.
 */
class SnapshotPayloadsTest {

  static final WorkflowDefinition NET = Nets.oneTask("snap", "t", Nets.noInit()).build();

  /** A map whose keys keep the (unsorted) order they were put in. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Keys out of order, nested objects and arrays, numbers of every kind, text beyond ASCII. */
  static final Map<String, Object> MIXED =
      ordered(
          "zeta",
          "Zürich ✓ 😀 \"quoted\" \\ back\nline",
          "alpha",
          ordered("y", 2, "x", List.of(ordered("b", true, "a", ordered())), "aa", List.of()),
          "mid",
          ordered(
              "int",
              42,
              "negative",
              -7,
              "long",
              9_007_199_254_740_993L,
              "big",
              new BigInteger("123456789012345678901234567890"),
              "double",
              0.1,
              "exponent",
              1.0e10,
              "small",
              1.5e-7,
              "decimal",
              new BigDecimal("12.50")),
          "b",
          false);

  static final String MIXED_JSON =
      "{\"alpha\":{\"aa\":[],\"x\":[{\"a\":{},\"b\":true}],\"y\":2},\"b\":false,"
          + "\"mid\":{\"big\":123456789012345678901234567890,\"decimal\":12.50,\"double\":0.1,"
          + "\"exponent\":10000000000,\"int\":42,\"long\":9007199254740993,\"negative\":-7,"
          + "\"small\":0.00000015},"
          + "\"zeta\":\"Zürich ✓ 😀 \\\"quoted\\\" \\\\ back\\nline\"}";

  record Step(String a, int b) {}

  record Order(String customer, List<Step> steps, BigDecimal total) {}

  /** A plain Java object: a no-argument constructor and public fields. */
  public static final class Pojo {
    public String customer = "";
    public List<Step> steps = List.of();
    public BigDecimal total = BigDecimal.ZERO;
  }

  static final Map<String, Object> ORDER =
      ordered(
          "total",
          new BigDecimal("19.90"),
          "steps",
          List.of(ordered("b", 1, "a", "pack"), ordered("b", 2, "a", "ship")),
          "customer",
          "Ada");

  @DbTest
  void payloadsReadBackAsTheSameCanonicalTextOnEveryDatabase(TestDatabase db) {
    Tasquencer engine = db.engine(NET);
    UUID wf = engine.internal().initializeRootWorkflow("snap", MIXED);
    UUID w = engine.internal().initializeWorkItem(wf, "t", MIXED);
    engine.internal().startWorkItem(w);
    engine.internal().completeWorkItem(w, ordered("ok", true, "by", "Bö"));

    WorkflowSnapshot workflow = engine.queries().workflow(wf);
    WorkItemSnapshot item = engine.queries().workItem(w);
    assertThat(workflow.payloadJson()).isEqualTo(MIXED_JSON);
    assertThat(item.payloadJson()).isEqualTo(MIXED_JSON);
    assertThat(item.resultPayloadJson()).isEqualTo("{\"by\":\"Bö\",\"ok\":true}");
    assertThat(engine.queries().workItems(wf, "t")).containsExactly(item);
    assertThat(item.payloadJson())
        .as("the same text as history's, which has been canonical all along")
        .isEqualTo(engine.queries().state(wf).workItems().get(0).payloadJson());
  }

  @DbTest
  void typedReadsOfRecordsPojosAndMaps(TestDatabase db) {
    Tasquencer engine = db.engine(NET);
    UUID wf = engine.internal().initializeRootWorkflow("snap", ORDER);
    UUID w = engine.internal().initializeWorkItem(wf, "t", ORDER);
    engine.internal().startWorkItem(w);
    engine.internal().completeWorkItem(w, new Step("done", 3));

    WorkItemSnapshot item = engine.queries().workItem(w);
    Order order = item.payload(Order.class);
    assertThat(order)
        .isEqualTo(
            new Order(
                "Ada", List.of(new Step("pack", 1), new Step("ship", 2)), new BigDecimal("19.9")));
    Pojo pojo = item.payload(Pojo.class);
    assertThat(pojo).isNotNull();
    assertThat(pojo.customer).isEqualTo("Ada");
    assertThat(pojo.steps).containsExactly(new Step("pack", 1), new Step("ship", 2));
    Map<?, ?> map = item.payload(Map.class);
    assertThat(map).isNotNull().hasSize(3);
    assertThat(map.get("customer")).isEqualTo("Ada");
    assertThat(map.get("steps"))
        .isEqualTo(List.of(Map.of("a", "pack", "b", 1), Map.of("a", "ship", "b", 2)));
    assertThat(item.resultPayload(Step.class)).isEqualTo(new Step("done", 3));
    assertThat(engine.queries().workflow(wf).payload(Order.class)).isEqualTo(order);
  }

  @DbTest
  void noPayloadReadsAsNull(TestDatabase db) {
    Tasquencer engine = db.engine(NET);
    UUID wf = engine.internal().initializeRootWorkflow("snap", null);
    UUID w = engine.internal().initializeWorkItem(wf, "t", null);

    WorkItemSnapshot item = engine.queries().workItem(w);
    assertThat(item.payloadJson()).isNull();
    assertThat(item.payload(Order.class)).isNull();
    assertThat(item.resultPayload(Step.class)).isNull();
    assertThat(engine.queries().workflow(wf).payload(Order.class)).isNull();
  }

  @DbTest
  void aPayloadThatDoesNotFitTheClassRaisesATypedErrorNamingItemClassAndField(TestDatabase db) {
    Tasquencer engine = db.engine(NET);
    UUID wf = engine.internal().initializeRootWorkflow("snap", ORDER);
    UUID w = engine.internal().initializeWorkItem(wf, "t", ORDER);
    WorkItemSnapshot item = engine.queries().workItem(w);

    assertThatThrownBy(() -> item.payload(Step.class))
        .isInstanceOfSatisfying(
            PayloadReadException.class,
            e -> {
              assertThat(e.element()).isEqualTo("work item");
              assertThat(e.elementId()).isEqualTo(w);
              assertThat(e.payload()).isEqualTo("payload");
              assertThat(e.type()).isEqualTo(Step.class.getName());
              assertThat(e.code()).isEqualTo("PAYLOAD_READ");
            })
        .hasMessageContaining("work item " + w)
        .hasMessageContaining(Step.class.getName())
        .hasMessageContaining("is not a field of Step");

    record Typo(String customer, List<Step> steps, String total) {}
    assertThatThrownBy(() -> item.payload(Typo.class))
        .isInstanceOfSatisfying(
            PayloadReadException.class, e -> assertThat(e.field()).isEqualTo("total"))
        .hasMessageContaining("expected a string, got the number 19.9");

    assertThatThrownBy(() -> engine.queries().workflow(wf).payload(Integer.class))
        .isInstanceOf(PayloadReadException.class)
        .hasMessageContaining("workflow " + wf);
  }

  @DbTest
  void theReaderIsNotPartOfTheSnapshotsValue(TestDatabase db) {
    Tasquencer engine = db.engine(NET);
    UUID wf = engine.internal().initializeRootWorkflow("snap", null);
    UUID w = engine.internal().initializeWorkItem(wf, "t", ORDER);
    WorkItemSnapshot item = engine.queries().workItem(w);

    WorkItemSnapshot handMade =
        new WorkItemSnapshot(
            item.id(),
            item.rootId(),
            item.workflowId(),
            item.taskName(),
            item.taskGeneration(),
            item.name(),
            item.state(),
            item.payloadJson(),
            item.createdAt(),
            item.updatedAt(),
            item.resultPayloadJson());
    assertThat(handMade).isEqualTo(item).hasSameHashCodeAs(item);
    assertThat(handMade.toString())
        .isEqualTo(item.toString())
        .startsWith("WorkItemSnapshot[id=" + w + ", rootId=" + wf)
        .endsWith(", resultPayloadJson=null]")
        .doesNotContain("Reader");
    assertThat(engine.queries().workflow(wf).toString())
        .startsWith("WorkflowSnapshot[id=" + wf)
        .doesNotContain("Reader");
    // a plain JSON mapper (what a server or an application writes snapshots with) leaves it out
    tools.jackson.databind.json.JsonMapper plain =
        tools.jackson.databind.json.JsonMapper.builder().build();
    assertThat(plain.writeValueAsString(item))
        .contains("\"id\":\"" + w + "\"")
        .doesNotContain("eader");
    assertThat(plain.writeValueAsString(engine.queries().workflow(wf))).doesNotContain("eader");
    assertThatThrownBy(() -> handMade.payload(Order.class))
        .isInstanceOf(PayloadReadException.class)
        .hasMessageContaining("built without an engine");
  }
}

package dev.tasquencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One tiny run of every workload on H2 (N=10, a few instances): every engine produces results and
 * the JSON has the documented shape. The real runs are {@code ./tasquencer bench}.
 */
class BenchSmokeTest {

  @Test
  void everyWorkloadProducesResultsForEveryEngineAsJson() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BenchMain.run(
            new String[] {"bench", "--smoke", "--json", "--db", "h2"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[h2] W1 N=10 tasquencer run 5/5");

    JsonNode doc = BenchMain.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(doc.path("mode").asString()).isEqualTo("smoke");
    assertThat(doc.path("machine").path("cores").asInt()).isPositive();
    assertThat(doc.path("engines").propertyNames())
        .containsExactly("tasquencer", "flowable", "camunda", "tasquencer-history-none");
    // every engine at its audit level by default, read back from the engines
    assertThat(doc.path("engines").path("tasquencer").path("history").asString())
        .isEqualTo("audit");
    assertThat(doc.path("engines").path("flowable").path("history").asString()).isEqualTo("audit");
    assertThat(doc.path("engines").path("camunda").path("history").asString()).isEqualTo("audit");
    assertThat(doc.path("engines").path("tasquencer-history-none").path("history").asString())
        .isEqualTo("none");
    assertThat(doc.path("plan").path("history").asString()).isEqualTo("audit");
    assertThat(doc.path("plan").path("historyNoneWorkloads").toString())
        .isEqualTo("[\"W2\",\"W4\"]");

    List<String> cells = new ArrayList<>();
    for (JsonNode r : doc.path("results")) {
      String cell =
          r.path("workload").asString()
              + (r.has("variant") ? " " + r.path("variant").asString() : "");
      cells.add(cell);
      assertThat(r.path("db").asString()).isEqualTo("h2");
      JsonNode ours = r.path("ours");
      assertThat(ours.path("runs").asInt()).as(cell).isEqualTo(5);
      assertThat(ours.path("medianPerSecond").asDouble()).as(cell).isPositive();
      assertThat(ours.path("minPerSecond").asDouble())
          .isLessThanOrEqualTo(ours.path("maxPerSecond").asDouble());
      assertThat(ours.path("roundTripsPerUnit").asDouble()).as(cell).isPositive();
      for (String peer : List.of("flowable", "camunda")) {
        assertThat(r.path("peers").path(peer).path("medianPerSecond").asDouble())
            .as(cell + " " + peer)
            .isPositive();
        assertThat(
                r.path("ratios")
                    .path("oursOver" + Character.toUpperCase(peer.charAt(0)) + peer.substring(1))
                    .isNumber())
            .as(cell + " ratio to " + peer)
            .isTrue();
      }
      assertThat(r.path("ratios").path("oursOverRaw").isNumber()).as(cell).isTrue();
      // the raw reference took its turns with the engines in this cell
      assertThat(r.path("raw").path("interleaved").asBoolean()).as(cell).isTrue();
      assertThat(r.path("raw").path("runs").asInt()).as(cell).isEqualTo(5);
      // ours at history none took its turns in W2 and W4 only
      boolean atNone = cell.equals("W2") || cell.equals("W4");
      assertThat(r.has("oursAtHistoryNone")).as(cell).isEqualTo(atNone);
      if (atNone) {
        assertThat(r.path("oursAtHistoryNone").path("runs").asInt()).as(cell).isEqualTo(5);
        assertThat(r.path("ratios").path("historyNoneOverOurs").asDouble()).as(cell).isPositive();
        // on H2 the history rows are one more insert of the call: one more round trip than at none
        assertThat(r.path("ours").path("roundTripsPerUnit").asDouble())
            .as(cell)
            .isGreaterThan(r.path("oursAtHistoryNone").path("roundTripsPerUnit").asDouble());
      }
    }
    assertThat(cells)
        .containsExactly(
            "W1", "W2", "W3", "W4", "W5 or-join", "W5 and-join", "W5 or-join all branches");
    JsonNode w1 = doc.path("results").get(0);
    assertThat(w1.path("size").asInt()).isEqualTo(10);
    assertThat(w1.path("ours").path("liveHeapBytesPerUnit").isNumber()).isTrue();
    assertThat(w1.path("ours").path("commitsPerUnit").asDouble()).isEqualTo(0.1);

    List<String> raw = new ArrayList<>();
    doc.path("raw").forEach(r -> raw.add(r.path("variant").asString()));
    assertThat(raw)
        .containsExactly("1/tx unbatched", "1/tx batched", "100/tx unbatched", "100/tx batched");
    assertThat(doc.path("raw").get(0).path("commitsPerUnit").asDouble()).isEqualTo(1.0);
    assertThat(doc.path("raw").get(0).path("roundTripsPerUnit").asDouble()).isEqualTo(3.0);
    assertThat(doc.path("targets").isArray()).isTrue();
  }

  @Test
  void badArgumentsExitWithTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BenchMain.run(
            new String[] {"bench", "--engines", "jbpm"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown 'jbpm'");
  }
}

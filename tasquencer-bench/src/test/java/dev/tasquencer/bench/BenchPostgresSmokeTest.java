package dev.tasquencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A tiny run on PostgreSQL of W4 (with its interleaved raw reference and ours at history none) and
 * W6 (30 preloaded roots): the JSON records the server's settings, the clock resolution, each
 * engine's history level, the preload (history rows included) and the W6 ratios; at history audit
 * an event still makes three round trips. Skipped when PostgreSQL is not reachable, unless {@code
 * TASQUENCER_REQUIRE_PG=true}.
 */
class BenchPostgresSmokeTest {
  static final String URL =
      System.getenv()
          .getOrDefault("TASQUENCER_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @BeforeAll
  static void postgres() {
    try (Connection c = DriverManager.getConnection(URL)) {
      c.isValid(5);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("TASQUENCER_REQUIRE_PG"))) {
        throw new IllegalStateException("PostgreSQL is required: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL at " + URL + " is not reachable: " + e.getMessage());
    }
  }

  @Test
  void w6PreloadsFinishedRootsAndComparesWithEmptyTables() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BenchMain.run(
            new String[] {
              "bench",
              "--smoke",
              "--json",
              "--db",
              "pg",
              "--pg-url",
              URL,
              "--engines",
              "tasquencer",
              "--workloads",
              "RAW,W4,W6",
              "--w6-roots",
              "30"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode doc = BenchMain.mapper().readTree(out.toString(StandardCharsets.UTF_8));

    JsonNode pg = doc.path("machine").path("postgresqlSettings");
    for (String name :
        new String[] {
          "server_version", "fsync", "synchronous_commit", "shared_buffers", "autovacuum"
        }) {
      assertThat(pg.path(name).asString()).as(name).isNotEmpty();
    }
    assertThat(
            doc.path("machine").path("cpuClockResolutionNanos").path("jvmProcessCpuNanos").asLong())
        .isPositive();
    assertThat(doc.path("engines").path("tasquencer").path("history").asString())
        .isEqualTo("audit");

    JsonNode w4 = doc.path("results").get(0);
    assertThat(w4.path("workload").asString()).isEqualTo("W4");
    assertThat(w4.path("raw").path("interleaved").asBoolean()).isTrue();
    assertThat(w4.path("raw").path("runs").asInt()).isEqualTo(5);
    assertThat(w4.path("ours").path("p99MicrosPerUnit").asDouble()).isPositive();
    // lock-and-load and the writes are compound statements: more statements than round trips
    assertThat(w4.path("ours").path("sqlStatementsPerUnit").asDouble())
        .isGreaterThan(w4.path("ours").path("roundTripsPerUnit").asDouble());
    // with history at audit an event is still lock-and-load, write, commit; the history rows are
    // one more statement of the write round trip, which ours at history none does not send
    JsonNode none = w4.path("oursAtHistoryNone");
    assertThat(w4.path("ours").path("roundTripsPerUnit").asDouble()).isEqualTo(3.0);
    assertThat(w4.path("ours").path("commitsPerUnit").asDouble()).isEqualTo(1.0);
    assertThat(none.path("roundTripsPerUnit").asDouble()).isEqualTo(3.0);
    assertThat(w4.path("ours").path("sqlStatementsPerUnit").asDouble())
        .isGreaterThan(none.path("sqlStatementsPerUnit").asDouble());

    JsonNode w6 = doc.path("results").get(1);
    assertThat(w6.path("workload").asString()).isEqualTo("W6");
    assertThat(w6.path("ours").path("runs").asInt()).isEqualTo(5);
    assertThat(w6.path("emptyTables").path("runs").asInt()).isEqualTo(5);
    assertThat(w6.path("ratios").path("grownOverEmptyTimePerEvent").asDouble()).isPositive();
    assertThat(w6.path("ratios").path("grownOverEmptyP99").asDouble()).isPositive();
    JsonNode preload = w6.path("preload");
    assertThat(preload.path("finishedRoots").asInt()).isEqualTo(30);
    // counted right after the preload: the template root and its 29 clones
    assertThat(preload.path("rowsByTable").path("tq_workflow").path("rows").asLong()).isEqualTo(30);
    assertThat(preload.path("rowsByTable").path("tq_work_item").path("rows").asLong())
        .isEqualTo(60);
    // the history of every finished root: the template's 15 events in 5 rows (one per call)
    JsonNode history = preload.path("history");
    assertThat(history.path("eventsPerRoot").asLong()).isEqualTo(15);
    assertThat(history.path("rowsPerRoot").asLong()).isEqualTo(5);
    assertThat(history.path("events").asLong()).isEqualTo(30 * 15);
    assertThat(history.path("rows").asLong()).isEqualTo(30 * 5);
    assertThat(preload.path("rowsByTable").path("tq_history").path("rows").asLong())
        .isEqualTo(30 * 5);
    assertThat(history.path("targetEvents").asLong()).isEqualTo(30 * 10);
    assertThat(history.path("status").asString()).isEqualTo("preloaded");
    // dropped for the load and built again: every key and index of the instance tables
    List<String> rebuilt = new ArrayList<>();
    preload.path("indexesRebuilt").forEach(n -> rebuilt.add(n.asString()));
    assertThat(rebuilt)
        .anyMatch(d -> d.startsWith("alter table tq_work_item add constraint tq_work_item_pkey"))
        .anyMatch(d -> d.startsWith("CREATE INDEX tq_work_item_task ON"));

    assertThat(doc.path("targets").findValuesAsString("id")).contains("W6-rate", "W6-p99");
  }

  @Test
  void anUnknownHistoryLevelIsRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BenchMain.run(
            new String[] {"bench", "--history", "verbose"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--history: unknown level 'verbose' (levels: none, activity, audit, full)");
  }
}

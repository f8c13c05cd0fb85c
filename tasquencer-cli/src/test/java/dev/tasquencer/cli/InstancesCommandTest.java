package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tasquencer instances} on a database an engine runs on: filters, pages, JSON, errors. */
class InstancesCommandTest extends CliTest {

  @DbTest
  void listsTheMatchingInstancesPageByPageAsATableAndAsJson(TestDatabase db) {
    String url = db.jdbcUrl();
    Tasquencer engine = db.engine(Nets.singleTask("order"), Nets.singleTask("invoice"));
    UUID first = engine.internal().initializeRootWorkflow("order", null, null, "PO-1");
    UUID second = engine.internal().initializeRootWorkflow("order", null, null, "PO-2");
    UUID third = engine.internal().initializeRootWorkflow("order", null);
    UUID invoice = engine.internal().initializeRootWorkflow("invoice", null);
    engine.internal().cancelWorkflow(third);
    engine.as(Actor.user("ops")).suspendWorkflow(second, "check");

    Run table = run("instances", "--db", url, "--workflow", "order", "--state", "initialized");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("ID", "BUSINESS KEY", first.toString(), second.toString(), "PO-2", "suspended")
        .contains("2 instances; no more")
        .doesNotContain(third.toString(), invoice.toString());

    Run suspended = run("instances", "--db", url, "--suspended", "--json");
    JsonNode doc = JsonMapper.builder().build().readTree(suspended.out());
    assertThat(doc.get("instances")).hasSize(1);
    assertThat(doc.get("instances").get(0).get("id").asString()).isEqualTo(second.toString());
    assertThat(doc.get("instances").get(0).get("businessKey").asString()).isEqualTo("PO-2");
    assertThat(doc.get("instances").get(0).get("suspended").asBoolean()).isTrue();
    assertThat(doc.get("next").isNull()).isTrue();

    // pages of one, newest first, following the printed cursor
    List<String> seen = new java.util.ArrayList<>();
    String after = null;
    do {
      Run page =
          after == null
              ? run("instances", "--db", url, "--limit", "1", "--json")
              : run("instances", "--db", url, "--limit", "1", "--json", "--after", after);
      assertThat(page.exitCode()).as(page.err()).isZero();
      JsonNode p = JsonMapper.builder().build().readTree(page.out());
      seen.add(p.get("instances").get(0).get("id").asString());
      after = p.get("next").isNull() ? null : p.get("next").asString();
    } while (after != null);
    assertThat(seen)
        .containsExactly(invoice.toString(), third.toString(), second.toString(), first.toString());

    Run stuck = run("instances", "--db", url, "--stuck", "PT1H", "--incidents");
    assertThat(stuck.exitCode()).as(stuck.err()).isZero();
    assertThat(stuck.out()).contains("no instance matches");
  }

  @DbTest
  void badArgumentsExitTwoWithWhatIsExpected(TestDatabase db) {
    String url = db.jdbcUrl();
    db.engine(Nets.singleTask("order"));
    Run state = run("instances", "--db", url, "--state", "running");
    assertThat(state.exitCode()).isEqualTo(2);
    assertThat(state.err()).contains("no state 'running'", "initialized, started");
    Run stuck = run("instances", "--db", url, "--stuck", "1h");
    assertThat(stuck.exitCode()).isEqualTo(2);
    assertThat(stuck.err()).contains("PT1H");
    Run negative = run("instances", "--db", url, "--stuck", "-PT1H");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("positive");
    Run limit = run("instances", "--db", url, "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(2);
    assertThat(limit.err()).contains("1 to 1000");
    Run cursor = run("instances", "--db", url, "--after", "nonsense");
    assertThat(cursor.exitCode()).isEqualTo(2);
    assertThat(cursor.err()).contains("cursor", "no --after");
    Run time = run("instances", "--db", url, "--created-from", "yesterday");
    assertThat(time.exitCode()).isEqualTo(2);
    assertThat(time.err()).contains("ISO-8601 instant");
    Run noDb = run("instances");
    assertThat(noDb.exitCode()).isEqualTo(2);
  }
}

package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.examples.billing.InvoicingServiceStatus;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The jobs mode of {@code demo billing} when the invoicing service fails: retries absorb transient
 * failures, permanent ones end in incidents that {@code incidents} lists and {@code incidents
 * retry} retries, and money is conserved whatever happens.
 */
class FailingServiceTest extends CliTest {

  private static Run demo(TestDatabase db, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "demo",
                "billing",
                "--customers",
                "250",
                "--mode",
                "jobs",
                "--worker-threads",
                "2",
                "--db",
                db.jdbcUrl(),
                "--json"));
    args.addAll(List.of(extra));
    Run r = run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  /** A flaky service: every invoice is issued in the end, some after retries; no incident. */
  @DbTest
  void transientFailuresAreRetriedAway(TestDatabase db) {
    JsonNode j = demo(db, "--transient-failure-rate", "0.3").json();

    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.get("conserved").asBoolean()).isTrue();
    assertThat(j.get("invoices").asLong()).isEqualTo(j.get("customersWithBalance").asLong());
    assertThat(j.get("transientFailureRate").asDouble()).isEqualTo(0.3);
    // about 0.3 / 0.7 retries per invoice: far more than none, far fewer than one each
    long invoices = j.get("invoices").asLong();
    assertThat(j.get("retries").asLong()).isBetween(invoices / 5, invoices);
    assertThat(j.get("incidents").asLong()).isZero();
    assertThat(j.get("openIncidents").asLong()).isZero();
    assertThat(j.get("jobs").get("dead").asLong()).isZero();
  }

  /**
   * A service broken for some customers: their jobs park at once (no retries wasted), the run stops
   * with open incidents and is not final; the operator's retry before the repair parks them again,
   * the retry after it lets the run finish.
   */
  @DbTest
  void permanentFailuresWaitForAnOperator(TestDatabase db) {
    JsonNode j = demo(db, "--permanent-failure-rate", "0.05").json();

    assertThat(j.get("workflowState").asString()).isEqualTo("started");
    assertThat(j.get("conserved").asBoolean()).isTrue();
    long open = j.get("openIncidents").asLong();
    assertThat(open).isPositive().isEqualTo(j.get("incidents").asLong());
    assertThat(j.get("retries").asLong()).as("a defect is not retried by the policy").isZero();
    assertThat(j.get("jobs").get("dead").asLong()).isEqualTo(open);
    assertThat(j.get("invoices").asLong()).isEqualTo(j.get("customersWithBalance").asLong() - open);

    JsonNode listed = run("incidents", "--db", db.jdbcUrl(), "--json").json();
    assertThat(listed.get("count").asLong()).isEqualTo(open);
    JsonNode first = listed.get("incidents").get(0);
    assertThat(first.get("errorType").asString()).endsWith("InvoicingDefect");
    assertThat(first.get("ownerKind").asString()).isEqualTo("work_item");
    assertThat(first.get("state").asString()).isEqualTo("open");
    assertThat(first.get("rootId").asString()).isEqualTo(j.get("workflowId").asString());
    Run table = run("incidents", "--db", db.jdbcUrl());
    assertThat(table.out()).contains("Incidents on").contains("account mapping broken");

    // retried while the service is still broken: the jobs die again, the incidents stay open
    Run retry = run("incidents", "retry", "--db", db.jdbcUrl(), "--all", "--actor", "ops");
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("retried " + open + " incident");
    Run worker = worker(db);
    assertThat(worker.exitCode()).as(worker.err()).isZero();
    assertThat(run("incidents", "--db", db.jdbcUrl(), "--json").json().get("count").asLong())
        .isEqualTo(open);

    // repaired, retried again: the run finishes and every incident resolves as retried
    new InvoicingServiceStatus(db.dataSource()).repair();
    String one = first.get("id").asString();
    assertThat(run("incidents", "retry", "--db", db.jdbcUrl(), one).out()).contains("retried 1");
    assertThat(run("incidents", "retry", "--db", db.jdbcUrl(), "--all").exitCode()).isZero();
    worker = worker(db);
    assertThat(worker.exitCode()).as(worker.err()).isZero();
    String root = j.get("workflowId").asString();
    assertThat(
            db.queryLong(
                "select count(*) from tq_workflow where id = ? and state = 'completed'",
                java.util.UUID.fromString(root)))
        .isEqualTo(1);
    JsonNode resolved =
        run("incidents", "--db", db.jdbcUrl(), "--state", "resolved", "--json").json();
    assertThat(resolved.get("count").asLong()).isEqualTo(open);
    for (JsonNode i : resolved.get("incidents")) {
      assertThat(i.get("resolution").asString()).isEqualTo("retried");
    }
    assertThat(run("incidents", "--db", db.jdbcUrl(), "--json").json().get("count").asLong())
        .isZero();
  }

  /** --repair-after-incidents: the demo plays the operator and the run completes. */
  @DbTest
  void theDemoRepairsAndRetries(TestDatabase db) {
    JsonNode j = demo(db, "--permanent-failure-rate", "0.05", "--repair-after-incidents").json();

    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.get("conserved").asBoolean()).isTrue();
    long incidents = j.get("incidents").asLong();
    assertThat(incidents).isPositive();
    assertThat(j.get("openIncidents").asLong()).isZero();
    assertThat(j.get("retriedIncidents").asLong()).isEqualTo(incidents);
    assertThat(j.get("retries").asLong()).isEqualTo(incidents);
    assertThat(j.get("invoices").asLong()).isEqualTo(j.get("customersWithBalance").asLong());
  }

  @DbTest
  void incidentArgumentsAreChecked(TestDatabase db) {
    String url = db.jdbcUrl();
    db.engine(Nets.singleTask("one")); // the engine's tables
    assertThat(run("incidents").err()).contains("Missing required option: '--db=JDBC_URL'");
    assertThat(run("incidents", "--db", url, "--json").json().get("count").asLong()).isZero();
    Run state = run("incidents", "--db", url, "--state", "stuck");
    assertThat(state.exitCode()).isEqualTo(2);
    assertThat(state.err()).contains("--state must be open, resolved or all");
    assertThat(run("incidents", "retry", "--db", url).exitCode()).isEqualTo(2);
    Run unknown = run("incidents", "retry", "--db", url, "01a252d1-9a0d-7000-929d-8e0f8f6b77af");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("01a252d1-9a0d-7000-929d-8e0f8f6b77af");
    Run workflowWithoutAll = run("incidents", "retry", "--db", url, "--workflow", "x", UUID_TEXT);
    assertThat(workflowWithoutAll.exitCode()).isEqualTo(2);
    Run rate =
        run(
            "demo",
            "billing",
            "--customers",
            "5",
            "--mode",
            "jobs",
            "--transient-failure-rate",
            "1.5");
    assertThat(rate.exitCode()).isEqualTo(2);
    assertThat(rate.err()).contains("--transient-failure-rate must be between 0 and 1");
    Run inline = run("demo", "billing", "--customers", "5", "--repair-after-incidents");
    assertThat(inline.exitCode()).isEqualTo(2);
    assertThat(inline.err()).contains("need --mode jobs");
  }

  private static final String UUID_TEXT = "01a252d1-9a0d-7000-929d-8e0f8f6b77af";

  /** A worker that runs what is due with the demo's service (still broken unless repaired). */
  private static Run worker(TestDatabase db) {
    return run(
        "worker",
        "--db",
        db.jdbcUrl(),
        "--threads",
        "2",
        "--permanent-failure-rate",
        "0.05",
        "--exit-when-idle");
  }
}

package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.DataSources;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.billing.BillingDemo;
import dev.tasquencer.examples.billing.BillingJobsDemo;
import dev.tasquencer.examples.billing.BillingReport;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The jobs mode of {@code demo billing}, {@code worker} and the argument checks of {@code stress
 * crash}, in-process on H2 (worker processes are exercised by {@code stress crash} itself).
 */
class JobsCommandsTest extends CliTest {
  /** --mode jobs --workers 0: a worker in this process runs one job per invoice. */
  @Test
  void jobsModeWithAnInProcessWorker() {
    Run r =
        run(
            "demo",
            "billing",
            "--customers",
            "300",
            "--mode",
            "jobs",
            "--workers",
            "0",
            "--db",
            memoryDb(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("mode").asString()).isEqualTo("jobs");
    assertThat(j.get("workers").asInt()).isZero();
    assertThat(j.get("workerThreads").asInt()).isEqualTo(4);
    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    long withBalance = j.get("customersWithBalance").asLong();
    assertThat(withBalance).isBetween(200L, 299L);
    assertThat(j.get("invoices").asLong()).isEqualTo(withBalance);
    assertThat(j.get("conserved").asBoolean()).isTrue();
    assertThat(decimal(j.get("totalAmount"))).isEqualByComparingTo(decimal(j.get("expectedTotal")));
    assertThat(j.get("stats").get("completed").asLong()).isEqualTo(withBalance);
    JsonNode jobs = j.get("jobs");
    assertThat(jobs.get("done").asLong()).isEqualTo(withBalance);
    for (String zero : new String[] {"pending", "running", "dead", "canceled"}) {
      assertThat(jobs.get(zero).asLong()).as(zero).isZero();
    }
    // the inline fields are all there
    for (String field :
        new String[] {
          "demo",
          "database",
          "workflowId",
          "customers",
          "remainingBalance",
          "summaryMail",
          "seed",
          "failureRate",
          "durationMs",
          "initializeMs"
        }) {
      assertThat(j.has(field)).as(field).isTrue();
    }
  }

  /** A refused invoice fails the run in jobs mode too; money is conserved. */
  @Test
  void jobsModeWithRefusedInvoices() {
    Run r =
        run(
            "demo",
            "billing",
            "--customers",
            "400",
            "--mode",
            "jobs",
            "--failure-rate",
            "0.05",
            "--worker-threads",
            "2",
            "--db",
            memoryDb(),
            "--json");

    JsonNode j = r.json();
    assertThat(j.get("workflowState").asString()).isEqualTo("failed");
    assertThat(j.get("workerThreads").asInt()).isEqualTo(2);
    assertThat(j.get("conserved").asBoolean()).isTrue();
    assertThat(j.get("stats").get("failed").asLong()).isEqualTo(1);
    assertThat(j.get("invoices").asLong()).isEqualTo(j.get("stats").get("completed").asLong());
    assertThat(j.get("jobs").get("dead").asLong()).isZero();
    assertThat(j.get("jobs").get("pending").asLong()).isZero();
  }

  /** Default database (a fresh H2 file) and the human summary. */
  @Test
  void jobsModeOnTheDefaultDatabaseWithASummary() {
    Run r = run("demo", "billing", "--customers", "40", "--mode", "jobs");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("workflow billingJobs")
        .contains(": completed in")
        .contains("conserved              yes")
        .contains("mode                   jobs: a worker in this process, 4 threads each")
        .contains("jobs                   done ")
        .doesNotContain("{");
  }

  /** The inline mode stays the default and prints no jobs fields. */
  @Test
  void inlineIsTheDefault() {
    JsonNode j = run("demo", "billing", "--customers", "20", "--db", memoryDb(), "--json").json();

    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.has("mode")).isFalse();
    assertThat(j.has("jobs")).isFalse();
  }

  @Test
  void jobsOptionsAreChecked() {
    Run inline = run("demo", "billing", "--customers", "5", "--workers", "2");
    assertThat(inline.exitCode()).isEqualTo(2);
    assertThat(inline.err())
        .contains("--worker-threads, --lease-seconds")
        .contains("need --mode jobs");

    Run mode = run("demo", "billing", "--customers", "5", "--mode", "batch");
    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.err()).contains("--mode must be inline or jobs");

    Run negative = run("demo", "billing", "--customers", "5", "--mode", "jobs", "--workers", "-1");
    assertThat(negative.exitCode()).isEqualTo(2);

    Run threads =
        run("demo", "billing", "--customers", "5", "--mode", "jobs", "--worker-threads", "0");
    assertThat(threads.exitCode()).isEqualTo(2);

    Run lease =
        run("demo", "billing", "--customers", "5", "--mode", "jobs", "--lease-seconds", "0");
    assertThat(lease.exitCode()).isEqualTo(2);
    assertThat(lease.err()).contains("--lease-seconds must be 1 or more");

    // worker processes cannot share the default H2 file or an in-memory database
    Run private1 = run("demo", "billing", "--customers", "5", "--mode", "jobs", "--workers", "2");
    assertThat(private1.exitCode()).isEqualTo(2);
    assertThat(private1.err()).contains("PostgreSQL").contains("AUTO_SERVER=TRUE");
    Run private2 =
        run(
            "demo",
            "billing",
            "--customers",
            "5",
            "--mode",
            "jobs",
            "--workers",
            "2",
            "--db",
            memoryDb());
    assertThat(private2.exitCode()).isEqualTo(2);
    assertThat(private2.err()).contains("AUTO_SERVER=TRUE");
    assertThat(private2.out()).isEmpty();
  }

  /**
   * {@code worker --exit-when-idle} runs the jobs of a run started elsewhere (here: in this test,
   * on an H2 file) and exits once nothing is due.
   */
  @Test
  void workerRunsTheJobsOfARunStartedElsewhere() {
    String url = "jdbc:h2:file:" + dataDir.resolve("shared") + ";DB_CLOSE_ON_EXIT=FALSE";
    UUID id;
    BillingReport.Due before;
    try (var ds = DataSources.pooled(url, 2);
        Tasquencer engine = BillingJobsDemo.engine(ds)) {
      var started = BillingJobsDemo.start(ds, engine, new BillingDemo.Options(50, 3, 0, "2026-11"));
      id = started.workflowId();
      before = started.before();
      assertThat(engine.queries().workflowState(id)).isEqualTo(WorkflowState.STARTED);
    }

    Run r = run("worker", "--db", url, "--threads", "2", "--exit-when-idle");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("started with 2 threads")
        .containsPattern("stopped; jobs done \\d+");
    try (var ds = DataSources.pooled(url, 2);
        Tasquencer engine = BillingJobsDemo.engine(ds)) {
      var report = BillingReport.read(ds, engine.queries(), id, before, 0);
      assertThat(report.workflowState()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(report.invoices()).isEqualTo(report.customersWithBalance());
      assertThat(report.conserved()).isTrue();
      assertThat(BillingJobsDemo.jobCounts(ds, id).done()).isEqualTo(report.invoices());
    }
  }

  /**
   * A jobs-mode run left unfinished (started, its jobs never run) is canceled by the next jobs-mode
   * demo on the database before that demo's worker starts: none of its jobs is ever claimed.
   */
  @DbTest
  void staleRunIsCanceledBeforeTheNextRunsWorkerStarts(TestDatabase db) {
    UUID stale;
    try (Tasquencer engine = BillingJobsDemo.engine(db.dataSource())) {
      stale =
          BillingJobsDemo.start(
                  db.dataSource(), engine, new BillingDemo.Options(200, 5, 0, "2026-10"))
              .workflowId();
    }

    Run r =
        run(
            "demo",
            "billing",
            "--customers",
            "20",
            "--mode",
            "jobs",
            "--workers",
            "0",
            "--db",
            db.jdbcUrl(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json().get("workflowState").asString()).isEqualTo("completed");
    // the jobs-mode run has its history too, and the state command knows its definition
    String id = r.json().get("workflowId").asString();
    long history = r.json().get("history").asLong();
    assertThat(history).isPositive();
    Run state = run("state", id, "--db", db.jdbcUrl(), "--format", "json");
    assertThat(state.exitCode()).as(state.err()).isZero();
    assertThat(state.json().get("name").asString()).isEqualTo("billingJobs");
    assertThat(state.json().get("state").asString()).isEqualTo("completed");
    assertThat(state.json().get("seq").asLong()).isEqualTo(history);
    var jobs = BillingJobsDemo.jobCounts(db.dataSource(), stale);
    assertThat(jobs.total()).isPositive();
    assertThat(jobs.canceled()).as("every job of the stale run: " + jobs).isEqualTo(jobs.total());
    assertThat(
            db.queryLong("select count(*) from tq_job where root_id = ? and attempts > 0", stale))
        .as("jobs of the stale run that a worker claimed")
        .isZero();
  }

  @Test
  void workerAndStressArgumentsAreChecked() {
    Run noDb = run("worker", "--db", "");
    assertThat(noDb.exitCode()).isEqualTo(2);
    assertThat(noDb.err()).contains("--db is required");

    Run threads = run("worker", "--db", memoryDb(), "--threads", "0");
    assertThat(threads.exitCode()).isEqualTo(2);

    Run crashOnMemory = run("stress", "crash", "--customers", "10", "--db", memoryDb());
    assertThat(crashOnMemory.exitCode()).isEqualTo(2);
    assertThat(crashOnMemory.err()).contains("AUTO_SERVER=TRUE");

    Run crashWithoutDb = run("stress", "crash", "--customers", "10");
    assertThat(crashWithoutDb.exitCode()).isEqualTo(2);
    assertThat(crashWithoutDb.err()).contains("--db");

    assertThat(run("stress").exitCode()).isEqualTo(2);
    Run help = run("stress", "crash", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--kills=K").contains("--lease-seconds=S");
    assertThat(run("worker", "--help").out()).contains("--threads=N").contains("SIGTERM");
  }
}

package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.testing.FaultProxy;
import dev.tasquencer.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The jobs-mode demo keeps watching its run through dropped database connections, as its workers
 * keep running it: the connections are reset by a fault-injection proxy in front of PostgreSQL (H2,
 * embedded, has no connection to drop), and the run completes with every invoice written once. The
 * reads it retries, and the bound, are checked without a database.
 */
class DroppedConnectionsTest extends CliTest {

  @Test
  void jobsRunCompletesThroughDroppedConnections() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        FaultProxy proxy = FaultProxy.forJdbcUrl(db.jdbcUrl())) {
      CompletableFuture<Run> demo =
          CompletableFuture.supplyAsync(
              () ->
                  run(
                      "demo",
                      "billing",
                      "--customers",
                      "1000",
                      "--mode",
                      "jobs",
                      "--lease-seconds",
                      "2",
                      "--db",
                      proxy.jdbcUrl(db.jdbcUrl()),
                      "--json"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (db.queryLong("select count(*) from tq_job where state = 'done'") < 20
          && System.nanoTime() < deadline
          && !demo.isDone()) {
        Thread.sleep(50);
      }
      // every connection of the demo, its watcher's and its worker's, fails now and again, until
      // the run ends (the watcher reads every 200 ms, so it meets a dropped connection on the
      // way, however slow or fast the machine is); at most for 12 s
      long resetsEnd = System.nanoTime() + Duration.ofSeconds(12).toNanos();
      while (!demo.isDone() && System.nanoTime() < resetsEnd) {
        proxy.resetAll();
        Thread.sleep(250);
      }

      Run r = demo.get(180, TimeUnit.SECONDS);

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err()).contains("database error while reading");
      JsonNode j = r.json();
      assertThat(j.get("workflowState").asString()).isEqualTo("completed");
      assertThat(j.get("invoices").asLong()).isEqualTo(j.get("customersWithBalance").asLong());
      assertThat(j.get("conserved").asBoolean()).isTrue();
      assertThat(db.queryLong("select count(*) from invoices"))
          .isEqualTo(db.queryLong("select count(distinct customer_id) from invoices"));
    }
  }

  @Test
  void onlyTransientFailuresAreReadAgainAndOnlyForAWhile() throws Exception {
    StringWriter log = new StringWriter();
    TransientReads reads = new TransientReads(new PrintWriter(log), Duration.ofMillis(1500));
    AtomicInteger calls = new AtomicInteger();
    RuntimeException dropped =
        new IllegalStateException(
            "SQL failed: An I/O error occurred while sending to the backend",
            new SQLException("An I/O error occurred while sending to the backend", "08006"));

    String value =
        reads.read(
            "the run",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw dropped;
              }
              return "read";
            });
    assertThat(value).isEqualTo("read");
    assertThat(log.toString())
        .contains("database error while reading the run (attempt 1: An I/O error occurred");

    assertThat(TransientReads.isTransient(new SQLTransientConnectionException("pool timeout")))
        .isTrue();
    assertThat(TransientReads.isTransient(new SQLException("shutting down", "57P01"))).isTrue();
    RuntimeException syntax =
        new IllegalStateException("SQL failed", new SQLException("syntax error", "42601"));
    assertThat(TransientReads.isTransient(syntax)).isFalse();
    assertThatThrownBy(
            () ->
                reads.read(
                    "the run",
                    () -> {
                      throw syntax;
                    }))
        .isSameAs(syntax);

    assertThatThrownBy(
            () ->
                reads.read(
                    "the run",
                    () -> {
                      throw dropped;
                    }))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("the database has failed for 1 s while reading the run");
  }
}

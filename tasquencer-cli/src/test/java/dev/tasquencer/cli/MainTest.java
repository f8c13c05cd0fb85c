package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runs the command line in-process on H2 and checks its output. */
class MainTest extends CliTest {
  @Test
  void billingJsonCompletesAndConservesMoney() {
    Run r = run("demo", "billing", "--customers", "300", "--db", memoryDb(), "--json");

    assertThat(r.exitCode()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.get("customers").asLong()).isEqualTo(300);
    long withBalance = j.get("customersWithBalance").asLong();
    assertThat(withBalance).isBetween(200L, 299L);
    assertThat(j.get("invoices").asLong()).isEqualTo(withBalance);
    assertThat(decimal(j.get("totalAmount"))).isEqualByComparingTo(decimal(j.get("expectedTotal")));
    assertThat(decimal(j.get("remainingBalance"))).isEqualByComparingTo("0");
    assertThat(j.get("conserved").asBoolean()).isTrue();
    JsonNode stats = j.get("stats");
    assertThat(stats.get("total").asLong()).isEqualTo(withBalance);
    assertThat(stats.get("completed").asLong()).isEqualTo(withBalance);
    for (String zero : new String[] {"initialized", "started", "failed", "canceled"}) {
      assertThat(stats.get(zero).asLong()).as(zero).isZero();
    }
    assertThat(j.get("durationMs").asLong()).isNotNegative();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void billingWithoutCustomersCompletes() {
    JsonNode j = run("demo", "billing", "--customers", "0", "--db", memoryDb(), "--json").json();

    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.get("invoices").asLong()).isZero();
    assertThat(j.get("stats").get("total").asLong()).isEqualTo(1);
    assertThat(j.get("stats").get("completed").asLong()).isEqualTo(1);
    assertThat(j.get("conserved").asBoolean()).isTrue();
  }

  @Test
  void billingFailureRateFailsTheWorkflowButConservesAndExitsZero() {
    Run r =
        run(
            "demo",
            "billing",
            "--customers",
            "400",
            "--failure-rate",
            "0.05",
            "--db",
            memoryDb(),
            "--json");

    assertThat(r.exitCode()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("workflowState").asString()).isEqualTo("failed");
    assertThat(j.get("conserved").asBoolean()).isTrue();
    assertThat(j.get("stats").get("failed").asLong()).isEqualTo(1);
    assertThat(j.get("invoices").asLong()).isEqualTo(j.get("stats").get("completed").asLong());
    assertThat(decimal(j.get("remainingBalance"))).isPositive();
    assertThat(decimal(j.get("totalAmount")).add(decimal(j.get("remainingBalance"))))
        .isEqualByComparingTo(decimal(j.get("expectedTotal")));
  }

  /** Long runs report progress on stderr; stdout still holds nothing but the JSON object. */
  @Test
  void progressGoesToStderrOnly() {
    Run r = run("demo", "billing", "--customers", "1500", "--db", memoryDb(), "--json");

    assertThat(r.json().get("workflowState").asString()).isEqualTo("completed");
    assertThat(r.err()).contains("generateInvoices:  10%").contains("generateInvoices: 100%");
    assertThat(r.out()).doesNotContain("generateInvoices:");
  }

  /**
   * The progress lines and the summary both time the one engine call: no line shows more time than
   * the summary, and the last line, the commit, shows the summary's time (lines show tenths of a
   * second).
   */
  @Test
  void progressLinesTimeTheEngineCallAsTheSummaryDoes() {
    Run r = run("demo", "billing", "--customers", "1500", "--db", memoryDb());

    assertThat(r.exitCode()).as(r.err()).isZero();
    Matcher summary =
        Pattern.compile(": completed in (\\d+) ms \\(one engine call\\)").matcher(r.out());
    assertThat(summary.find()).as(r.out()).isTrue();
    long engineCallMs = Long.parseLong(summary.group(1));
    List<String> lines = r.err().lines().filter(l -> l.contains("generateInvoices:")).toList();
    assertThat(lines).hasSize(11);
    Pattern time = Pattern.compile(", (\\d+\\.\\d) s into the engine call$");
    for (String line : lines) {
      Matcher m = time.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      assertThat(Double.parseDouble(m.group(1)) * 1000)
          .as(line)
          .isLessThanOrEqualTo(engineCallMs + 50);
    }
    assertThat(lines.get(10))
        .isEqualTo(
            String.format(
                "  generateInvoices: rows written and committed, %.1f s into the engine call",
                engineCallMs / 1e3));
  }

  @Test
  void helpListsEveryCommandWithBench() {
    Run help = run("--help");

    assertThat(help.exitCode()).isZero();
    String text = help.out().replaceAll("\\s+", " ");
    for (String command : new String[] {"demo", "graph", "worker", "stress", "bench"}) {
      assertThat(text).contains(" " + command + " ");
    }
    assertThat(text).contains("own jar");
    // (the help wraps lines wherever it likes)
    assertThat(text.replace(" ", "")).contains("./tasquencerbench");
  }

  /** This jar does not hold the benchmarks; the command says where they are. */
  @Test
  void benchFromThisJarSaysHowToRunIt() {
    for (String[] args : new String[][] {{"bench"}, {"bench", "--quick", "--json"}}) {
      Run r = run(args);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err())
          .startsWith("error: the benchmarks are not in this jar")
          .contains("./tasquencer bench", "tasquencer-bench/target/tasquencer-bench.jar");
      assertThat(r.out()).isEmpty();
    }
    Run help = run("bench", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Flowable", "tasquencer-bench.jar", "tasquencer bench --help");
  }

  /** Default database: an H2 file under the data directory, new for every run. */
  @Test
  void defaultDatabaseIsAFreshH2FileInTheDataDirectory() {
    Run first = run("demo", "billing", "--customers", "50", "--seed", "1", "--json");
    Run second = run("demo", "billing", "--customers", "20", "--seed", "2", "--json");

    assertThat(first.json().get("workflowState").asString()).isEqualTo("completed");
    assertThat(second.json().get("customers").asLong()).isEqualTo(20);
    assertThat(second.json().get("database").asString()).contains(dataDir.toString());
    assertThat(Files.exists(dataDir.resolve("tasquencer-demo-billing.mv.db"))).isTrue();
  }

  @Test
  void billingHumanSummary() {
    Run r = run("demo", "billing", "--customers", "30", "--db", memoryDb());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("workflow billing")
        .contains(": completed in")
        .contains("conserved              yes")
        .contains("Billing Run Complete:");
    assertThat(r.out()).doesNotContain("{");
  }

  @Test
  void campaignWithFailuresCompletesAndTheReportMatches() {
    Run r =
        run(
            "demo",
            "campaign",
            "--recipients",
            "1000",
            "--failure-rate",
            "0.05",
            "--db",
            memoryDb(),
            "--json");

    assertThat(r.exitCode()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("workflowState").asString()).isEqualTo("completed");
    assertThat(j.get("recipients").asLong()).isEqualTo(1000);
    long sent = j.get("sent").asLong();
    long failed = j.get("failed").asLong();
    assertThat(sent + failed).isEqualTo(1000);
    assertThat(failed).isPositive();
    assertThat(j.get("reportMatches").asBoolean()).isTrue();
    assertThat(j.get("report").get("sent").asLong()).isEqualTo(sent);
    assertThat(j.get("report").get("failed").asLong()).isEqualTo(failed);
    assertThat(j.get("stats").get("failed").asLong()).isEqualTo(failed);
  }

  @Test
  void invalidArgumentsExitWithTwoAndAMessage() {
    Run missing = run("demo", "billing");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--customers").contains("--help");
    assertThat(missing.out()).isEmpty();

    Run rate = run("demo", "billing", "--customers", "5", "--failure-rate", "1.5");
    assertThat(rate.exitCode()).isEqualTo(2);
    assertThat(rate.err()).contains("--failure-rate must be between 0 and 1");

    Run negative = run("demo", "campaign", "--recipients", "-1");
    assertThat(negative.exitCode()).isEqualTo(2);

    Run url = run("demo", "billing", "--customers", "5", "--db", "mysql://x");
    assertThat(url.exitCode()).isEqualTo(2);
    assertThat(url.err()).contains("--db must be a JDBC URL");

    assertThat(run().exitCode()).isEqualTo(2);
    assertThat(run("demo").exitCode()).isEqualTo(2);
  }

  @Test
  void unreachableDatabaseExitsWithOneAndSaysSo() {
    Run r =
        run(
            "demo",
            "billing",
            "--customers",
            "5",
            "--json",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=secret");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: cannot connect to the database")
        .doesNotContain("secret");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpAndVersion() {
    assertThat(run("--version").out()).startsWith("tasquencer ");
    Run help = run("demo", "billing", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--customers=N").contains("--failure-rate=R");
  }
}

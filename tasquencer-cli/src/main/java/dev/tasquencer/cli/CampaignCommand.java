package dev.tasquencer.cli;

import dev.tasquencer.examples.campaign.CampaignDemo;
import dev.tasquencer.examples.campaign.CampaignReport;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer demo campaign}: the e-mail campaign with the continue-on-failure policy. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates a campaign with N recipients and sends it with one engine call: one sendEmail"
          + " work item per recipient; a share of the mails bounces and fails its work item, which"
          + " the task's continue-on-failure policy absorbs; generateReport then writes"
          + " sent/failed/total into the campaign row.",
      "Without --db it uses an embedded H2 database in ./data/tasquencer-demo-campaign.mv.db,"
          + " created anew for every run. With --db every run adds a campaign of its own."
    })
final class CampaignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--recipients",
      required = true,
      paramLabel = "N",
      description = "Number of recipients (0 or more).")
  int recipients;

  @Option(
      names = "--failure-rate",
      defaultValue = "0",
      paramLabel = "R",
      description = "Share of mails that bounce, between 0 and 1 (default: ${DEFAULT-VALUE}).")
  double failureRate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the bouncing mails (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database to use.")
  @Nullable String db;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Override
  public Integer call() {
    if (recipients < 0) {
      throw new ParameterException(spec.commandLine(), "--recipients must be 0 or more");
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new ParameterException(spec.commandLine(), "--failure-rate must be between 0 and 1");
    }
    DemoDatabase.checkUrl(spec, db);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DemoDatabase database = DemoDatabase.open(db, "campaign")) {
      if (recipients >= Progress.MIN_TOTAL) {
        err.printf("campaign demo: %d recipients on %s%n", recipients, database.description());
        err.flush();
      }
      CampaignReport r =
          CampaignDemo.run(
              database.dataSource(), new CampaignDemo.Options(recipients, seed, failureRate));
      if (json) {
        out.println(Json.write(Output.of(r, database, seed, failureRate)));
      } else {
        printSummary(out, r, database);
      }
      out.flush();
    }
    return 0;
  }

  private void printSummary(PrintWriter out, CampaignReport r, DemoDatabase database) {
    var c = r.counted();
    var s = r.stats();
    out.printf("Campaign demo on %s%n", database.description());
    out.printf(
        "  workflow emailCampaign %s: %s in %d ms (one engine call)%n",
        r.workflowId(), r.workflowState().id(), r.durationMs());
    out.printf("  recipients     %d (campaign %d)%n", c.total(), r.campaign().id());
    out.printf("  sent           %d%n", c.sent());
    out.printf("  failed         %d (absorbed by the continue-on-failure policy)%n", c.failed());
    out.printf(
        "  report row     sent %s, failed %s, total %s: %s%n",
        r.campaign().reportSent(),
        r.campaign().reportFailed(),
        r.campaign().reportTotal(),
        r.reportMatches() ? "matches the recipients table" : "DIFFERS from the recipients table");
    out.printf(
        "  sendEmails     total %d: completed %d, failed %d, canceled %d%n",
        s.total(), s.completed(), s.failed(), s.canceled());
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String demo,
      String database,
      UUID workflowId,
      long campaignId,
      String workflowState,
      long recipients,
      long sent,
      long failed,
      boolean reportMatches,
      Report report,
      Json.Stats stats,
      long seed,
      double failureRate,
      long durationMs) {

    /** The counts the workflow wrote into the campaign row. */
    record Report(Integer sent, Integer failed, Integer total) {}

    static Output of(CampaignReport r, DemoDatabase database, long seed, double failureRate) {
      return new Output(
          "campaign",
          database.description(),
          r.workflowId(),
          r.campaign().id(),
          r.workflowState().id(),
          r.counted().total(),
          r.counted().sent(),
          r.counted().failed(),
          r.reportMatches(),
          new Report(
              r.campaign().reportSent(), r.campaign().reportFailed(), r.campaign().reportTotal()),
          Json.Stats.of(r.stats()),
          seed,
          failureRate,
          r.durationMs());
    }
  }
}

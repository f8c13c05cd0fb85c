package dev.tasquencer.examples.campaign;

import dev.tasquencer.DataSources;

/**
 * Runs an e-mail campaign with bouncing mails on an embedded in-memory H2 database and prints the
 * report (or {@code ./tasquencer demo campaign --recipients 1000 --failure-rate 0.05}).
 */
public final class CampaignMain {
  private CampaignMain() {}

  public static void main(String[] args) {
    int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    double failureRate = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
    try (var dataSource = DataSources.h2Memory("campaign-example")) {
      CampaignReport report =
          CampaignDemo.run(dataSource, new CampaignDemo.Options(recipients, 42, failureRate));
      System.out.printf(
          "campaign %s: %s in %d ms%n  sent %d, failed %d of %d; report in campaign row: %s%n",
          report.workflowId(),
          report.workflowState().id(),
          report.durationMs(),
          report.counted().sent(),
          report.counted().failed(),
          report.counted().total(),
          report.reportMatches() ? "matches" : "DIFFERS");
    }
  }
}

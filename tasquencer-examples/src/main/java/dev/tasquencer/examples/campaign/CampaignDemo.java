package dev.tasquencer.examples.campaign;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.examples.support.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A complete campaign on a database: creates the tables if needed, a new campaign with {@code
 * recipients} recipients, sends it with one engine call (a deterministic share of the mails
 * bounces) and reads the outcome back. Every run creates its own campaign, so earlier runs in the
 * same database do not interfere.
 */
public final class CampaignDemo {
  private CampaignDemo() {}

  /**
   * How a run is set up.
   *
   * @param recipients how many recipients the campaign has
   * @param seed seed of the bouncing share
   * @param failureRate share of the mails that bounce
   */
  public record Options(int recipients, long seed, double failureRate) {
    public Options {
      if (recipients < 0) {
        throw new IllegalArgumentException("recipients must be 0 or more, was " + recipients);
      }
      if (!(failureRate >= 0 && failureRate <= 1)) {
        throw new IllegalArgumentException("failure rate must be between 0 and 1");
      }
    }
  }

  public static CampaignReport run(DataSource dataSource, Options options) {
    CampaignSchema.create(dataSource);
    var campaigns = new CampaignDomain(new SimulatedMailer(options.failureRate(), options.seed()));
    List<String> emails = new ArrayList<>();
    for (int i = 1; i <= options.recipients(); i++) {
      emails.add("recipient" + i + "@example.com");
    }
    long campaignId =
        Jdbc.inTransaction(
            dataSource, db -> campaigns.createCampaign(db, "demo", emails, Instant.now()));
    try (Tasquencer engine =
        Tasquencer.builder()
            .dataSource(dataSource)
            .register(CampaignWorkflow.definition(campaigns))
            .build()) {
      long started = System.nanoTime();
      UUID id =
          engine.initializeRootWorkflow(CampaignWorkflow.NAME, new LaunchCampaign(campaignId));
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      return CampaignReport.read(dataSource, engine.queries(), id, durationMs);
    }
  }
}

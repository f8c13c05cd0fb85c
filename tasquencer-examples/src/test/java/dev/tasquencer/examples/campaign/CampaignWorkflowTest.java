package dev.tasquencer.examples.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.support.Jdbc;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** The e-mail campaign of the recipe "Failure Policies (Continue on Failure)". */
class CampaignWorkflowTest {

  private static Tasquencer engine(TestDatabase db, CampaignDomain campaigns) {
    CampaignSchema.create(db.dataSource());
    return db.engine(CampaignWorkflow.definition(campaigns));
  }

  private static long campaign(TestDatabase db, CampaignDomain campaigns, int recipients) {
    List<String> emails =
        IntStream.rangeClosed(1, recipients).mapToObj(i -> "r" + i + "@example.com").toList();
    return Jdbc.inTransaction(
        db.dataSource(), tx -> campaigns.createCampaign(tx, "test", emails, Instant.now()));
  }

  private static List<String> statuses(TestDatabase db, long campaignId) {
    return db
        .rows(
            "select status from campaign_recipients where campaign_id = ? order by id", campaignId)
        .stream()
        .map(row -> (String) row.get(0))
        .toList();
  }

  /** Recipe steps 1-7: failures are absorbed, the task completes, the report is written. */
  @DbTest
  void failedMailsDoNotFailTheCampaign(TestDatabase db) {
    var campaigns = new CampaignDomain(r -> !r.email().startsWith("r2@"));
    var engine = engine(db, campaigns);
    long campaignId = campaign(db, campaigns, 4);

    UUID id = engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId));

    assertThat(engine.queries().workflowState(id)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(engine.queries().task(id, "sendEmails").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(engine.queries().stats(id, "sendEmails")).isEqualTo(new TaskStats(4, 0, 0, 3, 1, 0));
    assertThat(statuses(db, campaignId)).containsExactly("sent", "failed", "sent", "sent");
    var report = CampaignReport.read(db.dataSource(), engine.queries(), id, 0);
    assertThat(report.campaign().reportSent()).isEqualTo(3);
    assertThat(report.campaign().reportFailed()).isEqualTo(1);
    assertThat(report.campaign().reportTotal()).isEqualTo(4);
    assertThat(report.reportMatches()).isTrue();
  }

  /**
   * The recipe's policy answers "continue" to every failure, so a campaign whose LAST mail fails
   * would never complete. Ours checks completion on failures too.
   */
  @DbTest
  void completesWhenTheLastMailFails(TestDatabase db) {
    var campaigns = new CampaignDomain(r -> !r.email().startsWith("r3@"));
    var engine = engine(db, campaigns);
    long campaignId = campaign(db, campaigns, 3);

    UUID id = engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId));

    assertThat(engine.queries().workflowState(id)).isEqualTo(WorkflowState.COMPLETED);
    assertThat(engine.queries().workItems(id, "sendEmails"))
        .extracting("state")
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.COMPLETED, WorkItemState.FAILED);
    assertThat(CampaignReport.read(db.dataSource(), engine.queries(), id, 0).reportMatches())
        .isTrue();
  }

  @DbTest
  void everyMailFailingStillCompletesWithAReport(TestDatabase db) {
    var campaigns = new CampaignDomain(r -> false);
    var engine = engine(db, campaigns);
    long campaignId = campaign(db, campaigns, 5);

    UUID id = engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId));

    var report = CampaignReport.read(db.dataSource(), engine.queries(), id, 0);
    assertThat(report.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(report.counted()).isEqualTo(new CampaignStats(0, 5, 5));
    assertThat(report.reportMatches()).isTrue();
  }

  /** The seed's empty-set rule applied to the campaign: no recipients, one no-op work item. */
  @DbTest
  void campaignWithoutRecipientsCompletes(TestDatabase db) {
    var campaigns = new CampaignDomain(r -> true);
    var engine = engine(db, campaigns);
    long campaignId = campaign(db, campaigns, 0);

    UUID id = engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId));

    var report = CampaignReport.read(db.dataSource(), engine.queries(), id, 0);
    assertThat(report.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(report.stats()).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
    assertThat(report.counted()).isEqualTo(new CampaignStats(0, 0, 0));
    assertThat(report.reportMatches()).isTrue();
  }

  /** The demo: a deterministic share of 1000 mails bounces; the report matches the table. */
  @DbTest
  void demoWithFailuresCompletesAndTheReportMatches(TestDatabase db) {
    var r = CampaignDemo.run(db.dataSource(), new CampaignDemo.Options(1000, 42, 0.05));

    assertThat(r.workflowState()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(r.counted().total()).isEqualTo(1000);
    assertThat(r.counted().sent() + r.counted().failed()).isEqualTo(1000);
    assertThat(r.counted().failed()).isBetween(20L, 90L);
    assertThat(r.reportMatches()).isTrue();
    assertThat(r.stats().failed()).isEqualTo(r.counted().failed());
    assertThat(r.stats().completed()).isEqualTo(r.counted().sent());
    // a second campaign on the same database leaves the first one's rows alone
    var again = CampaignDemo.run(db.dataSource(), new CampaignDemo.Options(10, 1, 0));
    assertThat(again.counted()).isEqualTo(new CampaignStats(10, 0, 10));
    assertThat(again.reportMatches()).isTrue();
    assertThat(db.queryLong("select count(*) from campaign_recipients")).isEqualTo(1010);
  }

  /** A campaign is launched once: a second workflow for it is refused and writes nothing. */
  @DbTest
  void campaignCannotBeLaunchedTwice(TestDatabase db) {
    var campaigns = new CampaignDomain(r -> true);
    var engine = engine(db, campaigns);
    long campaignId = campaign(db, campaigns, 2);
    engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine.initializeRootWorkflow("emailCampaign", new LaunchCampaign(campaignId)))
        .hasMessageContaining("launched already");
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(1);
  }
}

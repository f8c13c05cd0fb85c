package dev.tasquencer.examples.campaign;

import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.support.Jdbc;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outcome of one campaign, read back from the database after its workflow ran.
 *
 * @param counted recipients by status, counted in the recipients table
 * @param campaign the campaign row, with the report the workflow wrote
 * @param stats counters of the {@code sendEmails} task
 * @param durationMs duration of the engine call that ran the workflow
 */
public record CampaignReport(
    UUID workflowId,
    WorkflowState workflowState,
    Campaign campaign,
    CampaignStats counted,
    TaskStats stats,
    long durationMs) {

  /** Whether the report in the campaign row equals the counts of the recipients table. */
  public boolean reportMatches() {
    return Objects.equals(campaign.reportSent(), (int) counted.sent())
        && Objects.equals(campaign.reportFailed(), (int) counted.failed())
        && Objects.equals(campaign.reportTotal(), (int) counted.total());
  }

  public static CampaignReport read(
      DataSource dataSource, WorkflowQueries queries, UUID workflowId, long durationMs) {
    WorkflowState state = queries.workflowState(workflowId);
    TaskStats stats = queries.stats(workflowId, "sendEmails");
    return Jdbc.inTransaction(
        dataSource,
        db -> {
          var domain = new CampaignDomain(r -> true);
          var campaign = domain.campaign(db, workflowId);
          return new CampaignReport(
              workflowId,
              state,
              campaign,
              domain.countRecipients(db, campaign.id()),
              stats,
              durationMs);
        });
  }
}

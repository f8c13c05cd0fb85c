package dev.tasquencer.examples.campaign;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.RowMapper;
import dev.tasquencer.examples.support.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The campaign domain functions of the recipe, on SQL; each takes the transaction it runs in. */
public final class CampaignDomain {
  private static final String RECIPIENT_COLUMNS = "id, campaign_id, email, status";

  private static final RowMapper<Recipient> RECIPIENT =
      rs -> new Recipient(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));

  private final Mailer mailer;

  public CampaignDomain(Mailer mailer) {
    this.mailer = mailer;
  }

  /** Creates a campaign with its recipients (all pending) and returns its id. */
  public long createCampaign(Db db, String name, List<String> emails, Instant now) {
    long id =
        Jdbc.insertReturningId(
            db, "insert into campaigns (name, created_at) values (?, ?)", name, now);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < emails.size(); i++) {
      rows.add(new Object[] {id, emails.get(i), "pending"});
      if (rows.size() == 1000 || i == emails.size() - 1) {
        db.batch(
            "insert into campaign_recipients (campaign_id, email, status) values (?, ?, ?)", rows);
        rows.clear();
      }
    }
    return id;
  }

  /**
   * Links a campaign to the workflow instance that sends it (called by the workflow's initialize
   * action).
   *
   * @throws IllegalStateException when there is no such campaign or it was launched already
   */
  public void attachWorkflow(Db db, long campaignId, UUID workflowId) {
    int changed =
        db.update(
            "update campaigns set workflow_id = ? where id = ? and workflow_id is null",
            workflowId,
            campaignId);
    if (changed != 1) {
      throw new IllegalStateException(
          "campaign " + campaignId + " does not exist or was launched already");
    }
  }

  public Optional<Campaign> findCampaign(Db db, UUID workflowId) {
    return db.queryOne(
        "select id, name, workflow_id, report_sent, report_failed, report_total"
            + " from campaigns where workflow_id = ?",
        rs ->
            new Campaign(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getObject(4, Integer.class),
                rs.getObject(5, Integer.class),
                rs.getObject(6, Integer.class)),
        workflowId);
  }

  public Campaign campaign(Db db, UUID workflowId) {
    return findCampaign(db, workflowId)
        .orElseThrow(
            () -> new IllegalStateException("workflow " + workflowId + " sends no campaign"));
  }

  /** The recipients of the workflow's campaign. */
  public List<Recipient> getRecipients(Db db, UUID workflowId) {
    var campaign = campaign(db, workflowId);
    return db.query(
        "select "
            + RECIPIENT_COLUMNS
            + " from campaign_recipients"
            + " where campaign_id = ? order by id",
        RECIPIENT,
        campaign.id());
  }

  /** Sends the mail of one recipient and records the outcome; true when it was sent. */
  public boolean sendEmail(Db db, long recipientId, Instant now) {
    Recipient recipient =
        db.queryOne(
                "select " + RECIPIENT_COLUMNS + " from campaign_recipients where id = ?",
                RECIPIENT,
                recipientId)
            .orElseThrow(() -> new IllegalStateException("no recipient " + recipientId));
    // Simulate email sending - some may fail
    boolean success = mailer.send(recipient);
    db.update(
        "update campaign_recipients set status = ?, sent_at = ? where id = ?",
        success ? "sent" : "failed",
        success ? now : null,
        recipientId);
    return success;
  }

  /** Counts the recipients of a campaign by status. */
  public CampaignStats countRecipients(Db db, long campaignId) {
    return db.queryOne(
            "select coalesce(sum(case when status = 'sent' then 1 else 0 end), 0),"
                + " coalesce(sum(case when status = 'failed' then 1 else 0 end), 0),"
                + " count(*) from campaign_recipients where campaign_id = ?",
            rs -> new CampaignStats(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
            campaignId)
        .orElseThrow();
  }

  /** Writes the campaign report (sent, failed, total) into the campaign row. */
  public CampaignStats writeReport(Db db, UUID workflowId, Instant now) {
    var campaign = campaign(db, workflowId);
    var stats = countRecipients(db, campaign.id());
    db.update(
        "update campaigns set completed_at = ?, report_sent = ?, report_failed = ?,"
            + " report_total = ? where id = ?",
        now,
        (int) stats.sent(),
        (int) stats.failed(),
        (int) stats.total(),
        campaign.id());
    return stats;
  }
}

package dev.tasquencer.examples.campaign;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;

/**
 * The e-mail campaign of the recipe "Failure Policies (Continue on Failure)": one {@code sendEmail}
 * work item per recipient; a failed mail fails its work item but not the task, and {@code
 * generateReport} writes sent/failed/total into the campaign row once every mail was tried.
 *
 * <pre>
 *   start -> sendEmails -> generateReport -> end
 * </pre>
 *
 * Started from outside with {@code engine.initializeRootWorkflow("emailCampaign", new
 * LaunchCampaign(campaignId))}; one call runs it to its end.
 */
public final class CampaignWorkflow {
  public static final String NAME = "emailCampaign";

  /**
   * Continue on failure: a failed work item does not fail the task; the task completes once every
   * work item is final (completed, failed or canceled).
   *
   * <p>The recipe returns {@code continue} for every failure without looking at the counters, so
   * when the last work item to finish is a failure its task would never complete. This policy
   * checks completion on every final transition, failures included.
   */
  public static final TaskPolicy CONTINUE_ON_FAILURE =
      ctx -> {
        var stats = ctx.task().getStats();
        boolean allFinalized =
            stats.completed() + stats.failed() + stats.canceled() == stats.total();
        return allFinalized ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
      };

  private CampaignWorkflow() {}

  public static WorkflowDefinition definition(CampaignDomain campaigns) {
    // Work item for sending individual emails
    var sendEmail =
        Builder.workItem("sendEmail")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  var payload = ctx.workItem().payload(SendEmailRequest.class);
                  if (payload == null || payload.noWork()) {
                    ctx.workItem().complete();
                    return;
                  }
                  boolean success = campaigns.sendEmail(ctx.db(), payload.recipientId(), ctx.now());
                  if (success) {
                    ctx.workItem().complete();
                  } else {
                    // This work item fails, but the policy will prevent task failure
                    ctx.workItem().fail();
                  }
                });

    // Task with custom failure policy
    var sendEmails =
        Builder.task(sendEmail)
            .onEnabled(
                ctx -> {
                  // Create one work item per recipient
                  var recipients = campaigns.getRecipients(ctx.db(), ctx.parent().workflowId());
                  for (var recipient : recipients) {
                    ctx.workItem().initialize(new SendEmailRequest(recipient.id()));
                  }
                  // The seed's rule: at least one work item, or the task never completes
                  if (recipients.isEmpty()) {
                    ctx.workItem().initialize(SendEmailRequest.NO_WORK);
                  }
                })
            .withPolicy(CONTINUE_ON_FAILURE);

    // Summary task to report results
    var generateReport =
        Builder.workItem("generateReport")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx -> {
                  // Generate campaign report with success/failure counts
                  campaigns.writeReport(ctx.db(), ctx.parent().workflowId(), ctx.now());
                  ctx.workItem().complete();
                });

    // Workflow definition
    return Builder.workflow(NAME)
        .withActions(
            Builder.workflowActions()
                .initialize(
                    LaunchCampaign.class,
                    (ctx, launch) ->
                        campaigns.attachWorkflow(
                            ctx.db(), launch.campaignId(), ctx.workflow().initialize())))
        .startCondition("start")
        .task("sendEmails", sendEmails)
        .task(
            "generateReport",
            Builder.task(generateReport).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("sendEmails"))
        .connectTask("sendEmails", to -> to.task("generateReport"))
        .connectTask("generateReport", to -> to.condition("end"))
        .build();
  }
}

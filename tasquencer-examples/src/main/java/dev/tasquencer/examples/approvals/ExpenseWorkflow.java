package dev.tasquencer.examples.approvals;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferContext;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.context.CallContext;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.deadline.Escalation;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.examples.approvals.ExpenseDomain.Claim;
import dev.tasquencer.examples.approvals.ExpensePayloads.Decision;
import dev.tasquencer.examples.approvals.ExpensePayloads.LineOrder;
import dev.tasquencer.examples.approvals.ExpensePayloads.NewClaim;
import dev.tasquencer.examples.approvals.ExpensePayloads.Payment;
import dev.tasquencer.examples.approvals.ExpensePayloads.Submission;
import dev.tasquencer.examples.approvals.ExpensePayloads.WorkOrder;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The expense approval process:
 *
 * <pre>
 * start -> submit -+-> autoApprove ------------------------------+-> pay -> end
 *                  +-> managerReview -+-> financeApproval -+-----+
 *                                     |                    +-> notifyRejection -> end
 *                                     +--------------------+
 * </pre>
 *
 * The requester drafts a claim (the workflow's initialize action, which needs {@code
 * expense:submit}) and submits it from their queue. A claim up to {@link ExpenseDomain#AUTO_LIMIT}
 * is approved at once; a larger one is reviewed by a manager of the requester's department; above
 * {@link ExpenseDomain#FINANCE_LIMIT} finance approves it a second time, and never the manager who
 * approved it (separation of duties). An approved claim is paid line by line, one work item per
 * line item; a rejected one ends with a notice to the requester. Every human step is offered to the
 * people who may do it and checked by the engine: its action's policy names the scope, and only the
 * claimant works a claimed item.
 */
public final class ExpenseWorkflow {
  private ExpenseWorkflow() {}

  public static final String NAME = "expense";

  /** The person on whose behalf the call runs (the policies made sure there is one). */
  private static String actor(CallContext ctx) {
    return ctx.actor().map(Actor::id).orElse("system");
  }

  public static WorkflowDefinition definition() {
    WorkItemBuilder submission =
        step(
                "submission",
                Staff.SUBMIT,
                Submission.class,
                (ctx, s) ->
                    ExpenseDomain.submitted(ctx.db(), order(ctx.workItem()).claimId(), actor(ctx)))
            .offer(ctx -> Offer.toUsers(order(ctx).requester()))
            .queue(ExpenseWorkflow::queueData);

    WorkItemBuilder managerReview =
        step(
                "managerDecision",
                Staff.APPROVE,
                Decision.class,
                (ctx, d) ->
                    ExpenseDomain.managerDecided(ctx.db(), claim(ctx), d, actor(ctx), ctx.now()))
            .offer(
                ctx ->
                    Offer.toGroups(Staff.managersOf(order(ctx).department()))
                        .supervisedBy(Staff.ADMIN))
            .queue(ExpenseWorkflow::queueData)
            .deadline(
                Deadline.afterInitialized("unreviewed", REVIEW_DEADLINE)
                    .escalate(
                        Escalation.to(Offer.toGroups(Staff.DEPUTIES).supervisedBy(Staff.ADMIN))
                            .raisingPriority(ESCALATED_PRIORITY)));

    WorkItemBuilder financeApproval =
        step(
                "financeDecision",
                Staff.FINANCE,
                Decision.class,
                (ctx, d) ->
                    ExpenseDomain.financeDecided(ctx.db(), claim(ctx), d, actor(ctx), ctx.now()))
            .offer(Offer.toGroups(Staff.FINANCE_GROUP).supervisedBy(Staff.ADMIN))
            .queue(ExpenseWorkflow::queueData);

    WorkItemBuilder payment =
        step(
                "payment",
                Staff.PAY,
                Payment.class,
                (ctx, p) ->
                    ExpenseDomain.linePaid(
                        ctx.db(), ctx.workItem().id(), actor(ctx), p.reference(), ctx.now()))
            .offer(Offer.toGroups(Staff.PAYMENTS).supervisedBy(Staff.ADMIN))
            .queue(
                ctx -> {
                  LineOrder line = ctx.payload(LineOrder.class);
                  return QueueData.priority(0)
                      .attribute("run", Long.toString(line == null ? 0 : line.run()));
                });

    return Builder.workflow(NAME)
        .withDescription("Expense claim: submit, review, second approval, payment")
        .withActions(
            Builder.workflowActions()
                .initialize(
                    NewClaim.class,
                    Policy.requireScope(Staff.SUBMIT),
                    (ctx, c) ->
                        ExpenseDomain.draft(ctx.db(), ctx.workflow().initialize(), c, ctx.now())))
        .startCondition("start")
        .task(
            "submit",
            Builder.task(submission)
                .withSplitType(SplitType.XOR)
                .onEnabled(ExpenseWorkflow::workOrder))
        .task(
            "autoApprove",
            automated(
                "autoApproval",
                (ctx, c) -> ExpenseDomain.autoApproved(ctx.db(), c.id(), ctx.now())))
        .task(
            "managerReview",
            Builder.task(managerReview)
                .withSplitType(SplitType.XOR)
                .onEnabled(ExpenseWorkflow::workOrder))
        .task(
            "financeApproval",
            Builder.task(financeApproval)
                .withSplitType(SplitType.XOR)
                .separatedFrom("managerReview")
                .onEnabled(ExpenseWorkflow::workOrder))
        .task(
            "pay",
            Builder.task(payment)
                .withJoinType(JoinType.XOR)
                .onEnabled(
                    ctx -> {
                      Claim c = ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId());
                      for (long[] line : ExpenseDomain.lines(ctx.db(), c.id())) {
                        java.util.UUID id =
                            ctx.workItem()
                                .initialize(new LineOrder(c.run(), c.id(), (int) line[0], line[1]));
                        ExpenseDomain.lineOrdered(ctx.db(), c.id(), (int) line[0], id);
                      }
                    })
                .onCompleted(
                    ctx ->
                        ExpenseDomain.paid(
                            ctx.db(),
                            ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId()).id())))
        .task(
            "notifyRejection",
            automated(
                    "rejectionNotice", (ctx, c) -> ExpenseDomain.noticeSent(ctx.db(), c, ctx.now()))
                .withJoinType(JoinType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("submit"))
        .connectTask(
            "submit",
            to ->
                to.task("autoApprove")
                    .task("managerReview")
                    .route(
                        ctx ->
                            ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId()).total()
                                    <= ExpenseDomain.AUTO_LIMIT
                                ? ctx.toTask("autoApprove")
                                : ctx.toTask("managerReview")))
        .connectTask("autoApprove", to -> to.task("pay"))
        .connectTask(
            "managerReview",
            to ->
                to.task("financeApproval")
                    .task("pay")
                    .task("notifyRejection")
                    .route(
                        ctx ->
                            switch (ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId())
                                .status()) {
                              case ExpenseDomain.AWAITING_FINANCE -> ctx.toTask("financeApproval");
                              case ExpenseDomain.APPROVED -> ctx.toTask("pay");
                              default -> ctx.toTask("notifyRejection");
                            }))
        .connectTask(
            "financeApproval",
            to ->
                to.task("pay")
                    .task("notifyRejection")
                    .route(
                        ctx ->
                            ExpenseDomain.APPROVED.equals(
                                    ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId())
                                        .status())
                                ? ctx.toTask("pay")
                                : ctx.toTask("notifyRejection")))
        .connectTask("pay", to -> to.condition("end"))
        .connectTask("notifyRejection", to -> to.condition("end"))
        .build();
  }

  /** How much an escalated review's queue priority rises, so that deputies see it first. */
  public static final int ESCALATED_PRIORITY = 1000;

  /** How long a review may wait before it is escalated to the deputies. */
  public static final Duration REVIEW_DEADLINE = Duration.ofDays(2);

  /**
   * What the queues show of a claim's step: larger claims first, due when the review deadline
   * passes, filterable by department and by the demo run.
   */
  private static QueueData queueData(OfferContext ctx) {
    WorkOrder o = order(ctx);
    return QueueData.priority((int) Math.min(o.total() / 100_00, 1000))
        .due(ctx.now().plus(REVIEW_DEADLINE))
        .attribute("department", o.department())
        .attribute("run", Long.toString(o.run()));
  }

  /** A human step's task creates its one work item with the claim's work order. */
  private static void workOrder(TaskEnabledContext ctx) {
    ctx.workItem().initialize(ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId()).order());
  }

  private static WorkOrder order(dev.tasquencer.api.context.Payloads item) {
    WorkOrder o = item.payload(WorkOrder.class);
    if (o == null) {
      throw new IllegalStateException("a work item of the expense workflow has no work order");
    }
    return o;
  }

  private static Claim claim(WorkItemActionContext<?> ctx) {
    return ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId());
  }

  /**
   * A human step: started and completed (with a payload of {@code type}) by the holders of {@code
   * scope} it is offered to; {@code complete} writes what they decided.
   */
  private static <P> WorkItemBuilder step(
      String name,
      String scope,
      Class<P> type,
      BiConsumer<WorkItemActionContext<WorkItemActionContext.Complete>, P> complete) {
    return Builder.workItem(name)
        .withActions(
            Builder.workItemActions()
                .start(Void.class, Policy.requireScope(scope))
                .complete(type, Policy.requireScope(scope), complete::accept));
  }

  /** A step the engine does on its own: its one work item starts and completes at once. */
  private static TaskBuilder automated(
      String item, BiConsumer<dev.tasquencer.api.context.WorkItemActivityContext, Claim> work) {
    return Builder.task(
            Builder.workItem(item)
                .onInitialized(ctx -> ctx.workItem().start())
                .onStarted(
                    ctx -> {
                      work.accept(ctx, ExpenseDomain.claimOf(ctx.db(), ctx.parent().workflowId()));
                      ctx.workItem().complete();
                    }))
        .onEnabled(ctx -> ctx.workItem().initialize());
  }
}

package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferRule;
import dev.tasquencer.api.context.WorkItemActivityContext;
import dev.tasquencer.api.context.WorkItemInitializedContext;
import dev.tasquencer.api.context.WorkItemStartedContext;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.message.MessageWait;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares a work item type: its activities and actions. Immutable; every method returns a new
 * builder, so one work item builder can be shared by several tasks.
 */
public final class WorkItemBuilder {
  final String name;
  final WorkItemActivities activities;
  final WorkItemActions actions;
  final String description;
  final @Nullable OfferRule offer;
  final List<Deadline> deadlines;
  final @Nullable QueueRule queue;
  final @Nullable MessageWait awaits;

  WorkItemBuilder(
      String name,
      WorkItemActivities activities,
      WorkItemActions actions,
      String description,
      @Nullable OfferRule offer,
      List<Deadline> deadlines,
      @Nullable QueueRule queue,
      @Nullable MessageWait awaits) {
    this.name = name;
    this.activities = activities;
    this.actions = actions;
    this.description = description;
    this.offer = offer;
    this.deadlines = List.copyOf(deadlines);
    this.queue = queue;
    this.awaits = awaits;
  }

  static WorkItemBuilder named(String name) {
    Objects.requireNonNull(name, "work item name");
    return new WorkItemBuilder(
        name, WorkItemActivities.NONE, WorkItemActions.DEFAULTS, "", null, List.of(), null, null);
  }

  private WorkItemBuilder with(WorkItemActivities a) {
    return new WorkItemBuilder(name, a, actions, description, offer, deadlines, queue, awaits);
  }

  /** Runs after the work item is created; may request {@code ctx.workItem().start()}. */
  public WorkItemBuilder onInitialized(Activity<WorkItemInitializedContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            activity, a.onStarted(), a.onCompleted(), a.onFailed(), a.onCanceled(), a.onReset()));
  }

  /** Runs after the work item started; may request complete, fail or cancel. */
  public WorkItemBuilder onStarted(Activity<WorkItemStartedContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            activity,
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onReset()));
  }

  public WorkItemBuilder onCompleted(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(), a.onStarted(), activity, a.onFailed(), a.onCanceled(), a.onReset()));
  }

  public WorkItemBuilder onFailed(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            activity,
            a.onCanceled(),
            a.onReset()));
  }

  /** Runs for explicit cancellations and for teardown (its task ended or was withdrawn). */
  public WorkItemBuilder onCanceled(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            activity,
            a.onReset()));
  }

  /** Runs after a reset moved the work item from started back to initialized. */
  public WorkItemBuilder onReset(Activity<WorkItemActivityContext> activity) {
    var a = activities;
    return with(
        new WorkItemActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            activity));
  }

  /** Replaces the work item's actions (see {@link Builder#workItemActions()}). */
  public WorkItemBuilder withActions(WorkItemActions actions) {
    return new WorkItemBuilder(
        name,
        activities,
        Objects.requireNonNull(actions),
        description,
        offer,
        deadlines,
        queue,
        awaits);
  }

  public WorkItemBuilder withDescription(String description) {
    return new WorkItemBuilder(
        name,
        activities,
        actions,
        Objects.requireNonNull(description),
        offer,
        deadlines,
        queue,
        awaits);
  }

  /**
   * Offers every work item of this type, when it is initialized, to the users, groups, scopes or
   * agents of {@code offer}; an actor it is offered to claims it with {@code claimWorkItem}. See
   * {@code docs/work-allocation.md}.
   */
  public WorkItemBuilder offer(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    return offer(new StaticOffer(offer));
  }

  /**
   * Offers every work item of this type as {@code rule} computes it when the work item is
   * initialized (from its payload and instance, in the initialize call).
   */
  public WorkItemBuilder offer(OfferRule rule) {
    return new WorkItemBuilder(
        name,
        activities,
        actions,
        description,
        Objects.requireNonNull(rule, "offer rule"),
        deadlines,
        queue,
        awaits);
  }

  /**
   * Adds a deadline to every work item of this type: when it passes (relative to initialize, claim
   * or start, or at an instant from the payload) the item is escalated, notified about, failed or
   * canceled. See {@code docs/deadlines.md}.
   *
   * @throws InvalidArgumentException when a deadline of that name was added before
   */
  public WorkItemBuilder deadline(Deadline deadline) {
    Objects.requireNonNull(deadline, "deadline");
    for (Deadline d : deadlines) {
      if (d.name().equals(deadline.name())) {
        throw new InvalidArgumentException(
            "work item '"
                + name
                + "' has a deadline named '"
                + deadline.name()
                + "' already; give each deadline of a work item its own name");
      }
    }
    List<Deadline> all = new ArrayList<>(deadlines);
    all.add(deadline);
    return new WorkItemBuilder(name, activities, actions, description, offer, all, queue, awaits);
  }

  /**
   * Gives every work item of this type, when it is offered, this priority, due date and these
   * business attributes, which its queue entries show and sort by. Needs an offer. See {@code
   * docs/work-queues.md}.
   */
  public WorkItemBuilder queue(QueueData data) {
    Objects.requireNonNull(data, "queue data");
    return queue(ctx -> data);
  }

  /**
   * Computes the queue data of every work item of this type when it is offered (from its payload
   * and instance, in the initialize call, after the offer). Needs an offer.
   */
  public WorkItemBuilder queue(QueueRule rule) {
    return new WorkItemBuilder(
        name,
        activities,
        actions,
        description,
        offer,
        deadlines,
        Objects.requireNonNull(rule, "queue rule"),
        awaits);
  }

  /**
   * Makes every work item of this type wait, from its initialize until it ends, for a message under
   * the key the wait computes ({@code Message.named("payment-received").keyedBy(ctx -> ...)}):
   * {@code engine.correlate(message, key, payload)} then starts and completes it with the message's
   * payload, or runs the wait's {@code onMessage} activity. See {@code docs/messages.md}.
   *
   * @throws InvalidArgumentException when this work item type waits for a message already
   */
  public WorkItemBuilder awaits(MessageWait wait) {
    Objects.requireNonNull(wait, "message wait");
    if (awaits != null) {
      throw new InvalidArgumentException(
          "work item '"
              + name
              + "' waits for message '"
              + awaits.message().name()
              + "' already; a work item waits for one message (model further messages as further"
              + " work items or tasks)");
    }
    return new WorkItemBuilder(
        name, activities, actions, description, offer, deadlines, queue, wait);
  }

  public String name() {
    return name;
  }
}

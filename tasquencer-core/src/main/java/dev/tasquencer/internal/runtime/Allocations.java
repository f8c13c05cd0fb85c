package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferRule;
import dev.tasquencer.api.deadline.Escalation;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotClaimantException;
import dev.tasquencer.api.error.NotOfferedException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueRule;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.lifecycle.AllocationEvent;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.store.AllocationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Work allocation (docs/work-allocation.md): offering a work item when it is initialized, the
 * claim, release and delegate commands, the claimant check of an external start, complete or fail,
 * and what a work item's end or reset does to its allocation. The allocation's state changes only
 * through the store's {@code TransitionApplier}, with {@link Lifecycles#ALLOCATION}.
 */
final class Allocations {
  private final Authorizer authorizer;

  Allocations(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** Who is who: the identity the authorizer checks policies against. */
  private IdentityAdmin identity() {
    return authorizer.identity();
  }

  /** The offer rule of a task's work items, or null when they are not offered. */
  private static @Nullable OfferRule rule(TaskInstance task) {
    return TaskKinds.atomic(task).workItem().offer();
  }

  /** A work item, in words, for messages. */
  private static String describe(TaskInstance task, WorkItemRow wi) {
    return "work item " + unprefixed(task, wi);
  }

  /** The same without "work item", which the allocation's state errors add themselves. */
  private static String unprefixed(TaskInstance task, WorkItemRow wi) {
    return "'" + wi.name + "' " + wi.id + " of task " + task.describe();
  }

  /**
   * The allocation of a work item; empty when its definition declares no offer (then nothing is
   * read).
   */
  Optional<AllocationRow> of(Call call, TaskInstance task, WorkItemRow wi) {
    return rule(task) == null ? Optional.empty() : call.session.allocation(wi);
  }

  // ------------------------------------------------------------------------------ offer

  /**
   * Offers a work item just created, when its definition declares an offer: the rule computes the
   * offer, and the allocation is created (state offered) with the work item, in the same call.
   */
  void offer(Call call, TaskInstance task, WorkItemRow wi, @Nullable Object payload) {
    OfferRule rule = rule(task);
    if (rule == null) {
      return;
    }
    InitializeRuleContext ctx = new InitializeRuleContext(call, task, wi, payload);
    Offer offer =
        run(
            "offer rule",
            task,
            wi,
            () -> rule.offer(ctx),
            "return an Offer (Offer.toUsers, toGroups, toScopes or toAgents)");
    QueueData queue = queue(task, wi, ctx);
    WorkflowDefinition def = task.workflow.def;
    AllocationRow row =
        call.session.newAllocation(wi, def.name(), def.version(), offer, queue, call.now);
    call.transitions().allocationCreated(row, call.origin());
  }

  /** The queue data of a work item being offered, as its definition's rule computes it. */
  private static QueueData queue(TaskInstance task, WorkItemRow wi, InitializeRuleContext ctx) {
    QueueRule rule = TaskKinds.atomic(task).workItem().queue();
    if (rule == null) {
      return QueueData.NONE;
    }
    QueueData data =
        run(
            "queue rule",
            task,
            wi,
            () -> rule.queue(ctx),
            "return QueueData (QueueData.NONE for the defaults)");
    return data;
  }

  /** User code that computes a value at offer time. */
  @FunctionalInterface
  private interface RuleCall<T> {
    @Nullable T run() throws Exception;
  }

  /** Runs a rule of the work item's definition: checked exceptions wrapped, null refused. */
  private static <T> T run(
      String what, TaskInstance task, WorkItemRow wi, RuleCall<T> rule, String fix) {
    T value;
    try {
      value = rule.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException(what + " of " + describe(task, wi), e);
    }
    if (value == null) {
      throw new InvalidArgumentException(
          "the " + what + " of " + describe(task, wi) + " returned null; " + fix);
    }
    return value;
  }

  // ------------------------------------------------------------------------------ commands

  /**
   * {@code setWorkItemPriority}: changes the priority and due date of an offered work item, in the
   * call's transaction. Internal calls may always; an external call needs the offer's override
   * scope, or to be the item's claimant.
   */
  void requeue(Call call, TaskInstance task, WorkItemRow wi, int priority, @Nullable Instant due) {
    String element = describe(task, wi);
    AllocationRow a = required(call, task, wi, "setWorkItemPriority");
    if (a.state().isFinal()) {
      throw new InvalidArgumentException(
          "setWorkItemPriority of "
              + element
              + ": its allocation is done (the work item ended), so no queue shows it any more");
    }
    if (!call.internal()) {
      Actor actor = call.actor();
      Actor claimant = a.claimant();
      if (!(claimant != null && claimant.equals(actor)) && !supervises(call, a, actor)) {
        String scope = a.offer().supervisorScope();
        throw new NotAuthorizedException(
            actor,
            "setWorkItemPriority",
            element,
            scope == null ? "no supervisor" : "supervisedBy(" + scope + ")",
            scope == null
                ? "only its claimant may change its priority, or the application through"
                    + " engine.internal() (its offer names no supervisor scope)"
                : "only its claimant or a holder of " + scope + " may change its priority");
      }
    }
    QueueData checked = a.queue().withPriority(priority).due(due);
    a.requeue(checked.priority(), checked.dueAt(), call.now);
  }

  /** {@code claimWorkItem}: the call's actor claims the work item. */
  void claim(Call call, TaskInstance task, WorkItemRow wi) {
    String element = describe(task, wi);
    Actor actor = call.actor();
    if (actor == null) {
      throw new InvalidArgumentException(
          "claimWorkItem of "
              + element
              + " names no actor: a claim is made by the actor who will work the item; call it"
              + " through engine.as(actor), or use delegateWorkItem to assign it");
    }
    AllocationRow a = required(call, task, wi, "claimWorkItem");
    Actor claimant = a.claimant();
    if (a.state() == AllocationState.CLAIMED && claimant != null) {
      throw new WorkItemAlreadyClaimedException(element, wi.id, claimant);
    }
    Lifecycles.ALLOCATION.check(unprefixed(task, wi), a.state(), AllocationEvent.CLAIM);
    if (!offeredTo(call, a.offer(), actor)) {
      throw new NotOfferedException(actor, "claim", element, a.offer().toString());
    }
    Duties.check(call, task, wi, actor, "claim");
    give(call, task, wi, a, AllocationEvent.CLAIM, actor);
  }

  /** {@code releaseWorkItem}: the claim is given back; the item is offered again. */
  void release(Call call, TaskInstance task, WorkItemRow wi) {
    String element = describe(task, wi);
    AllocationRow a = required(call, task, wi, "releaseWorkItem");
    Lifecycles.ALLOCATION.check(unprefixed(task, wi), a.state(), AllocationEvent.RELEASE);
    if (!call.internal()) {
      requireClaimantOrSupervisor(call, a, "release", element);
    }
    call.transitions()
        .allocation(
            a, AllocationEvent.RELEASE, null, unprefixed(task, wi), call.origin(), call.now);
  }

  /** {@code delegateWorkItem}: the item is claimed by {@code to}, an actor it is offered to. */
  void delegate(Call call, TaskInstance task, WorkItemRow wi, Actor to) {
    String element = describe(task, wi);
    AllocationRow a = required(call, task, wi, "delegateWorkItem");
    Lifecycles.ALLOCATION.check(unprefixed(task, wi), a.state(), AllocationEvent.DELEGATE);
    if (!call.internal()) {
      if (a.state() == AllocationState.CLAIMED) {
        requireClaimantOrSupervisor(call, a, "delegate", element);
      } else if (!supervises(call, a, call.actor())) {
        String scope = a.offer().supervisorScope();
        throw new NotAuthorizedException(
            call.actor(),
            "delegate",
            element,
            scope == null ? "no supervisor" : "supervisedBy(" + scope + ")",
            scope == null
                ? "nobody claimed it, and its offer names no supervisor scope: an actor it is"
                    + " offered to claims it, or the application assigns it through"
                    + " engine.internal()"
                : "nobody claimed it, and only a holder of " + scope + " may assign it");
      }
    }
    if (!offeredTo(call, a.offer(), to)) {
      throw new NotOfferedException(to, "delegate", element, a.offer().toString());
    }
    Duties.check(call, task, wi, to, "take by delegation");
    give(call, task, wi, a, AllocationEvent.DELEGATE, to);
  }

  /**
   * A claim or delegation: the allocation goes to {@code claimant}, and the deadlines counted from
   * a claim are scheduled from now.
   */
  private void give(
      Call call,
      TaskInstance task,
      WorkItemRow wi,
      AllocationRow a,
      AllocationEvent event,
      Actor claimant) {
    call.transitions()
        .allocation(a, event, claimant, unprefixed(task, wi), call.origin(), call.now);
    Deadlines.claimed(call, task, wi, a);
  }

  /**
   * An escalating deadline passed: the claim is released first when the escalation says so, then
   * the allocation is offered to the escalation's targets (keeping its supervisor scope unless the
   * escalation names one, and its release-on-reset setting). Both on the call's account (a job's).
   */
  void escalate(Call call, TaskInstance task, WorkItemRow wi, Escalation escalation) {
    AllocationRow a =
        of(call, task, wi)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        describe(task, wi)
                            + " escalates but is not offered; the definition's"
                            + " compiler refuses that (this is a bug of the engine)"));
    if (a.state().isFinal()) {
      return;
    }
    if (escalation.releasesClaim() && a.state() == AllocationState.CLAIMED) {
      call.transitions()
          .allocation(
              a, AllocationEvent.RELEASE, null, unprefixed(task, wi), call.origin(), call.now);
    }
    Offer now = a.offer();
    Offer to = escalation.offer();
    String supervisor = to.supervisorScope() != null ? to.supervisorScope() : now.supervisorScope();
    if (escalation.priorityRaise() > 0) {
      QueueData q = a.queue();
      long raised = (long) q.priority() + escalation.priorityRaise();
      a.requeue((int) Math.min(raised, Integer.MAX_VALUE), q.dueAt(), call.now);
    }
    call.transitions()
        .escalate(
            a,
            new Offer(
                to.users(),
                to.groups(),
                to.scopes(),
                to.forAgents(),
                supervisor,
                now.releaseOnReset()),
            unprefixed(task, wi),
            call.origin(),
            call.now);
  }

  /** The allocation of an item a command addresses; refused when the item is not offered. */
  private AllocationRow required(Call call, TaskInstance task, WorkItemRow wi, String command) {
    return of(call, task, wi)
        .orElseThrow(
            () ->
                new InvalidArgumentException(
                    command
                        + " of "
                        + describe(task, wi)
                        + ": the work item is not offered, so nobody claims it; declare an offer"
                        + " on its definition (Builder.workItem(...).offer(...)) to allocate it"));
  }

  // ------------------------------------------------------------------------------ work

  /**
   * Before an external start, complete or fail changes anything (after its policy): a claimed item
   * may be worked only by its claimant or a supervisor; an item only offered is claimed for the
   * actor first, when it is offered to the actor. Internal calls are not checked.
   */
  void beforeWork(Call call, TaskInstance task, WorkItemRow wi, WorkItemEvent event) {
    if (call.internal()
        || (event != WorkItemEvent.START
            && event != WorkItemEvent.COMPLETE
            && event != WorkItemEvent.FAIL)) {
      return;
    }
    AllocationRow a = of(call, task, wi).orElse(null);
    if (a == null) {
      return;
    }
    Actor actor = call.actor();
    Actor claimant = a.claimant();
    if (a.state() == AllocationState.CLAIMED && claimant != null) {
      if (!claimant.equals(actor) && !supervises(call, a, actor)) {
        throw new NotClaimantException(
            actor, event.id(), describe(task, wi), claimant, a.offer().supervisorScope());
      }
    } else if (a.state() == AllocationState.OFFERED) {
      String element = describe(task, wi);
      if (actor == null || !offeredTo(call, a.offer(), actor)) {
        throw new NotOfferedException(actor, event.id(), element, a.offer().toString());
      }
      if (event != WorkItemEvent.COMPLETE) { // a completion is checked once, by its caller
        Duties.check(call, task, wi, actor, "claim");
      }
      give(call, task, wi, a, AllocationEvent.CLAIM, actor);
    }
  }

  /**
   * After a work item's state changed (by its action or by teardown): an end closes its allocation,
   * a reset releases the claim when the offer says so; both on the engine's account.
   */
  void afterTransition(
      Call call, TaskInstance task, WorkItemRow wi, WorkItemEvent event, WorkItemState to) {
    if (!to.isFinal() && event != WorkItemEvent.RESET) {
      return;
    }
    AllocationRow a = of(call, task, wi).orElse(null);
    if (a == null) {
      return;
    }
    if (to.isFinal() && !a.state().isFinal()) {
      call.transitions()
          .allocation(
              a, AllocationEvent.CLOSE, null, unprefixed(task, wi), Origin.ENGINE, call.now);
    } else if (event == WorkItemEvent.RESET
        && a.offer().releaseOnReset()
        && a.state() == AllocationState.CLAIMED) {
      call.transitions()
          .allocation(
              a, AllocationEvent.RELEASE, null, unprefixed(task, wi), Origin.ENGINE, call.now);
    }
  }

  // ------------------------------------------------------------------------------ who

  private void requireClaimantOrSupervisor(
      Call call, AllocationRow a, String action, String element) {
    Actor actor = call.actor();
    Actor claimant = Objects.requireNonNull(a.claimant(), "a claimed allocation has a claimant");
    if (!claimant.equals(actor) && !supervises(call, a, actor)) {
      throw new NotClaimantException(actor, action, element, claimant, a.offer().supervisorScope());
    }
  }

  /** Whether {@code actor} holds the offer's override scope. */
  private boolean supervises(Call call, AllocationRow a, @Nullable Actor actor) {
    String scope = a.offer().supervisorScope();
    return scope != null && actor != null && ScopeCatalog.covers(grants(call, actor), scope);
  }

  /** Whether the offer names {@code actor}: by user id, group, scope or as an agent. */
  private boolean offeredTo(Call call, Offer offer, Actor actor) {
    if (actor.kind() == Actor.Kind.AGENT) {
      return offer.forAgents();
    }
    if (!identity().isActiveUser(actor)) { // systems, and users the provider does not call active
      return false;
    }
    if (offer.users().contains(actor.id())) {
      return true;
    }
    if (!offer.scopes().isEmpty()) {
      Set<String> grants = grants(call, actor);
      for (String scope : offer.scopes()) {
        if (ScopeCatalog.covers(grants, scope)) {
          return true;
        }
      }
    }
    return identity().inAnyGroup(call, actor, offer.groups());
  }

  /** The effective grants of an actor: the call's actor's are read once per call. */
  private Set<String> grants(Call call, Actor actor) {
    if (!actor.equals(call.actor())) {
      return identity().grants(call, actor);
    }
    Set<String> grants = call.actorGrants;
    if (grants == null) {
      grants = identity().grants(call, actor);
      call.actorGrants = grants;
    }
    return grants;
  }
}

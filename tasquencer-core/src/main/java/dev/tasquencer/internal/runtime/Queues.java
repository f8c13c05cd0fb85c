package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.api.queue.QueueCounts;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.api.queue.WorkQueues;
import dev.tasquencer.internal.store.QueueQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code engine.queues()} (docs/work-queues.md): each call is one read-only transaction that reads
 * who the actor is (its active groups and effective grants, as a claim would judge them at the
 * engine clock's now), then one page or the counts in SQL ({@link QueueQueries}).
 */
final class Queues implements WorkQueues {
  private final EngineCore core;
  private final IdentityAdmin identity;

  Queues(EngineCore core, IdentityAdmin identity) {
    this.core = core;
    this.identity = identity;
  }

  /** Whom the available queue is for; null when the actor may claim nothing (systems, inactive). */
  private QueueQueries.@Nullable Who who(Call call, Actor actor) {
    if (actor.kind() == Actor.Kind.AGENT) {
      return QueueQueries.Who.agent();
    }
    if (!identity.isActiveUser(actor)) {
      return null;
    }
    List<String> groups = identity.activeGroups(call, actor);
    Set<String> grants = identity.grants(call, actor);
    List<String> scopes = new ArrayList<>();
    for (String scope : identity.scopes().scopes().keySet()) {
      if (ScopeCatalog.covers(grants, scope)) { // wildcards expanded to the declared scopes
        scopes.add(scope);
      }
    }
    return QueueQueries.Who.user(actor.id(), groups, scopes);
  }

  @Override
  public QueueItems available(Actor actor, QueueFilter filter, QueuePage page) {
    check("available", actor, filter, page);
    return core.execute(
        CallRequest.QUERY,
        call -> {
          QueueQueries.Who who = who(call, actor);
          return who == null
              ? new QueueItems(List.of(), null)
              : QueueQueries.available(call.session, who, filter, page);
        });
  }

  @Override
  public QueueItems claimedBy(Actor actor, QueueFilter filter, QueuePage page) {
    check("claimedBy", actor, filter, page);
    return core.execute(
        CallRequest.QUERY, call -> QueueQueries.claimed(call.session, actor, filter, page));
  }

  @Override
  public QueueCounts counts(Actor actor) {
    Args.notNull("counts", "actor", actor);
    return core.execute(
        CallRequest.QUERY, call -> QueueQueries.counts(call.session, who(call, actor), actor));
  }

  private static void check(String call, Actor actor, QueueFilter filter, QueuePage page) {
    Args.notNull(call, "actor", actor);
    Args.notNull(call, "filter", filter);
    Args.notNull(call, "page", page);
  }
}

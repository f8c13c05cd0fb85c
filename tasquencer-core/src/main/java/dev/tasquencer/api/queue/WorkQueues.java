package dev.tasquencer.api.queue;

import dev.tasquencer.api.Actor;

/**
 * Work queues ({@code engine.queues()}, see {@code docs/work-queues.md}): offered work items an
 * actor may claim and the items it has claimed, computed in SQL one page at a time. Each call is
 * one short read-only transaction; the actor's groups and scopes are judged at the engine clock's
 * now, as a claim would judge them.
 *
 * <p>A user sees an item offered to its id, to a group of which it is an active, unexpired member
 * (the group active), or to a scope one of its effective grants covers (wildcards included); an
 * agent sees the items offered to agents; a system actor, and a user the identity provider does not
 * call active, see none.
 */
public interface WorkQueues {

  /** One page of the offered, unclaimed work items {@code actor} may claim, in queue order. */
  QueueItems available(Actor actor, QueueFilter filter, QueuePage page);

  /** One page of the work items {@code actor} has claimed and that are not done, in queue order. */
  QueueItems claimedBy(Actor actor, QueueFilter filter, QueuePage page);

  /** How many items {@code actor} may claim and has claimed, in total and per task. */
  QueueCounts counts(Actor actor);
}

package dev.tasquencer.api.queue;

import dev.tasquencer.api.allocation.OfferContext;

/**
 * Computes the queue data of an offered work item when it is initialized, from its payload and its
 * instance, in the initialize call's transaction (the context is the one an offer rule gets). A
 * static value is a rule that ignores its context.
 */
@FunctionalInterface
public interface QueueRule {
  QueueData queue(OfferContext ctx) throws Exception;
}

package dev.tasquencer.api.allocation;

/**
 * Computes the offer of a work item when it is initialized, from its payload and its instance (in
 * the initialize call's transaction). A static offer is a rule that ignores its context.
 */
@FunctionalInterface
public interface OfferRule {
  Offer offer(OfferContext ctx) throws Exception;
}

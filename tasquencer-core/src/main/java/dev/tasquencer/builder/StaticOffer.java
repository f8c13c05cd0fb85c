package dev.tasquencer.builder;

import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferContext;
import dev.tasquencer.api.allocation.OfferRule;

/**
 * The rule of an offer declared as a value ({@link WorkItemBuilder#offer(Offer)}): the same offer
 * for every work item, which the engine can therefore check when it is built (its scopes must be
 * declared).
 */
record StaticOffer(Offer offer) implements OfferRule {
  @Override
  public Offer offer(OfferContext ctx) {
    return offer;
  }
}

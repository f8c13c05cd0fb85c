package dev.tasquencer.api.message;

import dev.tasquencer.api.allocation.OfferContext;

/**
 * What a {@link CorrelationKey} sees: what an offer rule sees, as both run when a work item is
 * initialized: the work item, its initialize payload ({@link #payload(Class)}, null when none was
 * given), its instance, and the call's transaction.
 */
public interface MessageKeyContext extends OfferContext {}

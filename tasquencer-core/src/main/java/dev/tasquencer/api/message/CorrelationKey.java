package dev.tasquencer.api.message;

/**
 * Computes the correlation key a work item waits under, when it is initialized, from its payload
 * and its instance. It runs in the initialize call's transaction; it must return a key (1 to
 * {@value Message#MAX_KEY} characters), never null.
 */
@FunctionalInterface
public interface CorrelationKey {
  String keyOf(MessageKeyContext ctx) throws Exception;
}

package dev.tasquencer.api;

import dev.tasquencer.api.context.RouterContext;

/**
 * Chooses exactly one outgoing flow of a XOR split when its task completes. Returning null takes
 * the split's declared default flow; without one it is an error.
 */
@FunctionalInterface
public interface XorRouter {
  Route route(RouterContext ctx) throws Exception;
}

package dev.tasquencer.api;

import dev.tasquencer.api.context.RouterContext;
import java.util.Collection;

/**
 * Chooses one or more outgoing flows of an OR split when its task completes. An empty result takes
 * the split's declared default flow; without one it is an error.
 */
@FunctionalInterface
public interface OrRouter {
  Collection<Route> route(RouterContext ctx) throws Exception;
}

package dev.tasquencer.builder;

import dev.tasquencer.api.OrRouter;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.XorRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outgoing flows of one task, declared in {@code connectTask(name, to -> ...)}. A flow to a
 * task goes through the implicit condition {@code <from>__to__<to>}. XOR splits need {@link
 * #route(XorRouter)}, OR splits {@link #routes(OrRouter)}; either may declare a default flow taken
 * when the router chooses nothing. Immutable.
 */
public final class TaskFlowBuilder {
  final List<Route> targets;
  final @Nullable XorRouter xorRouter;
  final @Nullable OrRouter orRouter;
  final @Nullable Route defaultRoute;

  private TaskFlowBuilder(
      List<Route> targets,
      @Nullable XorRouter xorRouter,
      @Nullable OrRouter orRouter,
      @Nullable Route defaultRoute) {
    this.targets = List.copyOf(targets);
    this.xorRouter = xorRouter;
    this.orRouter = orRouter;
    this.defaultRoute = defaultRoute;
  }

  static TaskFlowBuilder empty() {
    return new TaskFlowBuilder(List.of(), null, null, null);
  }

  private TaskFlowBuilder plus(Route r) {
    List<Route> t = new ArrayList<>(targets);
    t.add(r);
    return new TaskFlowBuilder(t, xorRouter, orRouter, defaultRoute);
  }

  /** A flow to a task, through the implicit condition between the two. */
  public TaskFlowBuilder task(String name) {
    return plus(Route.toTask(Objects.requireNonNull(name, "task name")));
  }

  /** A flow to an explicit condition. */
  public TaskFlowBuilder condition(String name) {
    return plus(Route.toCondition(Objects.requireNonNull(name, "condition name")));
  }

  /** The router of a XOR split: it chooses exactly one of the flows above. */
  public TaskFlowBuilder route(XorRouter router) {
    return new TaskFlowBuilder(targets, Objects.requireNonNull(router), orRouter, defaultRoute);
  }

  /** The router of an OR split: it chooses one or more of the flows above. */
  public TaskFlowBuilder routes(OrRouter router) {
    return new TaskFlowBuilder(targets, xorRouter, Objects.requireNonNull(router), defaultRoute);
  }

  /** The flow to a task that a XOR/OR split takes when its router chooses nothing. */
  public TaskFlowBuilder defaultTask(String name) {
    return new TaskFlowBuilder(targets, xorRouter, orRouter, Route.toTask(name));
  }

  /** The flow to a condition that a XOR/OR split takes when its router chooses nothing. */
  public TaskFlowBuilder defaultCondition(String name) {
    return new TaskFlowBuilder(targets, xorRouter, orRouter, Route.toCondition(name));
  }
}

package dev.tasquencer.reference;

import dev.tasquencer.api.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The deterministic routing choices shared by the engine's routers and the reference: a function of
 * (task, generation of the completing task) and a per-run salt, so that both sides choose the same
 * routes without sharing any state. XOR: route index {@code (generation + offset(task)) mod n}, a
 * counter per task. OR: a non-empty subset of the routes, as a bit mask.
 *
 * <p>In runs with rejections, a few (task, generation) pairs get an invalid choice instead (D10: no
 * route without a default flow, an unknown target, a condition that is not an output, or for OR a
 * valid route mixed with an invalid one): the engine must reject the whole call and change nothing.
 */
final class Routing {
  /** The reference's side of a rejected choice: the call must change nothing. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  private final long salt;
  private final int rejectPercent;

  /**
   * @param rejectPercent the share of (task, generation) pairs whose router chooses invalidly
   */
  Routing(long salt, int rejectPercent) {
    this.salt = salt;
    this.rejectPercent = rejectPercent;
  }

  /** Whether the router of {@code task} chooses invalidly at {@code generation}. */
  boolean rejects(int task, int generation) {
    return Math.floorMod(mix(task, generation) >>> 20, 100L) < rejectPercent;
  }

  /** The index of the route a XOR split of {@code task} takes at {@code generation}. */
  int xor(int task, int generation, int routes) {
    return Math.floorMod(generation + (int) (mix(task, 0) & 0xffff), routes);
  }

  /** The routes an OR split of {@code task} takes at {@code generation}: a non-empty bit mask. */
  int orMask(int task, int generation, int routes) {
    int subsets = (1 << routes) - 1;
    return 1 + (int) Math.floorMod(mix(task, generation), (long) subsets);
  }

  /** The engine-side router: the same choice, as routes. */
  List<Route> choose(int task, int generation, List<Route> candidates, boolean many) {
    if (rejects(task, generation)) {
      return invalid(task, generation, candidates, many);
    }
    if (!many) {
      return List.of(candidates.get(xor(task, generation, candidates.size())));
    }
    int mask = orMask(task, generation, candidates.size());
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        out.add(candidates.get(i));
      }
    }
    return out;
  }

  private List<Route> invalid(int task, int generation, List<Route> candidates, boolean many) {
    int variant = (int) Math.floorMod(mix(task, generation) >>> 40, 3L);
    if (!many) {
      return switch (variant) {
        case 0 -> Collections.singletonList(null); // no route, and no default flow
        case 1 -> List.of(Route.toTask("Nowhere"));
        default -> List.of(Route.toCondition("start")); // a condition, not an output
      };
    }
    return switch (variant) {
      case 0 -> List.of(); // no route, and no default flow
      case 1 -> List.of(candidates.get(0), Route.toCondition("nowhere"));
      default -> List.of(Route.toCondition("start"), candidates.get(0));
    };
  }

  private long mix(int task, int generation) {
    long z = salt + 0x9E3779B97F4A7C15L * (task * 1_000_003L + generation + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

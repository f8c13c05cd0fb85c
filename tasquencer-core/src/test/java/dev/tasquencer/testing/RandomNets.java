package dev.tasquencer.testing;

import dev.tasquencer.api.Route;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Random well-formed nets for property tests: a spine {@code start -> T0 -> ... -> end} through
 * every task (so every element is on a path from start to end), plus random extra flows (forward,
 * backward, to end, through explicit conditions), random joins and splits, and random cancellation
 * regions. Routers are supplied by the caller.
 */
public final class RandomNets {
  private RandomNets() {}

  /** The shape of a generated net, kept so that tests can interpret it independently. */
  public record Shape(
      int tasks,
      List<JoinType> joins,
      List<SplitType> splits,
      Map<Integer, List<String>> outputs,
      Map<String, List<Integer>> conditionConsumers,
      Map<Integer, List<Integer>> regionTasks,
      Map<Integer, List<String>> regionConditions) {}

  /** A generated definition with its shape. */
  public record Net(WorkflowDefinition definition, Shape shape) {}

  public static String task(int i) {
    return "T" + i;
  }

  /**
   * Generates a net.
   *
   * @param taskFactory makes the task builder of task i (join/split are applied afterwards)
   * @param router makes the router of task i's XOR/OR split: given the candidate routes, choose
   */
  public static Net generate(
      Random rnd,
      int maxTasks,
      boolean allowRegions,
      Function<Integer, TaskBuilder> taskFactory,
      RouterFactory router) {
    return generate(
        rnd,
        maxTasks,
        allowRegions,
        taskFactory,
        (task, generation, routes, many) -> router.choose(task, routes, many));
  }

  /**
   * Generates a net whose routers also see the generation of the completing task, so that a test
   * can replay the same choices in an independent interpreter.
   */
  public static Net generate(
      Random rnd,
      int maxTasks,
      boolean allowRegions,
      Function<Integer, TaskBuilder> taskFactory,
      GenerationRouter router) {
    return generate(rnd, maxTasks, allowRegions, Options.DEFAULT, taskFactory, router);
  }

  /**
   * Settings of the generator; {@link #DEFAULT} is the plain generator.
   *
   * @param workflowName the name of the generated workflow
   * @param explicitConditionsBound explicit conditions: a random number below this bound
   * @param conditionFlowKinds of the four kinds of extra flows (to end, to a condition, and two to
   *     a task), how many go to an explicit condition when there is one (1 or 2)
   * @param secondConsumerOneIn an explicit condition gets a second consumer (deferred choice) with
   *     probability 1/n
   * @param regionTaskOneIn each other task is in a cancellation region with probability 1/n
   */
  public record Options(
      String workflowName,
      int explicitConditionsBound,
      int conditionFlowKinds,
      int secondConsumerOneIn,
      int regionTaskOneIn) {
    public static final Options DEFAULT = new Options("random", 3, 1, 3, 3);

    /** More flows into explicit conditions shared by several tasks, and larger regions. */
    public static final Options CONTENDED = new Options("random", 4, 2, 1, 2);

    /** The same settings for a workflow of another name. */
    public Options named(String name) {
      return new Options(
          name, explicitConditionsBound, conditionFlowKinds, secondConsumerOneIn, regionTaskOneIn);
    }
  }

  /** Generates a net with the given settings. */
  public static Net generate(
      Random rnd,
      int maxTasks,
      boolean allowRegions,
      Options options,
      Function<Integer, TaskBuilder> taskFactory,
      GenerationRouter router) {
    int n = 2 + rnd.nextInt(Math.max(1, maxTasks - 1));
    List<JoinType> joins = new ArrayList<>();
    List<SplitType> splits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      joins.add(JoinType.values()[rnd.nextInt(3)]);
      splits.add(SplitType.values()[rnd.nextInt(3)]);
    }
    int explicit = rnd.nextInt(options.explicitConditionsBound());
    Map<Integer, Set<String>> outs = new LinkedHashMap<>();
    Map<String, Set<Integer>> consumers = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      outs.put(i, new LinkedHashSet<>());
      outs.get(i).add(i + 1 < n ? task(i + 1) : "end");
    }
    int extra = rnd.nextInt(n + 2);
    for (int k = 0; k < extra; k++) {
      int from = rnd.nextInt(n);
      int kind = rnd.nextInt(4);
      if (kind == 0) {
        outs.get(from).add("end");
      } else if (kind <= options.conditionFlowKinds() && explicit > 0) {
        String c = "c" + rnd.nextInt(explicit);
        outs.get(from).add(c);
      } else {
        int to = rnd.nextInt(n);
        if (to != from || rnd.nextBoolean()) {
          outs.get(from).add(task(to));
        }
      }
    }
    // explicit conditions get consumers (tasks) when they have producers
    for (int c = 0; c < explicit; c++) {
      String name = "c" + c;
      boolean produced = outs.values().stream().anyMatch(s -> s.contains(name));
      if (produced) {
        Set<Integer> cons = new LinkedHashSet<>();
        cons.add(rnd.nextInt(n));
        if (rnd.nextInt(options.secondConsumerOneIn()) == 0) {
          cons.add(rnd.nextInt(n));
        }
        consumers.put(name, cons);
      }
    }
    Map<Integer, List<Integer>> regionTasks = new LinkedHashMap<>();
    Map<Integer, List<String>> regionConditions = new LinkedHashMap<>();
    if (allowRegions && rnd.nextInt(2) == 0) {
      int owner = rnd.nextInt(n);
      List<Integer> rt = new ArrayList<>();
      List<String> rc = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i != owner && rnd.nextInt(options.regionTaskOneIn()) == 0) {
          rt.add(i);
        }
      }
      for (String c : consumers.keySet()) {
        if (rnd.nextBoolean()) {
          rc.add(c);
        }
      }
      for (String t : outs.get(rnd.nextInt(n))) {
        if (t.startsWith("T") && rnd.nextBoolean()) {
          // an implicit condition of some flow into t
          for (var e : outs.entrySet()) {
            if (e.getValue().contains(t) && rnd.nextBoolean()) {
              String implicit = task(e.getKey()) + "__to__" + t;
              if (!rc.contains(implicit)) {
                rc.add(implicit);
              }
              break;
            }
          }
        }
      }
      if (!rt.isEmpty() || !rc.isEmpty()) {
        regionTasks.put(owner, rt);
        regionConditions.put(owner, rc);
      }
    }

    WorkflowBuilder b =
        Builder.workflow(options.workflowName()).startCondition("start").endCondition("end");
    for (String c : consumers.keySet()) {
      b = b.condition(c);
    }
    for (int i = 0; i < n; i++) {
      b =
          b.task(
              task(i),
              taskFactory.apply(i).withJoinType(joins.get(i)).withSplitType(splits.get(i)));
    }
    b = b.connectCondition("start", to -> to.task(task(0)));
    for (int i = 0; i < n; i++) {
      final int fi = i;
      List<String> targets = new ArrayList<>(outs.get(i));
      b =
          b.connectTask(
              task(i),
              to -> {
                var f = to;
                for (String t : targets) {
                  f = t.startsWith("T") ? f.task(t) : f.condition(t);
                }
                List<Route> routes = new ArrayList<>();
                for (String t : targets) {
                  routes.add(t.startsWith("T") ? Route.toTask(t) : Route.toCondition(t));
                }
                if (splits.get(fi) == SplitType.XOR) {
                  f =
                      f.route(
                          ctx -> router.choose(fi, ctx.task().generation(), routes, false).get(0));
                } else if (splits.get(fi) == SplitType.OR) {
                  f = f.routes(ctx -> router.choose(fi, ctx.task().generation(), routes, true));
                }
                return f;
              });
    }
    for (var e : consumers.entrySet()) {
      List<Integer> cons = new ArrayList<>(e.getValue());
      b =
          b.connectCondition(
              e.getKey(),
              to -> {
                var f = to;
                for (int t : cons) {
                  f = f.task(task(t));
                }
                return f;
              });
    }
    for (var e : regionTasks.entrySet()) {
      List<Integer> rt = e.getValue();
      List<String> rc = regionConditions.get(e.getKey());
      b =
          b.withCancellationRegion(
              task(e.getKey()),
              r -> {
                var f = r;
                for (int t : rt) {
                  f = f.task(task(t));
                }
                for (String c : rc) {
                  f = f.condition(c);
                }
                return f;
              });
    }
    Map<Integer, List<String>> outLists = new LinkedHashMap<>();
    outs.forEach((k, v) -> outLists.put(k, List.copyOf(v)));
    Map<String, List<Integer>> consLists = new LinkedHashMap<>();
    consumers.forEach((k, v) -> consLists.put(k, List.copyOf(v)));
    return new Net(
        b.build(), new Shape(n, joins, splits, outLists, consLists, regionTasks, regionConditions));
  }

  /**
   * Chooses routes for the split of task {@code task} completing at {@code generation}: exactly one
   * for XOR ({@code many == false}), one or more for OR.
   */
  @FunctionalInterface
  public interface GenerationRouter {
    List<Route> choose(int task, int generation, List<Route> candidates, boolean many);
  }

  /**
   * Chooses routes for a split: exactly one for XOR ({@code many == false}), one or more for OR.
   */
  @FunctionalInterface
  public interface RouterFactory {
    List<Route> choose(int task, List<Route> candidates, boolean many);
  }
}

package dev.tasquencer.reference;

import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.testing.RandomNets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static net the reference interprets, derived from a {@link RandomNets.Shape} alone (not from
 * the engine's compiled definition): task names, joins and splits, the input conditions of every
 * task in flow declaration order, its output conditions in route order, and cancellation regions.
 */
final class RefNet {
  final int tasks;
  final List<String> taskNames = new ArrayList<>();
  final JoinType[] joins;
  final SplitType[] splits;

  /** Condition names; the index of a condition is its position here. */
  final List<String> conditions = new ArrayList<>();

  final int start;
  final int end;
  final int[][] inputs;
  final int[][] outputs;
  final int[][] regionTasks;
  final int[][] regionConditions;

  /** How many work items a task's {@code onEnabled} initializes. */
  final int[] itemsPerEnablement;

  private final Map<String, Integer> conditionIndex = new LinkedHashMap<>();

  private RefNet(RandomNets.Shape shape, int[] itemsPerEnablement) {
    tasks = shape.tasks();
    joins = shape.joins().toArray(new JoinType[0]);
    splits = shape.splits().toArray(new SplitType[0]);
    this.itemsPerEnablement = new int[tasks];
    for (int i = 0; i < tasks; i++) {
      taskNames.add(RandomNets.task(i));
      this.itemsPerEnablement[i] = itemsPerEnablement[i];
    }
    start = condition("start");
    end = condition("end");
    shape.conditionConsumers().keySet().forEach(this::condition);

    // Flows are declared in this order by RandomNets: start -> T0, then every task's outputs
    // (task by task, targets in order), then every explicit condition's consumers.
    List<List<Integer>> in = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      in.add(new ArrayList<>());
    }
    in.get(0).add(start);
    outputs = new int[tasks][];
    for (int i = 0; i < tasks; i++) {
      List<String> targets = shape.outputs().get(i);
      outputs[i] = new int[targets.size()];
      for (int k = 0; k < targets.size(); k++) {
        String target = targets.get(k);
        if (target.startsWith("T")) {
          int c = condition(RandomNets.task(i) + "__to__" + target);
          outputs[i][k] = c;
          in.get(Integer.parseInt(target.substring(1))).add(c);
        } else {
          outputs[i][k] = condition(target);
        }
      }
    }
    for (var e : shape.conditionConsumers().entrySet()) {
      for (int t : e.getValue()) {
        in.get(t).add(condition(e.getKey()));
      }
    }
    inputs = new int[tasks][];
    for (int i = 0; i < tasks; i++) {
      inputs[i] = in.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    regionTasks = new int[tasks][];
    regionConditions = new int[tasks][];
    for (int i = 0; i < tasks; i++) {
      regionTasks[i] =
          shape.regionTasks().getOrDefault(i, List.of()).stream()
              .mapToInt(Integer::intValue)
              .toArray();
      regionConditions[i] =
          shape.regionConditions().getOrDefault(i, List.of()).stream()
              .mapToInt(this::existingCondition)
              .toArray();
    }
  }

  static RefNet of(RandomNets.Shape shape, int[] itemsPerEnablement) {
    return new RefNet(shape, itemsPerEnablement);
  }

  private int condition(String name) {
    return conditionIndex.computeIfAbsent(
        name,
        n -> {
          conditions.add(n);
          return conditions.size() - 1;
        });
  }

  private int existingCondition(String name) {
    Integer i = conditionIndex.get(name);
    if (i == null) {
      throw new IllegalArgumentException("region names an unknown condition " + name);
    }
    return i;
  }

  String taskName(int t) {
    return taskNames.get(t);
  }

  String conditionName(int c) {
    return conditions.get(c);
  }

  /** A readable description of the net, for failure messages. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < tasks; t++) {
      sb.append("  ")
          .append(taskName(t))
          .append(" join=")
          .append(joins[t])
          .append(" split=")
          .append(splits[t])
          .append(" items=")
          .append(itemsPerEnablement[t])
          .append(" in=")
          .append(names(inputs[t]))
          .append(" out=")
          .append(names(outputs[t]));
      if (regionTasks[t].length > 0 || regionConditions[t].length > 0) {
        List<String> region = new ArrayList<>();
        for (int r : regionTasks[t]) {
          region.add(taskName(r));
        }
        region.addAll(names(regionConditions[t]));
        sb.append(" region=").append(region);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private List<String> names(int[] conditionIndices) {
    List<String> out = new ArrayList<>();
    for (int c : conditionIndices) {
      out.add(conditionName(c));
    }
    return out;
  }
}

package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two BPMN peers do alike: each workload starts one of the processes {@link Bpmn} writes,
 * by key and with the same variables. The engine calls themselves (starting, completing, querying)
 * stay in {@link FlowableSubject} and {@link CamundaSubject}: their APIs look alike but are
 * different types.
 */
abstract class BpmnSubject implements Subject {
  private final String id;
  private final CountingDataSource dataSource;

  BpmnSubject(String id, CountingDataSource dataSource) {
    this.id = id;
    this.dataSource = dataSource;
  }

  /** Starts an instance of the process {@code key}: one engine call. Returns the instance. */
  abstract Object start(String key, Map<String, Object> variables);

  /** The id of the single open task of an instance (W4's user task A). */
  abstract String openTaskId(Object instance);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final CountingDataSource dataSource() {
    return dataSource;
  }

  @Override
  public final Object oneTaskManyItems(int n) {
    return start("w1", Map.of("n", n));
  }

  @Override
  public final Object sequenceOfTen() {
    return start("w2", Map.of());
  }

  @Override
  public final Object andSplitJoin() {
    return start("w3", Map.of());
  }

  @Override
  public final List<Object> waitingInstances(int k) {
    List<Object> tasks = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      tasks.add(openTaskId(start("w4", Map.of())));
    }
    return tasks;
  }

  @Override
  public final Object splitJoinNet(boolean orJoin, List<Integer> branches) {
    Map<String, Object> vars = new HashMap<>();
    for (int b = 1; b <= W5_BRANCHES; b++) {
      vars.put("b" + b, branches.contains(b));
    }
    return start(orJoin ? "w5or" : "w5and", vars);
  }
}

package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import java.util.List;

/**
 * An engine under test, on its own database, with the benchmark's processes deployed. Every method
 * is one engine call (one transaction) unless it says otherwise; every automatic work item or
 * service task ticks {@link dev.tasquencer.bench.measure.Probe}.
 */
public interface Subject extends AutoCloseable {

  /** "tasquencer", "flowable" or "camunda". */
  String id();

  /** The counting data source the engine runs on. */
  CountingDataSource dataSource();

  /** W1: one call in which {@code n} automatically completed work items run. Returns a handle. */
  Object oneTaskManyItems(int n);

  /** W2: one instance of a sequence of 10 automatic tasks, run to its end in one call. */
  Object sequenceOfTen();

  /** W3: one instance of an AND-split into 4 automatic branches and an AND-join. */
  Object andSplitJoin();

  /**
   * W4 set-up (several calls, not measured): {@code k} instances, each waiting at its first task
   * with a started work item (a user task for the BPMN engines). Returns one handle per instance.
   */
  List<Object> waitingInstances(int k);

  /** W4: the external event: completes the waiting work item of an instance. */
  void completeWaiting(Object handle);

  /**
   * W5: one instance of the 20-task net: an OR-split to {@code branches} of 6 three-task branches
   * and an OR-join (inclusive gateways), or with {@code orJoin} false an AND-split to all 6 and an
   * AND-join (parallel gateways).
   */
  Object splitJoinNet(boolean orJoin, List<Integer> branches);

  /** Whether the instance behind a handle reached its end (checked outside measurements). */
  boolean ended(Object handle);

  /** Whether the W4 instance behind a handle now waits at its second task. */
  boolean waitsAtSecond(Object handle);

  /** Human-readable settings: history level, id generator, batching... */
  String settings();

  /**
   * The history level the engine runs at, read from its configuration: "none", "activity", "audit"
   * or "full" (the BPMN peers' level names are the same).
   */
  String history();

  @Override
  void close();

  /** The tasks of W5's net, in order: S, the branches' tasks, J. */
  static List<String> w5Tasks() {
    List<String> tasks = new java.util.ArrayList<>();
    tasks.add("S");
    for (int b = 1; b <= W5_BRANCHES; b++) {
      for (int t = 1; t <= W5_BRANCH_LENGTH; t++) {
        tasks.add(w5Task(b, t));
      }
    }
    tasks.add("J");
    return tasks;
  }

  int W5_BRANCHES = 6;
  int W5_BRANCH_LENGTH = 3;

  static String w5Task(int branch, int step) {
    return "B" + branch + "_" + step;
  }
}

package dev.tasquencer.bench;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one benchmark run does: sizes, repetitions and budgets.
 *
 * @param mode "full", "quick" or "smoke"
 * @param warmups unmeasured runs before the measured ones, per engine and cell
 * @param runs measured runs per engine and cell (the median is taken over them)
 * @param w1Sizes W1's numbers of work items
 * @param w2Instances W2 instances per run
 * @param w3Instances W3 instances per run
 * @param w4Events W4 events per run
 * @param w5Instances W5 instances per run (each variant)
 * @param rawSingle transitions per run of the raw limit with one transition per transaction
 * @param rawHundred transitions per run of the raw limit with 100 per transaction
 * @param skipAfterSeconds a peer skips W1's next size when a run of the previous size took longer
 * @param sizeBudgetSeconds a peer skips W1's next size when its predicted runs would take longer
 *     than this in all
 * @param minRunSeconds W2-W5 runs (and the raw reference's runs) do more instances, events or
 *     transitions than planned when needed to last at least this long (the count is chosen per
 *     participant from its last warm-up run)
 * @param w6Roots W6: finished root workflows preloaded into the instance tables
 * @param history our engine's history level ("audit" by default, the level the peers run at)
 * @param noneWorkloads the workloads in which our engine also runs at history level none, on a
 *     database of its own, taking turns with the others, for comparison (empty when {@code history}
 *     is none)
 */
public record Plan(
    String mode,
    int warmups,
    int runs,
    List<Integer> w1Sizes,
    int w2Instances,
    int w3Instances,
    int w4Events,
    int w5Instances,
    int rawSingle,
    int rawHundred,
    double skipAfterSeconds,
    double sizeBudgetSeconds,
    double minRunSeconds,
    List<DbKind> dbs,
    Set<String> engines,
    Set<String> workloads,
    int w6Roots,
    String history,
    Set<String> noneWorkloads) {

  public static final List<String> ALL_ENGINES = List.of("tasquencer", "flowable", "camunda");
  public static final List<String> ALL_WORKLOADS =
      List.of("RAW", "W1", "W2", "W3", "W4", "W5", "W6", "W7");

  /** The workloads our engine can also run at history level none in (one unit per call). */
  public static final List<String> NONE_WORKLOADS = List.of("W2", "W3", "W4", "W5");

  /** The workloads our engine also runs at history level none in, unless told otherwise. */
  public static final Set<String> DEFAULT_NONE_WORKLOADS = Set.of("W2", "W4");

  public static Plan full() {
    return new Plan(
        "full",
        2,
        5,
        List.of(1_000, 10_000, 100_000),
        150,
        150,
        100,
        30,
        1_000,
        10_000,
        60,
        240,
        1.0,
        List.of(DbKind.H2, DbKind.POSTGRES),
        Set.copyOf(ALL_ENGINES),
        Set.copyOf(ALL_WORKLOADS),
        1_000_000,
        "audit",
        DEFAULT_NONE_WORKLOADS);
  }

  public static Plan quick() {
    return new Plan(
        "quick",
        1,
        5,
        List.of(1_000, 10_000),
        30,
        30,
        30,
        6,
        200,
        2_000,
        60,
        6,
        0.15,
        List.of(DbKind.H2, DbKind.POSTGRES),
        Set.copyOf(ALL_ENGINES),
        Set.copyOf(ALL_WORKLOADS),
        100_000,
        "audit",
        DEFAULT_NONE_WORKLOADS);
  }

  /** Tiny sizes, for the module's tests. */
  public static Plan smoke() {
    return new Plan(
        "smoke",
        1,
        5,
        List.of(10),
        2,
        2,
        2,
        1,
        10,
        100,
        60,
        20,
        0,
        List.of(DbKind.H2),
        Set.copyOf(ALL_ENGINES),
        Set.copyOf(ALL_WORKLOADS),
        50,
        "audit",
        DEFAULT_NONE_WORKLOADS);
  }

  public Plan withDbs(List<DbKind> d) {
    return change(x -> x.dbs = d);
  }

  public Plan withEngines(Set<String> e) {
    return change(x -> x.engines = e);
  }

  public Plan withWorkloads(Set<String> w) {
    return change(x -> x.workloads = w);
  }

  public Plan withW1Sizes(List<Integer> s) {
    return change(x -> x.w1Sizes = s);
  }

  public Plan withRuns(int warm, int measured) {
    return change(
        x -> {
          x.warmups = warm;
          x.runs = measured;
        });
  }

  public Plan withW6Roots(int roots) {
    return change(x -> x.w6Roots = roots);
  }

  public Plan withHistory(String level) {
    return change(x -> x.history = level);
  }

  public Plan withNoneWorkloads(Set<String> w) {
    return change(x -> x.noneWorkloads = w);
  }

  /**
   * Whether our engine also runs at history level none in {@code workload}: asked for, and our
   * level is another one.
   */
  public boolean alsoAtNone(String workload) {
    return !history.equals("none") && noneWorkloads.contains(workload);
  }

  private Plan change(Consumer<Fields> f) {
    Fields x = new Fields(this);
    f.accept(x);
    return x.plan();
  }

  /** A plan's fields, to change some of them. */
  private static final class Fields {
    String mode;
    int warmups;
    int runs;
    List<Integer> w1Sizes;
    int w2Instances;
    int w3Instances;
    int w4Events;
    int w5Instances;
    int rawSingle;
    int rawHundred;
    double skipAfterSeconds;
    double sizeBudgetSeconds;
    double minRunSeconds;
    List<DbKind> dbs;
    Set<String> engines;
    Set<String> workloads;
    int w6Roots;
    String history;
    Set<String> noneWorkloads;

    Fields(Plan p) {
      mode = p.mode;
      warmups = p.warmups;
      runs = p.runs;
      w1Sizes = p.w1Sizes;
      w2Instances = p.w2Instances;
      w3Instances = p.w3Instances;
      w4Events = p.w4Events;
      w5Instances = p.w5Instances;
      rawSingle = p.rawSingle;
      rawHundred = p.rawHundred;
      skipAfterSeconds = p.skipAfterSeconds;
      sizeBudgetSeconds = p.sizeBudgetSeconds;
      minRunSeconds = p.minRunSeconds;
      dbs = p.dbs;
      engines = p.engines;
      workloads = p.workloads;
      w6Roots = p.w6Roots;
      history = p.history;
      noneWorkloads = p.noneWorkloads;
    }

    Plan plan() {
      return new Plan(
          mode,
          warmups,
          runs,
          w1Sizes,
          w2Instances,
          w3Instances,
          w4Events,
          w5Instances,
          rawSingle,
          rawHundred,
          skipAfterSeconds,
          sizeBudgetSeconds,
          minRunSeconds,
          dbs,
          engines,
          workloads,
          w6Roots,
          history,
          noneWorkloads);
    }
  }
}

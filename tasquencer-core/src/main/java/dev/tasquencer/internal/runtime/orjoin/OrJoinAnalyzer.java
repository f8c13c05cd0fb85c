package dev.tasquencer.internal.runtime.orjoin;

import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides OR-joins of one workflow definition. What depends only on the definition (the reset net
 * restricted to the part that can feed each OR-join) is built once per OR-join; decisions are
 * memoized per relevant marking, so a firing does no rebuilding.
 *
 * <p>Places of the full net: one per condition; per task a busy place and an idle place (their sum
 * is 1: a task has at most one active generation); and an {@code alive} place that every transition
 * needs and that a transition marking the end condition consumes (the workflow completes then, so
 * nothing happens afterwards).
 *
 * <p>Transitions: per task, start transitions (AND-join: one consuming a token from each input;
 * XOR-join and any other OR-join: one per input, as YAWL does) and end transitions (AND-split: one
 * producing into every output; XOR-split: one per output; OR-split: one per non-empty subset of the
 * outputs, where only the maximal subsets matter for coverability because producing more tokens
 * never enables less; a subset containing the end condition is kept apart because it stops the
 * workflow). An end transition applies the task's cancellation region: its conditions are emptied,
 * its tasks' busy places emptied and their idle places set to one. The OR-join under analysis has
 * no start transition: the question is what can happen without firing it.
 */
public final class OrJoinAnalyzer {
  private static final int CACHE_LIMIT = 4096;

  private final WorkflowDefinition def;
  private final int conditions;
  private final int tasks;
  private final int alive;
  private final List<ResetNet.Transition> full;
  private final Map<Integer, Analysis> analyses = new ConcurrentHashMap<>();

  public OrJoinAnalyzer(WorkflowDefinition def) {
    this.def = def;
    this.conditions = def.conditions().size();
    this.tasks = def.tasks().size();
    this.alive = conditions + 2 * tasks;
    this.full = buildTransitions();
  }

  private int busy(TaskDefinition t) {
    return conditions + t.index();
  }

  private int idle(TaskDefinition t) {
    return conditions + tasks + t.index();
  }

  private int places() {
    return alive + 1;
  }

  private List<ResetNet.Transition> buildTransitions() {
    List<ResetNet.Transition> out = new ArrayList<>();
    for (TaskDefinition t : def.tasks()) {
      if (t.joinType() == JoinType.AND) {
        int[] in = new int[places()];
        for (ConditionDefinition c : t.inputs()) {
          in[c.index()] += 1;
        }
        out.add(start(t, "start", in));
      } else {
        for (ConditionDefinition c : t.inputs()) {
          int[] in = new int[places()];
          in[c.index()] = 1;
          out.add(start(t, "start^" + c.name(), in));
        }
      }
      for (List<ConditionDefinition> outputs : outputSets(t)) {
        out.add(end(t, outputs));
      }
    }
    return out;
  }

  private ResetNet.Transition start(TaskDefinition t, String name, int[] in) {
    in[idle(t)] += 1;
    in[alive] += 1;
    int[] o = new int[places()];
    o[busy(t)] = 1;
    o[alive] = 1;
    return new ResetNet.Transition(t.name() + "_" + name, t.index(), true, in, o, new int[0]);
  }

  private List<List<ConditionDefinition>> outputSets(TaskDefinition t) {
    List<ConditionDefinition> outs = t.outputs();
    List<List<ConditionDefinition>> sets = new ArrayList<>();
    if (t.splitType() == SplitType.AND) {
      sets.add(outs);
    } else if (t.splitType() == SplitType.XOR) {
      outs.forEach(c -> sets.add(List.of(c)));
    } else {
      // every non-empty subset, reduced to the maximal ones of each kind (with / without end)
      sets.add(outs);
      ConditionDefinition end = def.endCondition();
      if (outs.contains(end) && outs.size() > 1) {
        List<ConditionDefinition> withoutEnd = new ArrayList<>(outs);
        withoutEnd.remove(end);
        sets.add(withoutEnd);
      }
    }
    return sets;
  }

  private ResetNet.Transition end(TaskDefinition t, List<ConditionDefinition> outputs) {
    int[] in = new int[places()];
    in[busy(t)] = 1;
    in[alive] = 1;
    int[] o = new int[places()];
    boolean marksEnd = false;
    for (ConditionDefinition c : outputs) {
      o[c.index()] += 1;
      marksEnd |= c == def.endCondition();
    }
    o[idle(t)] += 1;
    if (!marksEnd) {
      o[alive] = 1;
    }
    List<Integer> reset = new ArrayList<>();
    for (ConditionDefinition c : t.regionConditions()) {
      reset.add(c.index());
    }
    for (TaskDefinition r : t.regionTasks()) {
      reset.add(busy(r));
      reset.add(idle(r));
      o[idle(r)] += 1;
    }
    String name = t.name() + "_end" + outputs.stream().map(ConditionDefinition::name).toList();
    return new ResetNet.Transition(
        name, t.index(), false, in, o, reset.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Whether OR-join {@code join} may fire.
   *
   * @param marking tokens per condition, by condition index
   * @param started whether each task (by index) is started, i.e. has an active generation
   */
  public boolean enabled(TaskDefinition join, int[] marking, boolean[] started) {
    boolean anyMarked = false;
    for (ConditionDefinition c : join.inputs()) {
      anyMarked |= marking[c.index()] > 0;
    }
    if (!anyMarked) {
      return false;
    }
    Analysis a = analyses.computeIfAbsent(join.index(), i -> new Analysis(join));
    return a.enabled(marking, started);
  }

  /** The reset net restricted to what can feed one OR-join, and its memoized decisions. */
  private final class Analysis {
    private final TaskDefinition join;
    private final int[] keep; // restricted place -> full place
    private final int[] position; // full place -> restricted place, or -1
    private final Coverability coverability;
    private final Map<Key, Boolean> decisions = new ConcurrentHashMap<>();

    Analysis(TaskDefinition join) {
      this.join = join;
      List<ResetNet.Transition> candidates = new ArrayList<>();
      for (ResetNet.Transition t : full) {
        if (!(t.start() && t.task() == join.index())) {
          candidates.add(t);
        }
      }
      BitSet placeSet = new BitSet();
      join.inputs().forEach(c -> placeSet.set(c.index()));
      BitSet chosen = new BitSet();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int i = 0; i < candidates.size(); i++) {
          if (chosen.get(i)) {
            continue;
          }
          ResetNet.Transition t = candidates.get(i);
          if (feeds(t, placeSet)) {
            chosen.set(i);
            for (int p = 0; p < t.in().length; p++) {
              if (t.in()[p] > 0) {
                placeSet.set(p);
              }
            }
            changed = true;
          }
        }
      }
      placeSet.set(alive);
      keep = placeSet.stream().toArray();
      position = new int[places()];
      Arrays.fill(position, -1);
      for (int i = 0; i < keep.length; i++) {
        position[keep[i]] = i;
      }
      List<ResetNet.Transition> restricted = new ArrayList<>();
      for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
        restricted.add(project(candidates.get(i)));
      }
      List<String> names = new ArrayList<>();
      for (int p : keep) {
        names.add(placeName(p));
      }
      ResetNet net = new ResetNet(keep.length, names, restricted);
      this.coverability = new Coverability(net, this::exceedsBounds);
    }

    private boolean feeds(ResetNet.Transition t, BitSet placeSet) {
      for (int p = placeSet.nextSetBit(0); p >= 0; p = placeSet.nextSetBit(p + 1)) {
        if (p != alive && t.out()[p] > t.in()[p]) {
          return true;
        }
      }
      return false;
    }

    private ResetNet.Transition project(ResetNet.Transition t) {
      int[] in = new int[keep.length];
      int[] out = new int[keep.length];
      for (int i = 0; i < keep.length; i++) {
        in[i] = t.in()[keep[i]];
        out[i] = t.out()[keep[i]];
      }
      int[] reset =
          Arrays.stream(t.reset()).filter(p -> position[p] >= 0).map(p -> position[p]).toArray();
      return new ResetNet.Transition(t.name(), t.task(), t.start(), in, out, reset);
    }

    /** In every reachable marking: alive is at most 1, busy + idle of a task is exactly 1. */
    private boolean exceedsBounds(int[] m) {
      int a = position[alive];
      if (m[a] > 1) {
        return true;
      }
      for (TaskDefinition t : def.tasks()) {
        int b = position[busy(t)];
        int i = position[idle(t)];
        int sum = (b >= 0 ? m[b] : 0) + (i >= 0 ? m[i] : 0);
        if (sum > 1) {
          return true;
        }
      }
      return false;
    }

    boolean enabled(int[] marking, boolean[] started) {
      int[] m0 = new int[keep.length];
      for (int i = 0; i < keep.length; i++) {
        int p = keep[i];
        if (p < conditions) {
          m0[i] = marking[p];
        } else if (p < conditions + tasks) {
          m0[i] = started[p - conditions] ? 1 : 0;
        } else if (p < alive) {
          m0[i] = started[p - conditions - tasks] ? 0 : 1;
        } else {
          m0[i] = 1;
        }
      }
      Key key = new Key(m0);
      Boolean known = decisions.get(key);
      if (known != null) {
        return known;
      }
      boolean result = decide(m0, marking);
      if (decisions.size() >= CACHE_LIMIT) {
        decisions.clear();
      }
      decisions.put(key, result);
      return result;
    }

    private boolean decide(int[] m0, int[] marking) {
      List<ResetNet.Transition> fireable = coverability.fireable(m0);
      for (ConditionDefinition q : join.inputs()) {
        if (marking[q.index()] > 0) {
          continue;
        }
        int[] target = new int[keep.length];
        for (ConditionDefinition c : join.inputs()) {
          if (marking[c.index()] > 0) {
            target[position[c.index()]] = 1;
          }
        }
        target[position[q.index()]] = 1;
        if (coverability.coverable(m0, target, fireable)) {
          return false; // an empty input can still receive a token: wait
        }
      }
      return true;
    }
  }

  private String placeName(int p) {
    if (p < conditions) {
      return def.conditions().get(p).name();
    }
    if (p < conditions + tasks) {
      return "busy_" + def.tasks().get(p - conditions).name();
    }
    if (p < alive) {
      return "idle_" + def.tasks().get(p - conditions - tasks).name();
    }
    return "alive";
  }

  @SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare the contents
  private record Key(int[] marking) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(marking, k.marking);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(marking);
    }

    @Override
    public String toString() {
      return Arrays.toString(marking);
    }
  }
}

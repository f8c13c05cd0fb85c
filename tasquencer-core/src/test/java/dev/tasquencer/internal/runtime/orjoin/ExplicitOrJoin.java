package dev.tasquencer.internal.runtime.orjoin;

import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An independent OR-join decision by explicit forward search of the states reachable under the
 * engine's rules: a task starts when its join holds (XOR-joins and other OR-joins: from any one
 * marked input, the abstraction the analysis documents), at most once at a time; a started task
 * ends into every allowed output set (every non-empty subset for an OR-split), applying its
 * cancellation region first; marking the end condition stops everything. The OR-join may fire iff
 * no reachable state keeps its marked inputs marked and marks an input that is empty now.
 *
 * <p>Returns empty when the search hit its limits (token cap or state count) without an answer.
 */
final class ExplicitOrJoin {
  private static final int TOKEN_CAP = 5;
  private static final int STATE_LIMIT = 50_000;

  private record State(int[] marking, boolean[] started) {
    @Override
    public boolean equals(Object o) {
      return o instanceof State s
          && Arrays.equals(marking, s.marking)
          && Arrays.equals(started, s.started);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(marking) + Arrays.hashCode(started);
    }
  }

  private ExplicitOrJoin() {}

  static Optional<Boolean> enabled(
      WorkflowDefinition def, TaskDefinition join, int[] marking, boolean[] started) {
    List<ConditionDefinition> inputs = join.inputs();
    boolean anyMarked = inputs.stream().anyMatch(c -> marking[c.index()] > 0);
    if (!anyMarked) {
      return Optional.of(false);
    }
    Set<State> seen = new HashSet<>();
    Deque<State> todo = new ArrayDeque<>();
    State init = new State(marking.clone(), started.clone());
    seen.add(init);
    todo.add(init);
    boolean truncated = false;
    while (!todo.isEmpty()) {
      State s = todo.poll();
      for (State n : successors(def, join, s)) {
        if (covers(join, marking, n)) {
          return Optional.of(false);
        }
        if (n.marking[def.endCondition().index()] > 0) {
          continue; // the workflow completed: nothing happens afterwards
        }
        if (Arrays.stream(n.marking).anyMatch(v -> v > TOKEN_CAP)) {
          truncated = true;
          continue;
        }
        if (seen.add(n)) {
          if (seen.size() > STATE_LIMIT) {
            return Optional.empty();
          }
          todo.add(n);
        }
      }
    }
    return truncated ? Optional.empty() : Optional.of(true);
  }

  private static boolean covers(TaskDefinition join, int[] now, State s) {
    boolean newInput = false;
    for (ConditionDefinition c : join.inputs()) {
      int i = c.index();
      if (now[i] > 0 && s.marking[i] == 0) {
        return false;
      }
      if (now[i] == 0 && s.marking[i] > 0) {
        newInput = true;
      }
    }
    return newInput;
  }

  private static List<State> successors(WorkflowDefinition def, TaskDefinition join, State s) {
    List<State> out = new ArrayList<>();
    for (TaskDefinition t : def.tasks()) {
      int ti = t.index();
      if (!s.started[ti]) {
        if (t == join) {
          continue;
        }
        if (t.joinType() == JoinType.AND) {
          if (t.inputs().stream().allMatch(c -> s.marking[c.index()] > 0)) {
            int[] m = s.marking.clone();
            t.inputs().forEach(c -> m[c.index()]--);
            boolean[] st = s.started.clone();
            st[ti] = true;
            out.add(new State(m, st));
          }
        } else {
          for (ConditionDefinition c : t.inputs()) {
            if (s.marking[c.index()] > 0) {
              int[] m = s.marking.clone();
              m[c.index()]--;
              boolean[] st = s.started.clone();
              st[ti] = true;
              out.add(new State(m, st));
            }
          }
        }
      } else {
        for (List<ConditionDefinition> set : outputSets(t)) {
          int[] m = s.marking.clone();
          boolean[] st = s.started.clone();
          st[ti] = false;
          for (TaskDefinition r : t.regionTasks()) {
            st[r.index()] = false;
          }
          for (ConditionDefinition c : t.regionConditions()) {
            m[c.index()] = 0;
          }
          for (ConditionDefinition c : set) {
            m[c.index()]++;
          }
          out.add(new State(m, st));
        }
      }
    }
    return out;
  }

  private static List<List<ConditionDefinition>> outputSets(TaskDefinition t) {
    List<ConditionDefinition> outs = t.outputs();
    List<List<ConditionDefinition>> sets = new ArrayList<>();
    if (t.splitType() == SplitType.AND) {
      sets.add(outs);
    } else if (t.splitType() == SplitType.XOR) {
      outs.forEach(c -> sets.add(List.of(c)));
    } else {
      for (int mask = 1; mask < (1 << outs.size()); mask++) {
        List<ConditionDefinition> set = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
          if ((mask & (1 << i)) != 0) {
            set.add(outs.get(i));
          }
        }
        sets.add(set);
      }
    }
    return sets;
  }
}

package dev.tasquencer.reference;

import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference's OR-join decision (decisions.md D9), by explicit forward search over abstract
 * states (token counts per condition, the set of started tasks), without the engine's analyzer.
 *
 * <p>From the current state, without ever starting the OR-join itself: a task that is not started
 * may start when its join holds (AND: one token from every input; XOR-joins and the other OR-joins:
 * one token from any one marked input, the documented abstraction), and is then busy until it ends;
 * a started task may end, first applying its cancellation region (region tasks stop being busy,
 * region conditions are emptied), then producing one token into each condition of any output set
 * its split allows (AND: all, XOR: any one, OR: any non-empty subset). A state whose end condition
 * is marked is final (the workflow completes). The OR-join fires iff no reachable state keeps every
 * currently marked input marked and marks an input that is empty now.
 *
 * <p>The search is bounded (token count per condition, states per search, states of all searches of
 * the instance): when a bound cuts it off before an answer is certain, it throws {@link
 * Inconclusive}.
 */
final class RefOrJoin {
  static final int TOKEN_CAP = 4;
  static final int STATE_LIMIT = 5_000;

  /** States all searches of one workflow instance may visit together: bounds a run's time. */
  static final int BUDGET = 100_000;

  /** The bounded search could not decide. */
  static final class Inconclusive extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Inconclusive(String message) {
      super(message, null, false, false);
    }
  }

  private final RefNet net;
  private int budget = BUDGET;

  RefOrJoin(RefNet net) {
    this.net = net;
  }

  private record State(int[] marking, boolean[] busy) {
    @Override
    public boolean equals(Object o) {
      return o instanceof State s
          && Arrays.equals(marking, s.marking)
          && Arrays.equals(busy, s.busy);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(marking) * 17 + Arrays.hashCode(busy);
    }
  }

  /** Whether OR-join {@code join} (not started) may fire in the given state. */
  boolean fires(int join, int[] marking, boolean[] started) {
    int[] in = net.inputs[join];
    boolean anyMarked = false;
    for (int c : in) {
      anyMarked |= marking[c] > 0;
    }
    if (!anyMarked) {
      return false;
    }
    State first = new State(marking.clone(), started.clone());
    Set<State> seen = new HashSet<>();
    seen.add(first);
    Deque<State> frontier = new ArrayDeque<>();
    frontier.add(first);
    boolean cut = false;
    while (!frontier.isEmpty()) {
      State s = frontier.poll();
      for (State next : successors(join, s)) {
        if (waitsFor(join, marking, next)) {
          return false;
        }
        if (next.marking[net.end] > 0) {
          continue;
        }
        if (overCap(next.marking)) {
          cut = true;
          continue;
        }
        if (seen.add(next)) {
          if (--budget < 0) {
            throw new Inconclusive("OR-join searches of this instance used up their budget");
          }
          if (seen.size() > STATE_LIMIT) {
            throw new Inconclusive(
                "OR-join search of " + net.taskName(join) + " hit the state limit");
          }
          frontier.add(next);
        }
      }
    }
    if (cut) {
      throw new Inconclusive("OR-join search of " + net.taskName(join) + " hit the token cap");
    }
    return true;
  }

  /** A state in which every input marked now is still marked and an empty input got a token. */
  private boolean waitsFor(int join, int[] now, State s) {
    boolean gained = false;
    for (int c : net.inputs[join]) {
      if (now[c] > 0 && s.marking[c] == 0) {
        return false;
      }
      gained |= now[c] == 0 && s.marking[c] > 0;
    }
    return gained;
  }

  private static boolean overCap(int[] marking) {
    for (int m : marking) {
      if (m > TOKEN_CAP) {
        return true;
      }
    }
    return false;
  }

  private List<State> successors(int join, State s) {
    List<State> out = new ArrayList<>();
    for (int t = 0; t < net.tasks; t++) {
      if (s.busy[t]) {
        for (int[] produced : outputSets(t)) {
          int[] m = s.marking.clone();
          boolean[] busy = s.busy.clone();
          busy[t] = false;
          for (int r : net.regionTasks[t]) {
            busy[r] = false;
          }
          for (int c : net.regionConditions[t]) {
            m[c] = 0;
          }
          for (int c : produced) {
            m[c]++;
          }
          out.add(new State(m, busy));
        }
      } else if (t != join) {
        int[] in = net.inputs[t];
        if (net.joins[t] == JoinType.AND) {
          boolean all = true;
          for (int c : in) {
            all &= s.marking[c] > 0;
          }
          if (all) {
            int[] m = s.marking.clone();
            for (int c : in) {
              m[c]--;
            }
            out.add(started(s, t, m));
          }
        } else {
          for (int c : in) {
            if (s.marking[c] > 0) {
              int[] m = s.marking.clone();
              m[c]--;
              out.add(started(s, t, m));
            }
          }
        }
      }
    }
    return out;
  }

  private static State started(State s, int t, int[] marking) {
    boolean[] busy = s.busy.clone();
    busy[t] = true;
    return new State(marking, busy);
  }

  private List<int[]> outputSets(int t) {
    int[] outs = net.outputs[t];
    List<int[]> sets = new ArrayList<>();
    if (net.splits[t] == SplitType.AND) {
      sets.add(outs);
    } else if (net.splits[t] == SplitType.XOR) {
      for (int c : outs) {
        sets.add(new int[] {c});
      }
    } else {
      for (int mask = 1; mask < (1 << outs.length); mask++) {
        int[] set = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int i = 0; i < outs.length; i++) {
          if ((mask & (1 << i)) != 0) {
            set[k++] = outs[i];
          }
        }
        sets.add(set);
      }
    }
    return sets;
  }
}

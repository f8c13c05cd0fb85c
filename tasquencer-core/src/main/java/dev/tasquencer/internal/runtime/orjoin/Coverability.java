package dev.tasquencer.internal.runtime.orjoin;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Backward coverability on a reset net: is a marking at least {@code target} reachable from {@code
 * initial}? Computes the minimal basis of the (upward-closed) set of markings from which the target
 * can be covered, predecessor by predecessor, and stops as soon as one basis element lies below the
 * initial marking.
 *
 * <p>The predecessor of {@code m} through transition {@code t} exists when every reset place of
 * {@code t} holds in {@code m} at most what {@code t} puts there; it is {@code max(m - out, 0) +
 * in} outside the reset places and {@code in} on them.
 *
 * <p>Two prunings keep the search small without changing its answer: only transitions that can ever
 * fire from the initial marking are used (a forward closure over the places that can become
 * marked), and predecessors that exceed bounds holding in every reachable marking are dropped.
 * Smaller candidates are expanded first, so that dominated ones are discarded early.
 */
final class Coverability {
  private final ResetNet net;
  private final Bounds bounds;

  /** Place bounds that hold in every reachable marking; predecessors beyond them are useless. */
  interface Bounds {
    boolean exceeded(int[] marking);
  }

  Coverability(ResetNet net, Bounds bounds) {
    this.net = net;
    this.bounds = bounds;
  }

  static boolean leq(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
    }
    return true;
  }

  private static int size(int[] m) {
    int s = 0;
    for (int v : m) {
      s += v;
    }
    return s;
  }

  /** The transitions that can fire in some marking reachable from {@code initial}. */
  List<ResetNet.Transition> fireable(int[] initial) {
    boolean[] marked = new boolean[net.places()];
    for (int p = 0; p < marked.length; p++) {
      marked[p] = initial[p] > 0;
    }
    List<ResetNet.Transition> all = net.transitions();
    boolean[] chosen = new boolean[all.size()];
    List<ResetNet.Transition> out = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < all.size(); i++) {
        if (chosen[i]) {
          continue;
        }
        ResetNet.Transition t = all.get(i);
        boolean ready = true;
        for (int p = 0; p < marked.length && ready; p++) {
          ready = t.in()[p] == 0 || marked[p];
        }
        if (ready) {
          chosen[i] = true;
          out.add(t);
          for (int p = 0; p < marked.length; p++) {
            if (t.out()[p] > 0) {
              marked[p] = true;
            }
          }
          changed = true;
        }
      }
    }
    return out;
  }

  boolean coverable(int[] initial, int[] target) {
    return coverable(initial, target, fireable(initial));
  }

  boolean coverable(int[] initial, int[] target, List<ResetNet.Transition> transitions) {
    if (leq(target, initial)) {
      return true;
    }
    List<int[]> basis = new ArrayList<>();
    basis.add(target);
    PriorityQueue<int[]> work = new PriorityQueue<>((a, b) -> Integer.compare(size(a), size(b)));
    work.add(target);
    while (!work.isEmpty()) {
      int[] m = work.poll();
      if (!contains(basis, m)) {
        continue; // superseded by a smaller element meanwhile
      }
      for (ResetNet.Transition t : transitions) {
        int[] p = predecessor(m, t);
        if (p == null || bounds.exceeded(p)) {
          continue;
        }
        if (leq(p, initial)) {
          return true;
        }
        if (covered(basis, p)) {
          continue;
        }
        basis.removeIf(b -> leq(p, b));
        basis.add(p);
        work.add(p);
      }
    }
    return false;
  }

  private static boolean contains(List<int[]> basis, int[] m) {
    for (int[] b : basis) {
      if (b == m) {
        return true;
      }
    }
    return false;
  }

  private static boolean covered(List<int[]> basis, int[] p) {
    for (int[] b : basis) {
      if (leq(b, p)) {
        return true;
      }
    }
    return false;
  }

  static int @Nullable [] predecessor(int[] m, ResetNet.Transition t) {
    int[] in = t.in();
    int[] out = t.out();
    for (int r : t.reset()) {
      if (m[r] > out[r]) {
        return null; // after t, a reset place holds exactly what t puts there
      }
    }
    int[] p = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      p[i] = Math.max(m[i] - out[i], 0) + in[i];
    }
    for (int r : t.reset()) {
      p[r] = in[r];
    }
    return p;
  }
}

package dev.tasquencer.runtime.orjoin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Backward coverability on a reset net: is a marking at least {@code target} reachable from {@code
 * initial}? Computes the minimal basis of the (upward-closed) set of markings from which the target
 * can be covered, predecessor by predecessor, and stops as soon as one basis element lies below the
 * initial marking.
 *
 * <p>The predecessor of {@code m} through transition {@code t} exists when every reset place of
 * {@code t} holds in {@code m} at most what {@code t} puts there; it is {@code max(m - out, 0) + in}
 * outside the reset places and {@code in} on them.
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

  boolean coverable(int[] initial, int[] target) {
    if (leq(target, initial)) {
      return true;
    }
    List<int[]> basis = new ArrayList<>();
    basis.add(target);
    Deque<int[]> work = new ArrayDeque<>();
    work.push(target);
    while (!work.isEmpty()) {
      int[] m = work.pop();
      if (!contains(basis, m)) {
        continue; // superseded by a smaller element meanwhile
      }
      for (ResetNet.Transition t : net.transitions()) {
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
        work.push(p);
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

  static int[] predecessor(int[] m, ResetNet.Transition t) {
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

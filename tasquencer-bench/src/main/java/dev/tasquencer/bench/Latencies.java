package dev.tasquencer.bench;

import java.util.Arrays;
import java.util.List;

/** Quantiles of per-unit latencies pooled over runs. */
final class Latencies {
  private Latencies() {}

  /**
   * The {@code q}-quantile (0 &lt; q &le; 1) of all the latencies, nearest rank: the smallest value
   * with at least {@code q} of the values at or below it; in microseconds; NaN when there are none.
   */
  static double quantileMicros(List<long[]> runs, double q) {
    int n = 0;
    for (long[] r : runs) {
      n += r.length;
    }
    if (n == 0) {
      return Double.NaN;
    }
    long[] all = new long[n];
    int at = 0;
    for (long[] r : runs) {
      System.arraycopy(r, 0, all, at, r.length);
      at += r.length;
    }
    Arrays.sort(all);
    int rank = (int) Math.ceil(q * n);
    return all[Math.max(1, Math.min(n, rank)) - 1] / 1e3;
  }
}

package dev.tasquencer.bench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures how finely the CPU clocks the benchmark reads advance: a clock is read in a busy loop
 * until it has moved a few times, and its resolution is the smallest step seen. A CPU figure of a
 * run is only as good as a few of these steps over the run's CPU time.
 */
public final class ClockResolution {
  /** Changes of a clock to observe. */
  private static final int STEPS = 8;

  /** Longest time to spin on one clock. */
  private static final long BUDGET_NANOS = 2_000_000_000L;

  private ClockResolution() {}

  /**
   * The resolution of the two CPU clocks, in nanoseconds: the JVM's process CPU time and the
   * per-process CPU time of {@code /proc/[pid]/stat} that the PostgreSQL backends are read with
   * (measured on this JVM's own process). A clock that did not move within the budget is absent.
   */
  public static Map<String, Object> measure() {
    Map<String, Object> m = new LinkedHashMap<>();
    long jvm = resolution(Meter::jvmCpuNanos);
    if (jvm > 0) {
      m.put("jvmProcessCpuNanos", jvm);
    }
    if (Meter.canReadProcessCpu()) {
      long proc = resolution(Meter::ownProcStatCpuNanos);
      if (proc > 0) {
        m.put("procStatCpuNanos", proc);
      }
    }
    return m;
  }

  /** The smallest step of a clock read in a busy loop, or -1 when it did not move. */
  static long resolution(LongSupplier clock) {
    long[] readings = new long[STEPS + 1];
    int seen = 0;
    long last = clock.getAsLong();
    readings[seen++] = last;
    long until = System.nanoTime() + BUDGET_NANOS;
    while (seen < readings.length && System.nanoTime() < until) {
      long now = clock.getAsLong();
      if (now != last) {
        readings[seen++] = now;
        last = now;
      }
    }
    long[] got = new long[seen];
    System.arraycopy(readings, 0, got, 0, seen);
    return smallestStep(got);
  }

  /**
   * The smallest positive difference between consecutive readings, or -1 when there is none. The
   * first step is left out when there are others: the clock may have moved just before the first
   * reading, so it can be shorter than a whole step.
   */
  static long smallestStep(long[] readings) {
    long best = -1;
    for (int i = 1; i < readings.length; i++) {
      if (i == 1 && readings.length > 2) {
        continue;
      }
      long d = readings[i] - readings[i - 1];
      if (d > 0 && (best < 0 || d < best)) {
        best = d;
      }
    }
    return best;
  }
}

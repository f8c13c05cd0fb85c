package dev.tasquencer.bench.measure;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The measured runs of one engine in one cell, summarized: median, min and max of the rate, and the
 * medians of the per-unit costs.
 */
public record Summary(
    int runs,
    double medianPerSecond,
    double minPerSecond,
    double maxPerSecond,
    double medianMicrosPerUnit,
    double minMicrosPerUnit,
    double maxMicrosPerUnit,
    double medianPerCpuSecond,
    double cpuMicrosPerUnit,
    double jvmCpuMicrosPerUnit,
    double dbCpuMicrosPerUnit,
    double statementsPerUnit,
    double roundTripsPerUnit,
    double commitsPerUnit,
    double connectionsPerUnit,
    double allocatedBytesPerUnit,
    double medianRunSeconds) {

  public static Summary of(List<Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] rate = values(samples, Sample::unitsPerSecond);
    double[] micros = values(samples, Sample::microsPerUnit);
    return new Summary(
        samples.size(),
        median(rate),
        rate[0],
        rate[rate.length - 1],
        median(micros),
        micros[0],
        micros[micros.length - 1],
        median(values(samples, Sample::unitsPerCpuSecond)),
        median(values(samples, s -> s.cpuSeconds() * 1e6 / s.units())),
        median(values(samples, s -> s.jvmCpuNanos() / 1e3 / s.units())),
        median(values(samples, s -> s.dbCpuNanos() / 1e3 / s.units())),
        median(values(samples, s -> s.perUnit(s.jdbc().statements()))),
        median(values(samples, s -> s.perUnit(s.jdbc().roundTrips()))),
        median(values(samples, s -> s.perUnit(s.jdbc().transactions()))),
        median(values(samples, s -> s.perUnit(s.jdbc().connections()))),
        median(values(samples, s -> s.perUnit(s.allocatedBytes()))),
        median(values(samples, Sample::seconds)));
  }

  private static double[] values(List<Sample> samples, ToDoubleFunction<Sample> f) {
    double[] v = samples.stream().mapToDouble(f).toArray();
    Arrays.sort(v);
    return v;
  }

  /** The median (the mean of the two middle values for an even count). */
  public static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

package dev.tasquencer.bench.measure;

import dev.tasquencer.bench.jdbc.JdbcCounts;

/**
 * What one measured run did: {@code units} units of work (work items, instances, events,
 * transitions) in {@code wallNanos}.
 */
public record Sample(
    long units,
    long wallNanos,
    long jvmCpuNanos,
    long dbCpuNanos,
    long allocatedBytes,
    JdbcCounts jdbc) {

  public static Sample between(Meter.Reading before, Meter.Reading after, long units) {
    return new Sample(
        units,
        after.wallNanos() - before.wallNanos(),
        after.jvmCpuNanos() - before.jvmCpuNanos(),
        after.dbCpuNanos() - before.dbCpuNanos(),
        after.allocatedBytes() - before.allocatedBytes(),
        after.jdbc().minus(before.jdbc()));
  }

  public double seconds() {
    return wallNanos / 1e9;
  }

  public double unitsPerSecond() {
    return units / seconds();
  }

  public double cpuSeconds() {
    return (jvmCpuNanos + dbCpuNanos) / 1e9;
  }

  public double unitsPerCpuSecond() {
    double cpu = cpuSeconds();
    return cpu <= 0 ? Double.NaN : units / cpu;
  }

  public double microsPerUnit() {
    return wallNanos / 1e3 / units;
  }

  public double perUnit(long count) {
    return (double) count / units;
  }
}

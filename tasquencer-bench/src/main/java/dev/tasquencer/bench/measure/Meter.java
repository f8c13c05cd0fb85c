package dev.tasquencer.bench.measure;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.jdbc.JdbcCounts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the clocks and counters one run is measured with: wall time, CPU time of this JVM (all its
 * threads: the engine, an in-process H2, garbage collection, JIT) plus that of the PostgreSQL
 * backends serving the engine's pool, bytes allocated by the calling thread, and JDBC calls.
 */
public final class Meter {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Linux clock ticks per second for /proc/[pid]/stat (USER_HZ, 100 on every Linux we know). */
  private static final long TICKS_PER_SECOND = 100;

  private final CountingDataSource dataSource;

  public Meter(CountingDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A reading of every counter. */
  public record Reading(
      long wallNanos, long jvmCpuNanos, long dbCpuNanos, long allocatedBytes, JdbcCounts jdbc) {}

  public Reading read() {
    long alloc = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    return new Reading(
        System.nanoTime(),
        jvmCpuNanos(),
        dbCpuNanos(),
        alloc,
        dataSource == null ? JdbcCounts.ZERO : dataSource.counts());
  }

  /** The JVM's process CPU time (all threads), in nanoseconds. */
  static long jvmCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** This JVM's own utime + stime from {@code /proc/self/stat}, in nanoseconds. */
  static long ownProcStatCpuNanos() {
    return processTicks(ProcessHandle.current().pid()) * (1_000_000_000L / TICKS_PER_SECOND);
  }

  private long dbCpuNanos() {
    if (dataSource == null) {
      return 0;
    }
    long ticks = 0;
    for (int pid : dataSource.backendPids()) {
      ticks += processTicks(pid);
    }
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** utime + stime of a process, in clock ticks (0 when it is gone). */
  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the command name (field 2) is in parentheses and may contain spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14, stime field 15
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Whether CPU time of other processes can be read here (Linux /proc). */
  public static boolean canReadProcessCpu() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }
}

package dev.tasquencer.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the no-op work every engine runs (one tick per automatic work item or service task), and
 * measures the live heap inside a transaction: armed with a tick number, the tick with that number
 * forces a full garbage collection and records the heap still in use. Armed at the last work item
 * of a W1 call, it sees what the engine holds just before the call's final step and commit.
 */
public final class Probe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final AtomicLong TICKS = new AtomicLong();
  private static volatile long armedAt = -1;
  private static volatile long heapAtProbe = -1;

  private Probe() {}

  /** Called by the no-op activity of every engine. */
  public static void tick() {
    long n = TICKS.incrementAndGet();
    if (n == armedAt) {
      armedAt = -1;
      heapAtProbe = heapAfterGc();
    }
  }

  public static long ticks() {
    return TICKS.get();
  }

  /** Arms the probe at the {@code ticksFromNow}-th tick from now. */
  public static void armAfter(long ticksFromNow) {
    heapAtProbe = -1;
    armedAt = TICKS.get() + ticksFromNow;
  }

  public static void disarm() {
    armedAt = -1;
  }

  /** The heap in use measured by the armed tick, or -1 when it did not fire. */
  public static long heapAtProbe() {
    return heapAtProbe;
  }

  /** One full collection, so that a run does not pay for the garbage of the one before. */
  public static void collect() {
    System.gc();
  }

  /** Heap in use after a full collection. */
  public static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}

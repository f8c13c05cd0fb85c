package dev.tasquencer.internal.runtime;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter that
 * keeps ids created in the same millisecond by this process strictly increasing, and 62 random
 * bits. Index-friendly, and ordering by id follows creation order within a process.
 */
final class Ids {
  private static final AtomicLong LAST = new AtomicLong();

  private Ids() {}

  public static UUID next() {
    long millis = System.currentTimeMillis();
    long stamp;
    while (true) {
      long last = LAST.get();
      long candidate = millis << 12;
      stamp = candidate > last ? candidate : last + 1;
      if (LAST.compareAndSet(last, stamp)) {
        break;
      }
    }
    long ms = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (ms << 16) | 0x7000L | counter;
    long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}

package dev.tasquencer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests: give it to the engine ({@code
 * Tasquencer.builder().clock(clock)}) and to the job worker, then {@link #advance} it and run the
 * jobs that became due. No sleeps.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public ManualClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A manual clock starting at the current time. */
  public static ManualClock startingNow() {
    return new ManualClock(Instant.now());
  }

  /** Moves the clock forward. */
  public ManualClock advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + d);
    }
    now.updateAndGet(t -> t.plus(d));
    return this;
  }

  /** Sets the time (not earlier than now). */
  public ManualClock set(Instant t) {
    now.updateAndGet(
        old -> {
          if (t.isBefore(old)) {
            throw new IllegalArgumentException("a clock does not go back: " + t + " < " + old);
          }
          return t;
        });
    return this;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(now, zone);
  }

  @Override
  public Instant instant() {
    return Objects.requireNonNull(now.get());
  }
}

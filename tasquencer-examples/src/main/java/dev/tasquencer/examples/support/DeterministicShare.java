package dev.tasquencer.examples.support;

import java.util.function.LongPredicate;

/**
 * Picks a deterministic share of ids: {@code contains(id)} is true for about {@code rate} of all
 * ids, always the same ones for the same seed. The simulated failures of the examples use it, so
 * that a run can be repeated exactly.
 */
public record DeterministicShare(double rate, long seed) implements LongPredicate {

  /** Picks nothing. */
  public static final DeterministicShare NONE = new DeterministicShare(0, 0);

  public DeterministicShare {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
    }
  }

  /** Whether {@code id} belongs to the share. */
  public boolean contains(long id) {
    return rate > 0 && unit(id) < rate;
  }

  @Override
  public boolean test(long id) {
    return contains(id);
  }

  /** A value in [0, 1) derived from the seed and the id (SplitMix64 finalizer). */
  private double unit(long id) {
    long z = seed * 0x9E3779B97F4A7C15L + id;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}

package dev.tasquencer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockResolutionTest {

  @Test
  void theResolutionIsTheSmallestWholeStep() {
    // the first step (the clock moved just after the first reading) is shorter than a whole step
    assertThat(ClockResolution.smallestStep(new long[] {0, 3, 13, 23, 43})).isEqualTo(10);
    assertThat(ClockResolution.smallestStep(new long[] {5, 9})).isEqualTo(4);
    assertThat(ClockResolution.smallestStep(new long[] {5})).isEqualTo(-1);
  }

  @Test
  void aClockThatCountsNanosecondsHasAFineResolution() {
    long r = ClockResolution.resolution(System::nanoTime);
    assertThat(r).isPositive().isLessThan(1_000_000);
  }
}

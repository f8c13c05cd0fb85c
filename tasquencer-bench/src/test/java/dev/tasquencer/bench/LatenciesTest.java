package dev.tasquencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void quantilesAreNearestRanksOverAllRunsInMicroseconds() {
    long[] first = new long[50];
    long[] second = new long[50];
    for (int i = 0; i < 50; i++) {
      first[i] = (i + 1) * 1000L; // 1..50 µs
      second[i] = (i + 51) * 1000L; // 51..100 µs
    }
    List<long[]> runs = List.of(second, first);
    assertThat(Latencies.quantileMicros(runs, 0.99)).isEqualTo(99.0);
    assertThat(Latencies.quantileMicros(runs, 0.5)).isEqualTo(50.0);
    assertThat(Latencies.quantileMicros(runs, 1.0)).isEqualTo(100.0);
    assertThat(Latencies.quantileMicros(List.of(new long[] {7000}), 0.99)).isEqualTo(7.0);
    assertThat(Latencies.quantileMicros(List.of(), 0.99)).isNaN();
  }
}

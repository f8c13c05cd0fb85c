package dev.tasquencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgSettingsTest {

  @Test
  void settingsWithoutAUnitStayAsTheyAre() {
    assertThat(PgSettings.display("on", null)).isEqualTo("on");
    assertThat(PgSettings.display("off", "")).isEqualTo("off");
    assertThat(PgSettings.display("0.2", null)).isEqualTo("0.2");
    assertThat(PgSettings.display("15.20 (Debian 15.20-0+deb12u1)", null))
        .isEqualTo("15.20 (Debian 15.20-0+deb12u1)");
  }

  @Test
  void memoryCountedInBlocksOrKilobytesIsWrittenInTheLargestExactUnit() {
    assertThat(PgSettings.display("16384", "8kB")).isEqualTo("128MB");
    assertThat(PgSettings.display("512", "8kB")).isEqualTo("4MB");
    assertThat(PgSettings.display("4096", "kB")).isEqualTo("4MB");
    assertThat(PgSettings.display("1024", "MB")).isEqualTo("1GB");
    assertThat(PgSettings.display("100", "8kB")).isEqualTo("800kB");
    assertThat(PgSettings.display("3", "16MB")).isEqualTo("48MB");
  }

  @Test
  void timesAreWrittenInTheLargestExactUnit() {
    assertThat(PgSettings.display("60", "s")).isEqualTo("1min");
    assertThat(PgSettings.display("300", "s")).isEqualTo("5min");
    assertThat(PgSettings.display("90", "s")).isEqualTo("90s");
    assertThat(PgSettings.display("200", "ms")).isEqualTo("200ms");
    assertThat(PgSettings.display("0", "ms")).isEqualTo("0ms");
    assertThat(PgSettings.display("3600", "s")).isEqualTo("1h");
  }

  @Test
  void minusOneMeaningDefaultAndUnknownUnitsAreKept() {
    assertThat(PgSettings.display("-1", "8kB")).isEqualTo("-1");
    assertThat(PgSettings.display("7", "widgets")).isEqualTo("7widgets");
  }
}

package dev.tasquencer.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Instants on the command line: parsed from ISO-8601, printed in UTC with milliseconds. */
final class Moments {
  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Moments() {}

  /** An ISO-8601 instant ({@code 2026-12-07T15:04:05Z}, or with an offset such as +01:00). */
  static Instant parse(CommandLine cl, String option, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          cl,
          option
              + " must be an ISO-8601 instant such as 2026-12-07T15:04:05Z or"
              + " 2026-12-07T16:04:05+01:00, was '"
              + value
              + "'");
    }
  }

  /** The instant in UTC, always with milliseconds (a column of equal width). */
  static String text(Instant at) {
    return TEXT.format(at);
  }
}

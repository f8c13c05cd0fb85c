package dev.tasquencer.cli;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON output of {@code --json}: one object on one line. */
final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** The counters of a task, as printed. */
  record Stats(
      long total, long initialized, long started, long completed, long failed, long canceled) {
    static Stats of(dev.tasquencer.api.TaskStats s) {
      return new Stats(
          s.total(), s.initialized(), s.started(), s.completed(), s.failed(), s.canceled());
    }
  }
}

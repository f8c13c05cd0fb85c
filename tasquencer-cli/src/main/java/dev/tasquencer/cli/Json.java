package dev.tasquencer.cli;

import java.io.Writer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON output of {@code --json}: one object on one line. */
final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * A generator that writes one JSON value to {@code out} piece by piece (for output too long to
   * hold); closing it flushes but leaves {@code out} open.
   */
  static JsonGenerator generator(Writer out) {
    return MAPPER.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
  }

  /** A JSON text as a tree (null stays null). */
  static @Nullable JsonNode tree(@Nullable String json) {
    return json == null ? null : MAPPER.readTree(json);
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

package dev.tasquencer.api;

/**
 * Turns a stored payload, JSON text, into a value of a class: what {@code payload(Class)} and
 * {@code resultPayload(Class)} of {@link WorkItemSnapshot} and {@link WorkflowSnapshot} use. The
 * snapshots an engine's queries return carry the engine's own reader, which converts by the same
 * mapper and the same rules (required record components, JSON types, no unknown fields) the engine
 * applied when the payload was given.
 */
@FunctionalInterface
public interface PayloadReader {
  /**
   * Reads {@code json} as {@code type}.
   *
   * @return an instance of {@code type}
   * @throws RuntimeException when the JSON does not fit {@code type}; a {@link
   *     dev.tasquencer.api.error.PayloadValidationException} names the offending field
   */
  Object read(String json, Class<?> type);

  /**
   * The reader of a snapshot built without an engine: every read fails, saying so (the JSON
   * accessors work as ever).
   */
  PayloadReader NONE =
      (json, type) -> {
        throw new IllegalStateException(
            "this snapshot was built without an engine and has no payload reader: build it with one,"
                + " or read its JSON");
      };
}

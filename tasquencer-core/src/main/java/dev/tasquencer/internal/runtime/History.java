package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.builder.WorkflowDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's history settings (its level, each definition's own, the redactor) and the one way a
 * payload becomes history: redacted, then written as canonical JSON (object keys sorted, no
 * whitespace, decimals without exponent), so that equal payloads are equal text whatever form they
 * were given in. Query snapshots show stored payloads in the same form ({@link #canonical}), which
 * is what makes them equal on every database: PostgreSQL's {@code jsonb} reorders keys, adds spaces
 * and writes {@code 1.0E10} as {@code 10000000000}.
 */
final class History {
  private final HistoryLevel level;

  /** Whether anything is recorded at all (the engine's level, or a definition's own). */
  private final boolean recorded;

  private final PayloadRedactor redactor;
  private final JsonMapper mapper;
  private final JsonMapper canonical;

  History(
      HistoryLevel level,
      PayloadRedactor redactor,
      JsonMapper mapper,
      java.util.Collection<WorkflowDefinition> definitions) {
    this.level = level;
    this.recorded = level != HistoryLevel.NONE || anyRecords(definitions);
    this.redactor = redactor;
    this.mapper = mapper;
    this.canonical =
        JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
  }

  /** Whether calls record anything: false when the engine and every definition say NONE. */
  boolean recorded() {
    return recorded;
  }

  private static boolean anyRecords(java.util.Collection<WorkflowDefinition> definitions) {
    for (WorkflowDefinition d : definitions) {
      if (d.historyLevel().filter(l -> l != HistoryLevel.NONE).isPresent()) {
        return true;
      }
      for (var t : d.tasks()) {
        if (t instanceof dev.tasquencer.builder.CompositeTaskDefinition c
            && anyRecords(c.children().values())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The engine's level. */
  HistoryLevel level() {
    return level;
  }

  /** The level of a workflow definition's instances: its own, else the engine's. */
  HistoryLevel levelOf(WorkflowDefinition def) {
    return def.historyLevel().orElse(level);
  }

  /**
   * What history stores of an action's payload: the redactor's answer, as canonical JSON; null when
   * there is no payload (or the redactor dropped it).
   */
  @Nullable String payload(PayloadRedactor.ActionRef action, @Nullable Object value) {
    return write(payloadTree(action, value));
  }

  /** {@link #payload} as a JSON tree (null when there is none). */
  @Nullable JsonNode payloadTree(PayloadRedactor.ActionRef action, @Nullable Object value) {
    JsonNode tree = value == null ? null : mapper.valueToTree(value);
    if (redactor == PayloadRedactor.NONE) {
      return tree;
    }
    Object plain = tree == null ? null : canonical.convertValue(tree, Object.class);
    Object redacted = redactor.redact(action, plain);
    return redacted == null ? null : canonical.valueToTree(redacted);
  }

  /**
   * {@link #payloadTree} of a payload stored as JSON (a workflow's or work item's initialize
   * payload): the same tree a live state query reads from the row.
   */
  @Nullable JsonNode storedPayloadTree(PayloadRedactor.ActionRef action, @Nullable String json) {
    JsonNode tree = json == null ? null : read(json);
    if (redactor == PayloadRedactor.NONE || tree == null) {
      return tree;
    }
    Object redacted = redactor.redact(action, canonical.convertValue(tree, Object.class));
    return redacted == null ? null : canonical.valueToTree(redacted);
  }

  private JsonNode read(String json) {
    try {
      return canonical.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /** Stored JSON text in canonical form (null stays null). */
  @Nullable String canonical(@Nullable String json) {
    if (json == null) {
      return null;
    }
    return write(read(json));
  }

  /** A JSON tree as canonical text. */
  @Nullable String write(@Nullable JsonNode tree) {
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return null;
    }
    return canonical.writeValueAsString(tree);
  }

  /** The engine's mapper, to build JSON trees. */
  JsonMapper mapper() {
    return canonical;
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.builder.WorkflowDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's history settings (its level, each definition's own, the redactor) and the one way a
 * payload becomes history: redacted, then written as canonical JSON (object keys sorted, no
 * whitespace), so that equal payloads are equal text whatever form they were given in.
 */
final class History {
  private final HistoryLevel level;
  private final PayloadRedactor redactor;
  private final JsonMapper mapper;
  private final JsonMapper canonical;

  History(HistoryLevel level, PayloadRedactor redactor, JsonMapper mapper) {
    this.level = level;
    this.redactor = redactor;
    this.mapper = mapper;
    this.canonical =
        JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
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
  String payload(PayloadRedactor.ActionRef action, Object value) {
    return write(payloadTree(action, value));
  }

  /** {@link #payload} as a JSON tree (null when there is none). */
  JsonNode payloadTree(PayloadRedactor.ActionRef action, Object value) {
    JsonNode tree = value == null ? null : mapper.valueToTree(value);
    if (redactor == PayloadRedactor.NONE) {
      return tree;
    }
    Object plain = tree == null ? null : canonical.convertValue(tree, Object.class);
    Object redacted = redactor.redact(action, plain);
    return redacted == null ? null : canonical.valueToTree(redacted);
  }

  /** Stored JSON text in canonical form (null stays null). */
  String canonical(String json) {
    if (json == null) {
      return null;
    }
    try {
      return write(canonical.readTree(json));
    } catch (JacksonException e) {
      throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON tree as canonical text. */
  String write(JsonNode tree) {
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

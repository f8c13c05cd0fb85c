package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.Origin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The text of a history batch's {@code events} column: a JSON array with one object per event, in
 * order, holding what differs between the events of one call. The batch's row holds the rest (root,
 * first number, command, time, actor). Keys are short because a call writes many events:
 *
 * <pre>
 * o  origin (external, internal, job, engine)      t  task          e  event (transition or decision)
 * k  element (workflow, task, work_item, condition) g  generation    f  state before (from)
 * w  workflow id, only when not the root            i  work item id  s  state after
 * c  condition                                      p  payload: canonical JSON, as a string
 * </pre>
 *
 * Absent keys are nulls. The payload is a string, not nested JSON, so that it reads back as exactly
 * the text that was written ({@code (e->>'p')::jsonb} turns it into JSON on PostgreSQL).
 */
final class HistoryCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private HistoryCodec() {}

  /** Appends one event to a batch's text (which starts with {@code '['}). */
  static void append(StringBuilder sb, UUID rootId, HistoryEvent e) {
    sb.append(sb.length() == 1 ? "{" : ",{");
    sb.append("\"o\":\"").append(e.origin().id()).append('"');
    sb.append(",\"k\":\"").append(e.element().id()).append('"');
    if (!e.workflowId().equals(rootId)) {
      sb.append(",\"w\":\"").append(e.workflowId()).append('"');
    }
    string(sb, "t", e.task());
    if (e.generation() != null) {
      sb.append(",\"g\":").append(e.generation().intValue());
    }
    if (e.workItemId() != null) {
      sb.append(",\"i\":\"").append(e.workItemId()).append('"');
    }
    string(sb, "c", e.condition());
    string(sb, "e", e.event());
    string(sb, "f", e.fromState());
    string(sb, "s", e.toState());
    string(sb, "p", e.payloadJson());
    sb.append('}');
  }

  private static void string(StringBuilder sb, String key, @Nullable String value) {
    if (value == null) {
      return;
    }
    sb.append(",\"").append(key).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  /** The fields a batch's events share, from its row. */
  record Batch(UUID rootId, long firstSeq, UUID commandId, Instant at, @Nullable Actor actor) {}

  /** The events of a batch, numbered from its first. */
  static List<HistoryEvent> decode(Batch b, String events) {
    List<HistoryEvent> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), events)) {
      expect(p.nextToken(), JsonToken.START_ARRAY, events);
      long seq = b.firstSeq();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        expect(t, JsonToken.START_OBJECT, events);
        out.add(event(p, b, seq++));
      }
    }
    return out;
  }

  private static HistoryEvent event(JsonParser p, Batch b, long seq) {
    String origin = null;
    String kind = null;
    UUID workflow = b.rootId();
    String task = null;
    Integer generation = null;
    UUID workItem = null;
    String condition = null;
    String event = null;
    String from = null;
    String to = null;
    String payload = null;
    for (String key = p.nextName(); key != null; key = p.nextName()) {
      p.nextToken();
      switch (key) {
        case "o" -> origin = p.getString();
        case "k" -> kind = p.getString();
        case "w" -> workflow = UUID.fromString(p.getString());
        case "t" -> task = p.getString();
        case "g" -> generation = p.getIntValue();
        case "i" -> workItem = UUID.fromString(p.getString());
        case "c" -> condition = p.getString();
        case "e" -> event = p.getString();
        case "f" -> from = p.getString();
        case "s" -> to = p.getString();
        case "p" -> payload = p.getString();
        default -> p.skipChildren();
      }
    }
    if (origin == null || kind == null || event == null) {
      throw new IllegalStateException(
          "history event "
              + seq
              + " of root "
              + b.rootId()
              + " lacks its origin, element or event; the row was not written by this engine");
    }
    return new HistoryEvent(
        b.rootId(),
        seq,
        b.commandId(),
        b.at(),
        Origin.valueOf(origin.toUpperCase(Locale.ROOT)),
        b.actor(),
        ElementKind.of(kind),
        workflow,
        task,
        generation,
        workItem,
        condition,
        event,
        from,
        to,
        payload);
  }

  private static void expect(JsonToken actual, JsonToken expected, String events) {
    if (actual != expected) {
      throw new IllegalStateException(
          "history batch is not an array of event objects (found "
              + actual
              + " where "
              + expected
              + " belongs): "
              + (events.length() > 200 ? events.substring(0, 200) + "..." : events));
    }
  }
}

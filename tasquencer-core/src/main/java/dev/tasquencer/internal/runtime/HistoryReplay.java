package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a root workflow tree after some event of its history, folded from its events one by
 * one: every workflow of the tree (state, markings that changed, tasks that changed, work items) as
 * far as the history level recorded it. Elements absent here kept their initial state (tasks
 * disabled at generation 0; conditions empty, the start condition holding one token). It can be
 * written as JSON and read back, for the checkpoints that spare long replays.
 */
final class HistoryReplay {
  private final JsonMapper mapper;
  private long seq;
  private @Nullable Instant at;
  private int elements;
  private final Map<UUID, Wf> workflows = new LinkedHashMap<>();

  /** One workflow of the tree. */
  static final class Wf {
    final UUID id;
    final String name;
    final HistoryLevel level;
    final @Nullable UUID parent;
    final @Nullable String task;
    final @Nullable Integer generation;
    WorkflowState state = WorkflowState.INITIALIZED;
    final Map<String, Integer> marking = new LinkedHashMap<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final Map<UUID, Item> items = new LinkedHashMap<>();

    Wf(
        UUID id,
        String name,
        HistoryLevel level,
        @Nullable UUID parent,
        @Nullable String task,
        @Nullable Integer generation) {
      this.id = id;
      this.name = name;
      this.level = level;
      this.parent = parent;
      this.task = task;
      this.generation = generation;
    }
  }

  /** A task that changed: its state and generation. */
  record Task(TaskState state, int generation) {}

  /** A work item. */
  static final class Item {
    final UUID id;
    final String task;
    final int generation;
    final @Nullable String payload;
    WorkItemState state;
    @Nullable String result;

    Item(
        UUID id,
        String task,
        int generation,
        WorkItemState state,
        @Nullable String payload,
        @Nullable String result) {
      this.id = id;
      this.task = task;
      this.generation = generation;
      this.state = state;
      this.payload = payload;
      this.result = result;
    }
  }

  HistoryReplay(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** The last event folded in (0: none). */
  long seq() {
    return seq;
  }

  /** The time of that event, or null. */
  @Nullable Instant at() {
    return at;
  }

  /** How many elements the state holds: the size a checkpoint of it has. */
  int elements() {
    return elements;
  }

  @Nullable Wf workflow(UUID id) {
    return workflows.get(id);
  }

  Iterable<Wf> workflows() {
    return workflows.values();
  }

  /** Folds in the next event. */
  void apply(HistoryEvent e) {
    if (e.seq() != seq + 1) {
      throw new IllegalStateException(
          "history of root " + e.rootId() + " has event " + e.seq() + " after event " + seq);
    }
    seq = e.seq();
    at = e.at();
    String toState = e.toState();
    if (toState == null) {
      return; // a decision: it changed no state
    }
    if (e.element() == ElementKind.WORKFLOW && e.event().equals("initialize")) {
      JsonNode d = mapper.readTree(e.payloadJson());
      Wf wf =
          new Wf(
              e.workflowId(),
              d.get("name").asString(),
              HistoryLevel.valueOf(d.get("level").asString().toUpperCase(Locale.ROOT)),
              d.hasNonNull("parent") ? UUID.fromString(d.get("parent").asString()) : null,
              e.task(),
              e.generation());
      workflows.put(wf.id, wf);
      elements++;
      return;
    }
    Wf wf = workflows.get(e.workflowId());
    if (wf == null) {
      return; // a workflow whose creation was not recorded (its level changed since)
    }
    switch (e.element()) {
      case WORKFLOW -> wf.state = WorkflowState.valueOf(upper(toState));
      case TASK -> {
        if (wf.tasks.put(e.task(), new Task(TaskState.valueOf(upper(toState)), generation(e)))
            == null) {
          elements++;
        }
      }
      case WORK_ITEM -> {
        WorkItemState to = WorkItemState.valueOf(upper(toState));
        if (e.event().equals("initialize")) {
          UUID id = Objects.requireNonNull(e.workItemId(), "a work item event names it");
          String task = Objects.requireNonNull(e.task(), "a work item event names its task");
          wf.items.put(id, new Item(id, task, generation(e), to, e.payloadJson(), null));
          elements++;
          return;
        }
        Item item = wf.items.get(e.workItemId());
        if (item == null) {
          return;
        }
        item.state = to;
        if (to.isFinal()) {
          item.result = e.payloadJson();
        }
      }
      case CONDITION -> {
        if (wf.marking.put(e.condition(), Integer.parseInt(toState)) == null) {
          elements++;
        }
      }
      case ALLOCATION -> {} // not part of the instance state (queries().allocation reads it)
      case INCIDENT -> {} // not part of the instance state (incidents().list reads it)
    }
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** The task generation of a task or work item event. */
  private static int generation(HistoryEvent e) {
    return Objects.requireNonNull(e.generation(), "a task or work item event has its generation");
  }

  // ------------------------------------------------------------------------------ checkpoints

  /** The state as JSON, to store as a checkpoint. */
  String toJson() {
    ObjectNode root = mapper.createObjectNode();
    root.put("seq", seq);
    root.put("at", at == null ? null : at.toString());
    ArrayNode wfs = root.putArray("workflows");
    for (Wf wf : workflows.values()) {
      ObjectNode w = wfs.addObject();
      w.put("id", wf.id.toString());
      w.put("name", wf.name);
      w.put("level", wf.level.id());
      w.put("parent", wf.parent == null ? null : wf.parent.toString());
      w.put("task", wf.task);
      w.put("generation", wf.generation);
      w.put("state", wf.state.id());
      ObjectNode marking = w.putObject("marking");
      wf.marking.forEach(marking::put);
      ObjectNode tasks = w.putObject("tasks");
      wf.tasks.forEach(
          (name, t) ->
              tasks.putObject(name).put("state", t.state().id()).put("generation", t.generation()));
      ArrayNode items = w.putArray("items");
      for (Item i : wf.items.values()) {
        items
            .addObject()
            .put("id", i.id.toString())
            .put("task", i.task)
            .put("generation", i.generation)
            .put("state", i.state.id())
            .put("payload", i.payload)
            .put("result", i.result);
      }
    }
    return mapper.writeValueAsString(root);
  }

  /** A state stored as a checkpoint. */
  static HistoryReplay fromJson(JsonMapper mapper, String json) {
    HistoryReplay r = new HistoryReplay(mapper);
    JsonNode root = mapper.readTree(json);
    r.seq = root.get("seq").asLong();
    r.at = root.hasNonNull("at") ? Instant.parse(root.get("at").asString()) : null;
    for (JsonNode w : root.get("workflows")) {
      Wf wf =
          new Wf(
              UUID.fromString(w.get("id").asString()),
              w.get("name").asString(),
              HistoryLevel.valueOf(upper(w.get("level").asString())),
              w.hasNonNull("parent") ? UUID.fromString(w.get("parent").asString()) : null,
              w.hasNonNull("task") ? w.get("task").asString() : null,
              w.hasNonNull("generation") ? w.get("generation").asInt() : null);
      wf.state = WorkflowState.valueOf(upper(w.get("state").asString()));
      for (Iterator<Map.Entry<String, JsonNode>> it = w.get("marking").properties().iterator();
          it.hasNext(); ) {
        var m = it.next();
        wf.marking.put(m.getKey(), m.getValue().asInt());
      }
      for (var t : w.get("tasks").properties()) {
        JsonNode v = t.getValue();
        wf.tasks.put(
            t.getKey(),
            new Task(
                TaskState.valueOf(upper(v.get("state").asString())), v.get("generation").asInt()));
      }
      for (JsonNode i : w.get("items")) {
        Item item =
            new Item(
                UUID.fromString(i.get("id").asString()),
                i.get("task").asString(),
                i.get("generation").asInt(),
                WorkItemState.valueOf(upper(i.get("state").asString())),
                i.hasNonNull("payload") ? i.get("payload").asString() : null,
                i.hasNonNull("result") ? i.get("result").asString() : null);
        wf.items.put(item.id, item);
      }
      r.workflows.put(wf.id, wf);
      r.elements += 1 + wf.marking.size() + wf.tasks.size() + wf.items.size();
    }
    return r;
  }
}

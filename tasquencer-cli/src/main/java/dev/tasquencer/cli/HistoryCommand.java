package dev.tasquencer.cli;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowSnapshot;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;

/**
 * {@code tasquencer history WORKFLOW_ID --db URL}: the timeline of the root tree the workflow
 * belongs to, read page by page (keyset pagination) and printed as it is read, so that a history of
 * any length is printed in bounded memory, as text or as one JSON object.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the history of a workflow instance: every event of its root's tree in order, with"
          + " its sequence number, time, origin (external call, internal call, job, engine),"
          + " actor, element and transition. What is there depends on the history level the"
          + " instance ran at (workflow and task transitions at activity; also work items and"
          + " action payloads at audit, the default; also condition markings and routing"
          + " decisions at full).",
      "The options below narrow the events; all of them must hold. The history is read in pages"
          + " and printed as it is read."
    })
final class HistoryCommand implements Callable<Integer> {
  /** Events read per query. */
  static final int PAGE_SIZE = 1000;

  @Spec CommandSpec spec;

  @Mixin InstanceOptions instance;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a table.")
  boolean json;

  @Option(
      names = "--element",
      split = ",",
      paramLabel = "KIND",
      description = "Only events of these kinds: workflow, task, work_item, condition, allocation.")
  @Nullable List<String> elements;

  @Option(
      names = "--task",
      paramLabel = "NAME",
      description = "Only events of this task and of its work items.")
  @Nullable String task;

  @Option(
      names = "--work-item",
      paramLabel = "UUID",
      description = "Only events of this work item.")
  @Nullable UUID workItem;

  @Option(
      names = "--this-workflow",
      description = "Only events of WORKFLOW_ID's own elements, not of the rest of its tree.")
  boolean thisWorkflow;

  @Option(
      names = "--event",
      split = ",",
      paramLabel = "NAME",
      description = "Only these events, e.g. start,complete,fail.")
  @Nullable List<String> events;

  @Option(
      names = "--actor",
      paramLabel = "KIND:ID",
      description = "Only events of calls made on behalf of this actor, e.g. user:alice.")
  @Nullable String actor;

  @Option(
      names = "--origin",
      paramLabel = "ORIGIN",
      description = "Only events of this origin: external, internal, job or engine.")
  @Nullable String origin;

  @Option(
      names = "--since",
      paramLabel = "INSTANT",
      description = "Only events at or after this instant (ISO-8601, e.g. 2026-12-07T15:04:05Z).")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "INSTANT",
      description = "Only events before this instant.")
  @Nullable String until;

  @Option(
      names = "--after",
      paramLabel = "SEQ",
      defaultValue = "0",
      description = "Start after this event (default: from the first).")
  long after;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Print at most N events (default: all).")
  @Nullable Long limit;

  @Option(names = "--payload", description = "Text output: also print each event's payload.")
  boolean payload;

  @Override
  public Integer call() {
    HistoryFilter filter = filter();
    if (after < 0) {
      throw new ParameterException(spec.commandLine(), "--after must be 0 or more");
    }
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more");
    }
    try (InstanceReader reader = instance.open(spec)) {
      WorkflowSnapshot wf = reader.workflow(instance.workflowId);
      WorkflowSnapshot root = wf.rootId().equals(wf.id()) ? wf : reader.workflow(wf.rootId());
      if (thisWorkflow) {
        filter = filter.withWorkflow(instance.workflowId);
      }
      WorkflowQueries queries = reader.plain().queries();
      PrintWriter out = spec.commandLine().getOut();
      Sink sink =
          json
              ? new JsonSink(out, wf, root)
              : new TextSink(out, wf, root, reader.description(), new Names(queries, root));
      HistoryPage page = HistoryPage.after(after, PAGE_SIZE);
      long printed = 0;
      boolean more;
      do {
        HistoryEvents read = queries.history(root.id(), filter, page);
        more = read.hasMore();
        for (HistoryEvent e : read.events()) {
          if (limit != null && printed == limit) {
            more = true;
            break;
          }
          sink.event(e);
          printed++;
        }
        sink.flush();
        page = read.next();
      } while (more && (limit == null || printed < limit));
      sink.end(printed, more);
      out.flush();
    }
    return 0;
  }

  private HistoryFilter filter() {
    HistoryFilter f = HistoryFilter.ALL;
    if (elements != null && !elements.isEmpty()) {
      Set<ElementKind> kinds = EnumSet.noneOf(ElementKind.class);
      for (String e : elements) {
        kinds.add(elementKind(e));
      }
      ElementKind first = kinds.iterator().next();
      kinds.remove(first);
      f = f.withElements(first, kinds.toArray(ElementKind[]::new));
    }
    if (task != null) {
      f = f.withTask(task);
    }
    if (workItem != null) {
      f = f.withWorkItem(workItem);
    }
    if (events != null && !events.isEmpty()) {
      f = f.withEvents(events.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new));
    }
    if (actor != null) {
      f = f.withActor(actor(actor));
    }
    if (origin != null) {
      f = f.withOrigin(origin(origin));
    }
    Instant from = since == null ? null : Moments.parse(spec.commandLine(), "--since", since);
    Instant to = until == null ? null : Moments.parse(spec.commandLine(), "--until", until);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ParameterException(
          spec.commandLine(), "--since must be before --until (" + since + ", " + until + ")");
    }
    return from == null && to == null ? f : f.between(from, to);
  }

  private ElementKind elementKind(String name) {
    String id = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (ElementKind k : ElementKind.values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "--element must be workflow, task, work_item, condition or allocation, was '" + name + "'");
  }

  private Actor actor(String value) {
    int colon = value.indexOf(':');
    String kind = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!Set.of("user", "agent", "system").contains(kind)) {
      throw new ParameterException(
          spec.commandLine(),
          "--actor must be KIND:ID with KIND user, agent or system (user:alice), was '"
              + value
              + "'");
    }
    try {
      return new Actor(Actor.Kind.of(kind), value.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--actor: " + e.getMessage());
    }
  }

  private Origin origin(String value) {
    for (Origin o : Origin.values()) {
      if (o.id().equals(value.toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "--origin must be external, internal, job or engine, was '" + value + "'");
  }

  /** Where the events go, one at a time. */
  private interface Sink {
    void event(HistoryEvent e);

    /** After each page: what was written goes out. */
    void flush();

    /** After the last event: how many were printed, and whether --limit left some out. */
    void end(long count, boolean more);
  }

  /**
   * The names of the tree's workflows, for the element column: read once per workflow (a tree's
   * workflows, not its events, bound the memory).
   */
  private static final class Names {
    private final WorkflowQueries queries;
    private final UUID rootId;
    private final Map<UUID, String> names = new HashMap<>();

    Names(WorkflowQueries queries, WorkflowSnapshot root) {
      this.queries = queries;
      this.rootId = root.id();
      names.put(root.id(), root.name());
    }

    String of(UUID workflowId) {
      return names.computeIfAbsent(
          workflowId, id -> queries.findWorkflow(id).map(WorkflowSnapshot::name).orElse("?"));
    }

    /** What the event is about, in words: "task generateInvoices#1", "work item ... (...)". */
    String element(HistoryEvent e) {
      String own =
          switch (e.element()) {
            case WORKFLOW ->
                "workflow "
                    + of(e.workflowId())
                    + (e.workflowId().equals(rootId)
                        ? ""
                        : " " + e.workflowId() + " (child of " + generation(e) + ")");
            case TASK -> "task " + generation(e);
            case WORK_ITEM -> "work item " + e.workItemId() + " of " + generation(e);
            case CONDITION -> "condition " + e.condition();
            case ALLOCATION -> "allocation of work item " + e.workItemId() + " of " + generation(e);
            case INCIDENT ->
                "incident on "
                    + (e.workItemId() != null
                        ? "work item " + e.workItemId() + " of " + generation(e)
                        : e.task() != null ? "task " + generation(e) : "workflow");
          };
      if (e.element() == ElementKind.WORKFLOW || e.workflowId().equals(rootId)) {
        return own;
      }
      return own + " in " + of(e.workflowId()) + " " + e.workflowId();
    }

    private static String generation(HistoryEvent e) {
      return e.generation() == null ? String.valueOf(e.task()) : e.task() + "#" + e.generation();
    }
  }

  /** A table: one line per event, under a header; a count at the end. */
  private final class TextSink implements Sink {
    private static final String ROW = "%7s  %-24s  %-8s  %-16s  %-10s  %-24s  %s";
    private final PrintWriter out;
    private final Names names;

    TextSink(
        PrintWriter out, WorkflowSnapshot wf, WorkflowSnapshot root, String database, Names names) {
      this.out = out;
      this.names = names;
      out.printf(
          "History of %s %s (%s %s)%s on %s%n",
          root.name(),
          root.id(),
          root.definitionName(),
          root.definitionVersion(),
          wf.id().equals(root.id()) ? "" : ", the root of " + wf.name() + " " + wf.id(),
          database);
      out.println(
          String.format(
                  Locale.ROOT,
                  ROW,
                  "SEQ",
                  "TIME (UTC)",
                  "ORIGIN",
                  "ACTOR",
                  "EVENT",
                  "TRANSITION",
                  "ELEMENT")
              .stripTrailing());
    }

    @Override
    public void event(HistoryEvent e) {
      String transition =
          e.toState() == null
              ? ""
              : (e.fromState() == null ? "" : e.fromState() + " ") + "-> " + e.toState();
      String line =
          String.format(
              Locale.ROOT,
              ROW,
              e.seq(),
              Moments.text(e.at()),
              e.origin().id(),
              e.actor() == null ? "-" : e.actor().toString(),
              e.event(),
              transition,
              names.element(e));
      out.println(line);
      if (payload && e.payloadJson() != null) {
        out.println("         payload " + e.payloadJson());
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void end(long count, boolean more) {
      out.printf(
          "%d event%s%s%n",
          count,
          count == 1 ? "" : "s",
          more ? " (--limit " + limit + " reached: more follow; continue with --after SEQ)" : "");
    }
  }

  /**
   * One JSON object, written as the events are read: {@code {"workflowId", "rootId", "name",
   * "events": [...], "count", "more"}}.
   */
  private static final class JsonSink implements Sink {
    private final PrintWriter out;
    private final JsonGenerator g;

    JsonSink(PrintWriter out, WorkflowSnapshot wf, WorkflowSnapshot root) {
      this.out = out;
      this.g = Json.generator(out);
      g.writeStartObject();
      g.writeStringProperty("workflowId", wf.id().toString());
      g.writeStringProperty("rootId", root.id().toString());
      g.writeStringProperty("name", root.name());
      g.writeStringProperty("definition", root.definitionName());
      g.writeStringProperty("version", root.definitionVersion());
      g.writeArrayPropertyStart("events");
    }

    @Override
    public void event(HistoryEvent e) {
      g.writeStartObject();
      g.writeNumberProperty("seq", e.seq());
      g.writeStringProperty("at", e.at().toString());
      g.writeStringProperty("commandId", e.commandId().toString());
      g.writeStringProperty("origin", e.origin().id());
      if (e.actor() == null) {
        g.writeNullProperty("actor");
      } else {
        g.writeObjectPropertyStart("actor");
        g.writeStringProperty("kind", e.actor().kind().id());
        g.writeStringProperty("id", e.actor().id());
        g.writeEndObject();
      }
      g.writeStringProperty("element", e.element().id());
      g.writeStringProperty("workflowId", e.workflowId().toString());
      g.writeStringProperty("task", e.task());
      if (e.generation() == null) {
        g.writeNullProperty("generation");
      } else {
        g.writeNumberProperty("generation", e.generation().intValue());
      }
      g.writeStringProperty(
          "workItemId", e.workItemId() == null ? null : e.workItemId().toString());
      g.writeStringProperty("condition", e.condition());
      g.writeStringProperty("event", e.event());
      g.writeStringProperty("from", e.fromState());
      g.writeStringProperty("to", e.toState());
      g.writeName("payload");
      if (e.payloadJson() == null) {
        g.writeNull();
      } else {
        g.writeRawValue(e.payloadJson());
      }
      g.writeEndObject();
    }

    @Override
    public void end(long count, boolean more) {
      g.writeEndArray();
      g.writeNumberProperty("count", count);
      g.writeBooleanProperty("more", more);
      g.writeEndObject();
      g.close();
      out.println();
    }

    @Override
    public void flush() {
      g.flush();
    }
  }
}

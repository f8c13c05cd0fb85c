package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.error.InvalidArgumentException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasquencer state WORKFLOW_ID --db URL [--at SEQ|INSTANT]}: a workflow instance as it is,
 * or as it was after an event of its root's history (reconstructed from history), as text, JSON, or
 * a picture of its net coloured with that moment's task states and marking.
 */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a workflow instance as it is, or with --at as it was right after an event of its"
          + " root's history (time travel: the state is rebuilt from history). As text, as JSON,"
          + " or as its net coloured with that moment's task states and marking (dot: Graphviz,"
          + " mermaid: Mermaid).",
      "What a past state shows depends on the history level the instance ran at: workflow and"
          + " task states from activity on, work items with their payloads from audit on (the"
          + " default), the marking of the conditions only at full (below it the picture draws"
          + " the conditions empty and says so).",
      "The command knows the definitions of the examples (billing, billingJobs, emailCampaign,"
          + " erPatientJourney); give your own with --class (and --classpath), as for graph."
    })
final class StateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin InstanceOptions instance;

  @Option(
      names = "--at",
      paramLabel = "SEQ|INSTANT",
      description =
          "The moment: an event's sequence number in the root's history (as `history` prints"
              + " it), or an ISO-8601 instant (the state after the last event at or before it)."
              + " Default: now, as stored.")
  @Nullable String at;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json, dot or mermaid (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--json",
      description = "Short for --format json (like the other commands' --json).")
  boolean json;

  @Option(
      names = "--work-items",
      description = "Text output: list every work item (by default only counts per task).")
  boolean listWorkItems;

  @Option(
      names = "--class",
      paramLabel = "FQCN[#METHOD]",
      description =
          "The instance's root definition, returned by this public static method without"
              + " parameters (needed for workflows that are not the examples').")
  @Nullable String factory;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description = "Directories and jars holding the --class, separated by ':' (';' on Windows).")
  @Nullable String classpath;

  /** The moment asked for: a sequence number, an instant, or neither (now). */
  private record Moment(@Nullable Long seq, @Nullable Instant instant) {}

  @Override
  public Integer call() throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (json) {
      if (!f.equals("text") && !f.equals("json")) {
        throw new ParameterException(
            spec.commandLine(), "--json and --format " + format + " ask for two outputs; give one");
      }
      f = "json";
    }
    if (!List.of("text", "json", "dot", "mermaid").contains(f)) {
      throw new ParameterException(
          spec.commandLine(), "--format must be text, json, dot or mermaid, was '" + format + "'");
    }
    if (classpath != null && factory == null) {
      throw new ParameterException(spec.commandLine(), "--classpath needs --class");
    }
    Moment moment = moment();
    NetFactory own = factory == null ? null : NetFactory.parse(spec.commandLine(), factory);
    try (URLClassLoader loader = GraphCommand.classLoader(spec.commandLine(), classpath);
        InstanceReader reader = instance.open(spec)) {
      WorkflowSnapshot wf = reader.workflow(instance.workflowId);
      GraphNets nets =
          own == null
              ? GraphNets.instances()
              : GraphNets.of(own.call(loader == null ? getClass().getClassLoader() : loader));
      GraphNets.Net root = rootNet(nets, wf);
      String path = GraphCommand.netPath(reader.plain().queries(), wf);
      GraphNets.Net net =
          nets.find(path)
              .orElseThrow(
                  () ->
                      new CliException(
                          "the definition "
                              + root.definition()
                              + " has no child net "
                              + path
                              + " for instance "
                              + instance.workflowId
                              + " (was it built from another version of the definition?)"));
      Tasquencer engine = reader.engine(root.definition());
      WorkflowQueries queries = engine.queries();
      InstanceState state = read(queries, moment);
      @Nullable Instant eventTime = state.at() != null ? state.at() : eventTime(queries, state);
      PrintWriter out = spec.commandLine().getOut();
      switch (f) {
        case "json" -> out.println(Json.write(Output.of(state, wf, moment.equals(NOW), eventTime)));
        case "dot" ->
            out.print(picture(net.definition().toDot(state.view()), state, eventTime, wf));
        case "mermaid" ->
            out.print(picture(net.definition().toMermaid(state.view()), state, eventTime, wf));
        default -> printText(out, state, wf, reader.description(), eventTime);
      }
      out.flush();
    }
    return 0;
  }

  private static final Moment NOW = new Moment(null, null);

  private Moment moment() {
    if (at == null) {
      return NOW;
    }
    if (at.chars().allMatch(Character::isDigit) && !at.isEmpty()) {
      try {
        long seq = Long.parseLong(at);
        if (seq < 1) {
          throw new ParameterException(
              spec.commandLine(),
              "--at " + at + ": the first event of a history is 1 (history prints the numbers)");
        }
        return new Moment(seq, null);
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--at " + at + ": number too large");
      }
    }
    if (!at.contains("T")) {
      throw new ParameterException(
          spec.commandLine(),
          "--at must be an event's sequence number (1, 2, ...) or an ISO-8601 instant such as"
              + " 2026-12-07T15:04:05Z, was '"
              + at
              + "'");
    }
    return new Moment(null, Moments.parse(spec.commandLine(), "--at", at));
  }

  /** The root net of the instance's tree, of the version the instance runs. */
  private GraphNets.Net rootNet(GraphNets nets, WorkflowSnapshot wf) {
    GraphNets.Net root =
        nets.all().stream()
            .filter(
                n -> n.parentTask() == null && n.definition().name().equals(wf.definitionName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new CliException(
                        "workflow "
                            + instance.workflowId
                            + " belongs to a tree of the definition '"
                            + wf.definitionName()
                            + "' "
                            + wf.definitionVersion()
                            + (factory == null
                                ? ", which is not one of the examples: give its definition with"
                                    + " --class FQCN#METHOD (and --classpath)"
                                : ", not to the definition '"
                                    + nets.all().get(0).definition().name()
                                    + "' of --class "
                                    + factory)));
    String version = root.definition().version();
    if (!version.equals(wf.definitionVersion())) {
      throw new CliException(
          "workflow "
              + instance.workflowId
              + " runs version "
              + wf.definitionVersion()
              + " of '"
              + wf.definitionName()
              + "', the definition at hand is version "
              + version
              + (factory == null ? ": give that version with --class" : ""));
    }
    return root;
  }

  /** The state asked for; a moment the history does not have is an invalid argument. */
  private InstanceState read(WorkflowQueries queries, Moment moment) {
    try {
      if (moment.seq() != null) {
        return queries.stateAt(instance.workflowId, moment.seq());
      }
      if (moment.instant() != null) {
        return queries.stateAt(instance.workflowId, moment.instant());
      }
      return queries.state(instance.workflowId);
    } catch (InvalidArgumentException e) {
      String m = String.valueOf(e.getMessage());
      throw new ParameterException(
          spec.commandLine(),
          "--at " + at + ": " + (m.startsWith("stateAt: ") ? m.substring(9) : m));
    }
  }

  /** The time of the state's last event (the live state does not carry it). */
  private static @Nullable Instant eventTime(WorkflowQueries queries, InstanceState state) {
    if (state.seq() < 1) {
      return null;
    }
    HistoryEvents e =
        queries.history(state.rootId(), HistoryFilter.ALL, HistoryPage.after(state.seq() - 1, 1));
    return e.events().isEmpty() ? null : e.events().get(0).at();
  }

  /** Words for the moment: "after event 12 of its root's history, at ...". */
  private static String when(InstanceState s, boolean live, @Nullable Instant eventTime) {
    String event =
        s.seq() == 0
            ? "no event of its root's history yet"
            : "event " + s.seq() + " of its root's history";
    String time = eventTime == null ? "" : ", " + Moments.text(eventTime);
    return (live ? "as it is now (last: " + event + time + ")" : "as it was after " + event + time);
  }

  /**
   * The coloured net with the moment written on it: in the Graphviz label (set a second time, the
   * last value is the one drawn), or in a Mermaid comment.
   */
  private String picture(
      String graph, InstanceState s, @Nullable Instant eventTime, WorkflowSnapshot wf) {
    List<String> lines = new ArrayList<>();
    lines.add(s.name() + " " + wf.definitionVersion() + ", instance " + s.workflowId());
    lines.add(when(s, at == null, eventTime));
    if (s.marking() == null) {
      lines.add(
          "history level " + s.level().id() + " records no markings: conditions are drawn empty");
    }
    int firstLineEnd = graph.indexOf('\n') + 1;
    int secondLineEnd = graph.indexOf('\n', firstLineEnd) + 1;
    if (graph.startsWith("digraph")) {
      List<String> escaped =
          lines.stream().map(l -> l.replace("\\", "\\\\").replace("\"", "\\\"")).toList();
      return graph.substring(0, secondLineEnd)
          + "  graph [label=\""
          + String.join("\\n", escaped)
          + "\"];\n"
          + graph.substring(secondLineEnd);
    }
    StringBuilder comments = new StringBuilder();
    lines.forEach(l -> comments.append("  %% ").append(l.replace('\n', ' ')).append('\n'));
    return graph.substring(0, secondLineEnd) + comments + graph.substring(secondLineEnd);
  }

  private void printText(
      PrintWriter out,
      InstanceState s,
      WorkflowSnapshot wf,
      String database,
      @Nullable Instant eventTime) {
    boolean live = at == null;
    out.printf(
        "Workflow %s %s (%s %s) on %s%n",
        s.name(), s.workflowId(), wf.definitionName(), wf.definitionVersion(), database);
    out.printf("  %s%n", when(s, live, eventTime));
    out.printf("  history level  %s%n", s.level().id());
    if (wf.parentWorkflowId() != null) {
      out.printf(
          "  parent         %s, task %s#%d (root %s)%n",
          wf.parentWorkflowId(), wf.parentTaskName(), wf.parentTaskGeneration(), s.rootId());
    }
    out.printf("  state          %s%n", s.state().id());
    if (s.marking() == null) {
      out.printf(
          "  marking        not recorded at history level %s (level full records it)%n",
          s.level().id());
    } else {
      List<String> marked = new ArrayList<>();
      s.marking().forEach((c, n) -> marked.add(c + " " + n));
      out.printf("  marking        %s%n", String.join(", ", marked));
    }
    int width = "NAME".length();
    for (InstanceState.Task t : s.tasks()) {
      width = Math.max(width, t.name().length());
    }
    String row = "    %-" + width + "s  %-9s  %3s  %s";
    out.println("  tasks");
    out.println(String.format(row, "NAME", "STATE", "GEN", "WORK ITEMS OF THE GENERATION"));
    boolean items = s.level().includes(HistoryLevel.AUDIT) || live;
    for (InstanceState.Task t : s.tasks()) {
      Map<WorkItemState, Long> counts = counts(s, t);
      String summary = "";
      if (items && !counts.isEmpty()) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        counts.forEach((st, n) -> parts.add(st.id() + " " + n));
        summary = total + ": " + String.join(", ", parts);
      }
      out.println(
          String.format(row, t.name(), t.state().id(), String.valueOf(t.generation()), summary)
              .stripTrailing());
    }
    if (!items) {
      out.printf(
          "  work items     not recorded at history level %s (audit records them)%n",
          s.level().id());
    }
    if (s.children().isEmpty()) {
      out.println("  children       none");
    } else {
      out.printf("  children       %d%n", s.children().size());
      for (InstanceState.Child c : s.children()) {
        out.printf(
            "    %s  %s  %s#%d  %s%n", c.id(), c.name(), c.task(), c.generation(), c.state().id());
      }
    }
    if (listWorkItems) {
      out.printf("  work items     %d%n", s.workItems().size());
      for (InstanceState.WorkItem w : s.workItems()) {
        out.printf(
            "    %s  %s#%d  %s%s%n",
            w.id(),
            w.task(),
            w.generation(),
            w.state().id(),
            w.resultPayloadJson() == null ? "" : "  result " + w.resultPayloadJson());
      }
    }
  }

  /** The work items of the task's current generation, counted by state (in the states' order). */
  private static Map<WorkItemState, Long> counts(InstanceState s, InstanceState.Task t) {
    Map<WorkItemState, Long> counts = new EnumMap<>(WorkItemState.class);
    if (t.generation() == 0) {
      return counts;
    }
    for (InstanceState.WorkItem w : s.workItems(t.name(), t.generation())) {
      counts.merge(w.state(), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * The JSON document: the instance at one moment.
   *
   * @param live whether it is the state as stored now (not rebuilt from history)
   * @param seq the last event of the root's history the state includes
   * @param at that event's time
   * @param marking tokens by condition; null below history level full (when rebuilt)
   */
  record Output(
      UUID workflowId,
      UUID rootId,
      String name,
      String definition,
      String version,
      boolean live,
      long seq,
      @Nullable String at,
      String level,
      String state,
      @Nullable Map<String, Integer> marking,
      List<Task> tasks,
      List<WorkItem> workItems,
      List<Child> children) {

    /** A task, with its current generation's work items counted by state. */
    record Task(String name, String state, int generation, Map<String, Long> workItems) {}

    record WorkItem(
        UUID id,
        String task,
        int generation,
        String state,
        @Nullable JsonNode payload,
        @Nullable JsonNode result) {}

    record Child(UUID id, String name, String task, int generation, String state) {}

    static Output of(
        InstanceState s, WorkflowSnapshot wf, boolean live, @Nullable Instant eventTime) {
      List<Task> tasks = new ArrayList<>();
      for (InstanceState.Task t : s.tasks()) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts(s, t).forEach((st, n) -> counts.put(st.id(), n));
        tasks.add(new Task(t.name(), t.state().id(), t.generation(), counts));
      }
      List<WorkItem> items = new ArrayList<>();
      for (InstanceState.WorkItem w : s.workItems()) {
        items.add(
            new WorkItem(
                w.id(),
                w.task(),
                w.generation(),
                w.state().id(),
                Json.tree(w.payloadJson()),
                Json.tree(w.resultPayloadJson())));
      }
      List<Child> children = new ArrayList<>();
      for (InstanceState.Child c : s.children()) {
        children.add(new Child(c.id(), c.name(), c.task(), c.generation(), c.state().id()));
      }
      return new Output(
          s.workflowId(),
          s.rootId(),
          s.name(),
          wf.definitionName(),
          wf.definitionVersion(),
          live,
          s.seq(),
          eventTime == null ? null : eventTime.toString(),
          s.level().id(),
          s.state().id(),
          s.marking(),
          tasks,
          items,
          children);
    }
  }
}

package dev.tasquencer.cli;

import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstanceList;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.api.search.InstanceSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer instances --db URL [filters] [--limit N] [--after CURSOR] [--json]}: one page
 * of the root workflow instances that match the filters (docs/search.md), newest first, as a table
 * or as one JSON object; {@code --after} with the printed cursor reads the next page.
 */
@Command(
    name = "instances",
    sortOptions = false,
    description = {
      "Lists the root workflow instances that match the filters, newest first, one page at a time"
          + " (docs/search.md). Filters combine with and."
    })
final class InstancesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // no mixinStandardHelpOptions: its --version would take the definition version's option
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The database the engine runs on (H2 or PostgreSQL).")
  String db;

  @Option(names = "--workflow", paramLabel = "NAME", description = "Definition name.")
  @Nullable String workflow;

  @Option(names = "--version", paramLabel = "VERSION", description = "Definition version.")
  @Nullable String version;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      split = ",",
      description =
          "initialized, started, completed, failed or canceled; several: --state a,b or repeat.")
  List<String> states = new ArrayList<>();

  @Option(names = "--business-key", paramLabel = "KEY", description = "The business key.")
  @Nullable String businessKey;

  @Option(
      names = "--created-from",
      paramLabel = "INSTANT",
      description = "Created at or after (ISO-8601, e.g. 2026-03-01T00:00:00Z).")
  @Nullable String createdFrom;

  @Option(names = "--created-to", paramLabel = "INSTANT", description = "Created before.")
  @Nullable String createdTo;

  @Option(
      names = "--updated-from",
      paramLabel = "INSTANT",
      description = "State last changed at or after.")
  @Nullable String updatedFrom;

  @Option(
      names = "--updated-to",
      paramLabel = "INSTANT",
      description = "State last changed before.")
  @Nullable String updatedTo;

  @Option(
      names = "--stuck",
      paramLabel = "DURATION",
      description =
          "Not final and no committed engine call for at least this long (ISO-8601, e.g. PT1H,"
              + " P2D).")
  @Nullable String stuck;

  @Option(names = "--incidents", description = "Only instances with an open incident.")
  boolean incidents;

  @Option(names = "--suspended", description = "Only suspended instances.")
  boolean suspended;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Instances per page, 1 to 1000 (default: 50).")
  int limit = 50;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "The cursor a previous page printed: the page after it.")
  @Nullable String after;

  @Option(names = "--json", description = "One JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    InstanceFilter filter = filter();
    if (limit < 1 || limit > InstancePage.MAX_LIMIT) {
      throw usage("--limit must be 1 to " + InstancePage.MAX_LIMIT + ", was " + limit);
    }
    DemoDatabase.checkUrl(spec, db);
    try (InstanceReader reader = InstanceReader.open(db)) {
      InstanceList page;
      try {
        page = reader.plain().queries().instances(filter, new InstancePage(limit, after));
      } catch (InvalidArgumentException e) {
        throw usage(
            String.valueOf(e.getMessage()).replace("InstancePage.first(limit)", "no --after"));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(json(page)));
      } else {
        table(page, out, reader.description());
      }
      out.flush();
    }
    return 0;
  }

  private InstanceFilter filter() {
    InstanceFilter f =
        InstanceFilter.ALL
            .withWorkflow(workflow)
            .withVersion(version)
            .withBusinessKey(businessKey)
            .withOpenIncidents(incidents)
            .withSuspended(suspended ? Boolean.TRUE : null);
    if (!states.isEmpty()) {
      f = f.withStates(states.stream().map(this::state).toArray(WorkflowState[]::new));
    }
    try {
      f =
          f.withCreated(instant("--created-from", createdFrom), instant("--created-to", createdTo))
              .withUpdated(
                  instant("--updated-from", updatedFrom), instant("--updated-to", updatedTo));
      if (stuck != null) {
        f = f.withStuckFor(duration(stuck));
      }
    } catch (InvalidArgumentException e) {
      throw usage(String.valueOf(e.getMessage()));
    }
    return f;
  }

  private WorkflowState state(String s) {
    for (WorkflowState st : WorkflowState.values()) {
      if (st.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return st;
      }
    }
    throw usage(
        "--state: no state '"
            + s
            + "'; one of "
            + Arrays.stream(WorkflowState.values())
                .map(WorkflowState::id)
                .collect(Collectors.joining(", ")));
  }

  private @Nullable Instant instant(String option, @Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw usage(
          option + ": '" + text + "' is not an ISO-8601 instant such as 2026-03-01T08:00:00Z");
    }
  }

  private Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw usage("--stuck: '" + text + "' is not an ISO-8601 duration such as PT1H, PT30M or P2D");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static Map<String, Object> json(InstanceList page) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InstanceSummary s : page.instances()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", s.id().toString());
      row.put("workflow", s.workflow());
      row.put("version", s.version());
      row.put("state", s.state().id());
      row.put("businessKey", s.businessKey());
      row.put("createdAt", s.createdAt().toString());
      row.put("updatedAt", s.updatedAt().toString());
      row.put("lastCallAt", s.lastCallAt().toString());
      row.put("suspended", s.suspended());
      row.put("openIncidents", s.openIncidents());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("instances", rows);
    doc.put("next", page.cursor());
    return doc;
  }

  private static void table(InstanceList page, PrintWriter out, String where) {
    if (page.instances().isEmpty()) {
      out.println("no instance matches in " + where);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "ID", "WORKFLOW", "VERSION", "STATE", "BUSINESS KEY", "CREATED", "LAST CALL", "ATTENTION"
        });
    for (InstanceSummary s : page.instances()) {
      List<String> attention = new ArrayList<>();
      if (s.suspended()) {
        attention.add("suspended");
      }
      if (s.openIncidents() > 0) {
        attention.add(s.openIncidents() + (s.openIncidents() == 1 ? " incident" : " incidents"));
      }
      rows.add(
          new String[] {
            s.id().toString(),
            s.workflow(),
            s.version(),
            s.state().id(),
            s.businessKey() == null ? "-" : s.businessKey(),
            s.createdAt().toString(),
            s.lastCallAt().toString(),
            attention.isEmpty() ? "-" : String.join(", ", attention)
          });
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(
            i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", r[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println(
        page.instances().size()
            + (page.instances().size() == 1 ? " instance" : " instances")
            + (page.hasMore() ? "; next page: --after " + page.cursor() : "; no more"));
  }
}

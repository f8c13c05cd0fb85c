package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentList;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.IncidentState;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.builder.WorkflowDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer incidents --db URL}: the incidents of a database (docs/incidents.md), and
 * {@code tasquencer incidents retry --db URL (ID | --all)}: the operator's retry of one or all open
 * incidents, each an external call on behalf of {@code --actor}.
 */
@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = IncidentsCommand.Retry.class,
    description = {
      "Lists the incidents of a database, oldest first: jobs that exhausted their attempts (or"
          + " failed with an error their retry policy does not retry), each parked on its owner"
          + " (a work item, a task generation or a workflow) until an operator retries or"
          + " resolves it. Open incidents only, unless --state says otherwise.",
      "'tasquencer incidents retry --db URL ID' makes the incident's job due again with its"
          + " attempts reset (--all: every open incident); the incident resolves when the job"
          + " then succeeds. A job worker must be running to run it."
    })
final class IncidentsCommand implements Callable<Integer> {
  /** The most incidents one command reads. */
  static final int MAX = 100_000;

  @Spec CommandSpec spec;

  // not required = true: picocli would then ask for it before 'retry' too, which has its own
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "The database the engine runs on (H2 or PostgreSQL); required.")
  @Nullable String db;

  @Option(
      names = "--state",
      defaultValue = "open",
      paramLabel = "STATE",
      description = "open (default), resolved or all.")
  String state;

  @Option(
      names = "--workflow",
      paramLabel = "NAME",
      description = "Only incidents of workflows of this definition name.")
  @Nullable String workflow;

  @Option(
      names = "--limit",
      defaultValue = "1000",
      paramLabel = "N",
      description = "At most N incidents (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX) {
      throw new ParameterException(
          spec.commandLine(), "--limit must be between 1 and " + MAX + ", was " + limit);
    }
    IncidentFilter filter = filter(spec, state).withWorkflowName(workflow);
    if (db == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--db=JDBC_URL'");
    }
    DemoDatabase.checkUrl(spec, db);
    try (InstanceReader reader = InstanceReader.open(db)) {
      Listed listed = list(reader.plain(), filter, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            Json.write(
                new Output(
                    reader.description(),
                    state,
                    listed.incidents().size(),
                    listed.more(),
                    listed.incidents().stream().map(Row::of).toList())));
      } else {
        print(out, reader.description(), listed);
      }
      out.flush();
    }
    return 0;
  }

  /** The filter of {@code --state}. */
  static IncidentFilter filter(CommandSpec spec, String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "open" -> IncidentFilter.OPEN;
      case "resolved" -> IncidentFilter.ALL.withState(IncidentState.RESOLVED);
      case "all" -> IncidentFilter.ALL;
      default ->
          throw new ParameterException(
              spec.commandLine(), "--state must be open, resolved or all, was '" + state + "'");
    };
  }

  /** Up to {@code limit} incidents that match {@code filter}, and whether more match. */
  record Listed(List<Incident> incidents, boolean more) {}

  static Listed list(Tasquencer engine, IncidentFilter filter, int limit) {
    List<Incident> found = new ArrayList<>();
    IncidentPage page = IncidentPage.first(Math.min(limit, 1000));
    while (page != null && found.size() < limit) {
      IncidentList list = engine.incidents().list(filter, page);
      for (Incident i : list.incidents()) {
        if (found.size() == limit) {
          return new Listed(found, true);
        }
        found.add(i);
      }
      page = list.next();
    }
    return new Listed(found, page != null);
  }

  private static void print(PrintWriter out, String database, Listed listed) {
    out.printf("Incidents on %s: %d%s%n", database, listed.incidents().size(), more(listed));
    for (Incident i : listed.incidents()) {
      out.printf(
          "  %s  %s  %s %s  workflow %s (root %s)%n",
          i.id(), i.openedAt(), i.state().id(), resolution(i), i.workflowName(), i.rootId());
      out.printf(
          "      owner %s %s%s, job %s (%s), %d attempts%n",
          i.ownerKind().id(),
          i.ownerId(),
          i.ownerTask() == null ? "" : " task " + i.ownerTask() + " #" + i.ownerGeneration(),
          i.jobId(),
          i.handler(),
          i.attempts());
      String message = firstLine(i.errorMessage());
      // the message usually starts with the type already (Throwable.toString)
      out.printf(
          "      %s%n",
          message.startsWith(i.errorType()) ? message : i.errorType() + ": " + message);
    }
  }

  private static String more(Listed listed) {
    return listed.more() ? " (more match: raise --limit)" : "";
  }

  private static String resolution(Incident i) {
    if (i.resolution() == null) {
      return "";
    }
    String how = i.resolution().name().toLowerCase(Locale.ROOT);
    return "(" + how + (i.resolvedBy() == null ? "" : " by " + i.resolvedBy()) + ")";
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The JSON document of {@code --json}. */
  record Output(String database, String state, int count, boolean more, List<Row> incidents) {}

  /** One incident in JSON: times as ISO-8601 text, kinds and states in lower case. */
  record Row(
      UUID id,
      UUID rootId,
      UUID workflowId,
      String workflowName,
      String ownerKind,
      UUID ownerId,
      @Nullable String ownerTask,
      @Nullable Integer ownerGeneration,
      UUID jobId,
      String handler,
      String errorType,
      @Nullable String errorMessage,
      int attempts,
      @Nullable String payload,
      String openedAt,
      String state,
      @Nullable String resolution,
      @Nullable String resolvedBy,
      @Nullable String resolvedAt) {
    static Row of(Incident i) {
      return new Row(
          i.id(),
          i.rootId(),
          i.workflowId(),
          i.workflowName(),
          i.ownerKind().id(),
          i.ownerId(),
          i.ownerTask(),
          i.ownerGeneration(),
          i.jobId(),
          i.handler(),
          i.errorType(),
          i.errorMessage(),
          i.attempts(),
          i.payloadJson(),
          i.openedAt().toString(),
          i.state().id(),
          i.resolution() == null ? null : i.resolution().name().toLowerCase(Locale.ROOT),
          i.resolvedBy(),
          i.resolvedAt() == null ? null : i.resolvedAt().toString());
    }
  }

  /** {@code tasquencer incidents retry --db URL (ID | --all)}. */
  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Retries an open incident (or, with --all, every open incident): its job becomes due again"
            + " with its attempts reset, and the incident resolves when the job succeeds. Each"
            + " retry is an external call on behalf of --actor, recorded in the workflow's history."
      })
  static final class Retry implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--db",
        required = true,
        paramLabel = "JDBC_URL",
        description = "The database the engine runs on (H2 or PostgreSQL).")
    String db;

    @SuppressWarnings("NullAway.Init") // set by picocli: the group is required
    @ArgGroup(multiplicity = "1")
    Which which;

    /** One incident or all of them. */
    static final class Which {
      @Parameters(paramLabel = "INCIDENT_ID", description = "The incident to retry.")
      @Nullable UUID id;

      @Option(names = "--all", description = "Retry every open incident.")
      boolean all;
    }

    @Option(
        names = "--workflow",
        paramLabel = "NAME",
        description = "With --all: only the incidents of workflows of this definition name.")
    @Nullable String workflow;

    @Option(
        names = "--actor",
        paramLabel = "USER",
        description = "The user recorded in history with each retry (default: system actor cli).")
    @Nullable String actor;

    @Override
    public Integer call() {
      if (!which.all && workflow != null) {
        throw new ParameterException(spec.commandLine(), "--workflow needs --all");
      }
      DemoDatabase.checkUrl(spec, db);
      PrintWriter out = spec.commandLine().getOut();
      try (InstanceReader reader = InstanceReader.open(db)) {
        // a retry records history at its workflow's level: the engine must know the definition
        Tasquencer engine =
            reader.engine(
                GraphNets.instances().roots().stream()
                    .map(GraphNets.Root::definition)
                    .toArray(WorkflowDefinition[]::new));
        Incidents ops =
            engine.incidents().as(actor == null ? Actor.system("cli") : Actor.user(actor));
        List<UUID> ids = new ArrayList<>();
        int waiting = 0;
        if (which.id != null) {
          ids.add(which.id);
        } else {
          for (Incident i :
              list(engine, IncidentFilter.OPEN.withWorkflowName(workflow), MAX).incidents()) {
            // an incident retried before stays open until its job succeeds: skip it
            if (engine.queries().job(i.jobId()).state() == JobState.DEAD) {
              ids.add(i.id());
            } else {
              waiting++;
            }
          }
        }
        for (UUID id : ids) {
          ops.retry(id);
        }
        out.printf(
            "retried %d incident%s on %s%s%s%n",
            ids.size(),
            ids.size() == 1 ? "" : "s",
            reader.description(),
            ids.isEmpty() ? "" : "; their jobs run at a worker's next poll",
            waiting == 0 ? "" : " (" + waiting + " retried before, their jobs not run yet)");
        out.flush();
      }
      return 0;
    }
  }
}

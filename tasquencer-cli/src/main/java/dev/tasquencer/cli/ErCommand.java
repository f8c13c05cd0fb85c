package dev.tasquencer.cli;

import dev.tasquencer.examples.er.ErDemo;
import dev.tasquencer.examples.er.ErReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer demo er}: a simulated emergency-room shift with nested workflows. */
@Command(
    name = "er",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulates an emergency-room shift: N patients arrive, and simulated staff drive each"
          + " patient's journey (triage, diagnostics as a child workflow, specialist"
          + " consultations as child workflows chosen at run time, surgery, a hospital stay with"
          + " daily checks, discharge) through the engine's commands until every journey has"
          + " ended. Some patients need surgery or specialists, some daily checks fail (a second"
          + " failure on one day fails the journey), some patients leave against advice (the"
          + " journey is canceled).",
      "Prints the journeys per final state, the task events per task across all levels, and"
          + " whether the ER's domain tables are consistent with each other and with the"
          + " journeys' final states.",
      "Without --db it uses an embedded H2 database in ./data/tasquencer-demo-er.mv.db, created"
          + " anew for every run. With --db it creates its tables if needed; every run is a new"
          + " shift with patients of its own."
    })
final class ErCommand implements Callable<Integer> {
  /** Runs with fewer patients print no progress. */
  static final int PROGRESS_FROM = 100;

  @Spec CommandSpec spec;

  @Option(
      names = "--patients",
      required = true,
      paramLabel = "N",
      description = "Number of patients arriving (0 or more).")
  int patients;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the staff's decisions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--teams",
      defaultValue = "" + ErDemo.DEFAULT_TEAMS,
      paramLabel = "K",
      description =
          "Teams of staff working in parallel, each on its share of the patients (default:"
              + " ${DEFAULT-VALUE}). Changes the timing, not the outcome.")
  int teams;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database to use, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres.")
  @Nullable String db;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Override
  public Integer call() {
    if (patients < 0) {
      throw new ParameterException(spec.commandLine(), "--patients must be 0 or more");
    }
    if (teams < 1 || teams > 16) {
      throw new ParameterException(spec.commandLine(), "--teams must be between 1 and 16");
    }
    DemoDatabase.checkUrl(spec, db);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DemoDatabase database = DemoDatabase.open(db, "er")) {
      if (patients >= PROGRESS_FROM) {
        err.printf(
            "er demo: %d patients, %d team(s) of staff, on %s%n",
            patients, teams, database.description());
        err.flush();
      }
      Progress progress = new Progress(err, "journeys", "the journeys", PROGRESS_FROM);
      ErReport r =
          ErDemo.run(
              database.dataSource(), new ErDemo.Options(patients, seed, teams), progress::update);
      if (json) {
        out.println(Json.write(Output.of(r, database, seed, teams)));
      } else {
        printSummary(out, r, database);
      }
      out.flush();
    }
    return 0;
  }

  private void printSummary(PrintWriter out, ErReport r, DemoDatabase database) {
    out.printf("ER demo on %s%n", database.description());
    out.printf(
        "  shift %s: %d patients, seed %d, %d team(s), %d engine commands in %d ms%n",
        r.shiftId(), r.patients(), seed, teams, r.engineCalls(), r.durationMs());
    out.printf("  journeys by final state   %s%n", inline(r.finalStates()));
    out.printf("  patients by status        %s%n", inline(r.patientStatuses()));
    var c = r.counts();
    out.printf(
        "  domain rows               %d triaged, %d surgeries, %d consultations (%d canceled),"
            + " %d stays (%d escalated),%n"
            + "                            %d daily checks (%d failed attempts), %d"
            + " medications, %d discharges%n",
        c.triaged(),
        c.surgeries(),
        c.consultations(),
        c.canceledConsultations(),
        c.hospitalStays(),
        c.escalatedStays(),
        c.dailyChecks(),
        c.failedChecks(),
        c.medications(),
        c.discharges());
    var staff = r.staff();
    out.printf(
        "  staff (engine checks)     %d members, %d claims (%d lost races),"
            + " %d of %d wrong-role attempts refused%n",
        staff.members(),
        staff.claims(),
        staff.lostRaces(),
        staff.refusedAttempts(),
        staff.expectedRefusals());
    out.printf("  task events (all levels)%n");
    r.tasks().forEach((task, events) -> out.printf("    %-27s %s%n", task, inline(events)));
    out.printf(
        "  consistent                %s%n",
        r.consistent()
            ? "yes (every journey final; domain tables agree with each other and with it)"
            : "NO: "
                + r.openJourneys()
                + " journeys not final, "
                + r.violationCount()
                + " violations "
                + r.violations());
  }

  private static String inline(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String demo,
      String database,
      UUID shiftId,
      int patients,
      long seed,
      int teams,
      Map<String, Long> finalStates,
      boolean allFinal,
      Map<String, Long> patientStatuses,
      Map<String, Map<String, Long>> tasks,
      ErReport.Counts counts,
      boolean consistent,
      long violationCount,
      List<String> violations,
      long engineCommands,
      ErReport.Staff staff,
      long durationMs) {

    static Output of(ErReport r, DemoDatabase database, long seed, int teams) {
      return new Output(
          "er",
          database.description(),
          r.shiftId(),
          r.patients(),
          seed,
          teams,
          r.finalStates(),
          r.openJourneys() == 0,
          r.patientStatuses(),
          r.tasks(),
          r.counts(),
          r.consistent(),
          r.violationCount(),
          r.violations(),
          r.engineCalls(),
          r.staff(),
          r.durationMs());
    }
  }
}

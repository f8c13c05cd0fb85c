package dev.tasquencer.cli;

import dev.tasquencer.examples.approvals.ApprovalsDemo;
import dev.tasquencer.examples.approvals.ApprovalsReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer demo approvals}: expense claims worked by simulated staff through queues. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulates an office approving expense claims: N claims are submitted over five days;"
          + " small ones are approved at once, others are reviewed by a manager of the"
          + " requester's department, large ones approved a second time by finance (never by the"
          + " manager who approved them), and approved claims are paid line by line. Sixteen"
          + " simulated people work concurrently, each in a thread, through the engine's work"
          + " queues: they claim, start and complete, sometimes release or delegate. Research's"
          + " only manager is on leave, so its reviews wait until their two-day deadline"
          + " escalates them to the deputies (the days pass on a manual clock). Rogue attempts"
          + " the engine must refuse: the requester approving their own claim, a deputy working"
          + " an item a manager claimed (every tenth claim), the approving manager taking the"
          + " second approval (every fourth claim that needs one).",
      "Prints the claims by outcome, the escalations, the refusals and whether the office's"
          + " tables agree with every claim's workflow history.",
      "Without --db it uses an embedded H2 database in ./data/tasquencer-demo-approvals.mv.db,"
          + " created anew for every run. With --db it creates its tables if needed; every run"
          + " has claims of its own."
    })
final class ApprovalsCommand implements Callable<Integer> {
  /** Runs with fewer claims print no progress. */
  static final int PROGRESS_FROM = 100;

  @Spec CommandSpec spec;

  @Option(
      names = "--requests",
      required = true,
      paramLabel = "N",
      description = "Number of expense claims submitted (0 or more).")
  int requests;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the claims and the staff's decisions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database to use, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres.")
  @Nullable String db;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of a summary.")
  boolean json;

  @Override
  public Integer call() {
    if (requests < 0) {
      throw new ParameterException(spec.commandLine(), "--requests must be 0 or more");
    }
    DemoDatabase.checkUrl(spec, db);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DemoDatabase database = DemoDatabase.open(db, "approvals")) {
      if (requests >= PROGRESS_FROM) {
        err.printf("approvals demo: %d claims, on %s%n", requests, database.description());
        err.flush();
      }
      Progress progress = new Progress(err, "claims", "the claims", PROGRESS_FROM);
      ApprovalsReport r =
          ApprovalsDemo.run(
              database.dataSource(), new ApprovalsDemo.Options(requests, seed), progress::update);
      if (json) {
        out.println(Json.write(Output.of(r, database, seed)));
      } else {
        printSummary(out, r, database);
      }
      out.flush();
      return 0;
    }
  }

  private void printSummary(PrintWriter out, ApprovalsReport r, DemoDatabase database) {
    out.printf("Approvals demo on %s%n", database.description());
    out.printf(
        "  run %d: %d claims, seed %d, %d simulated days, %d engine calls in %d ms%n",
        r.runId(), r.requests(), seed, r.days(), r.engineCalls(), r.durationMs());
    out.printf(
        "  outcome                   %d completed: %d paid (%d approved without review), %d"
            + " rejected%n",
        r.completed(), r.approved(), r.autoApproved(), r.rejected());
    out.printf("  escalated to deputies     %d reviews%n", r.escalated());
    out.printf(
        "  queue work                %d lost claim races, %d releases, %d delegations%n",
        r.lostRaces(), r.releases(), r.delegations());
    out.printf(
        "  rogue attempts            %d made, %d refused by the engine %s%n",
        r.expectedRefusals(), r.refusedAttempts(), r.refusalsByCode());
    out.printf(
        "  four-eyes violations      %d; double claims %d%n",
        r.fourEyesViolations(), r.doubleClaims());
    out.printf(
        "  consistent                %s%n",
        r.consistent()
            ? "yes (every claim ended; its rows agree with its workflow's history)"
            : "NO: " + r.violations());
  }

  /** The JSON document of {@code --json}. */
  record Output(
      String demo,
      String database,
      long runId,
      long seed,
      int requests,
      int completed,
      int approved,
      int rejected,
      int autoApproved,
      int escalated,
      int refusedAttempts,
      int expectedRefusals,
      int mootAttempts,
      Map<String, Integer> refusalsByCode,
      int fourEyesViolations,
      int doubleClaims,
      int lostRaces,
      int releases,
      int delegations,
      int simulatedDays,
      boolean consistent,
      List<String> violations,
      long engineCommands,
      long durationMs) {

    static Output of(ApprovalsReport r, DemoDatabase database, long seed) {
      return new Output(
          "approvals",
          database.description(),
          r.runId(),
          seed,
          r.requests(),
          r.completed(),
          r.approved(),
          r.rejected(),
          r.autoApproved(),
          r.escalated(),
          r.refusedAttempts(),
          r.expectedRefusals(),
          r.mootAttempts(),
          r.refusalsByCode(),
          r.fourEyesViolations(),
          r.doubleClaims(),
          r.lostRaces(),
          r.releases(),
          r.delegations(),
          r.days(),
          r.consistent(),
          r.violations(),
          r.engineCalls(),
          r.durationMs());
    }
  }
}

package dev.tasquencer.bench;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.subjects.Subject;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code tasquencer bench --trace W4 --db pg}: after a few warm-up units, records the JDBC calls of
 * one unit of a workload (one event, one instance, one W1 call with N=10) per engine and prints
 * them with their SQL: where the round trips of a transition go.
 */
final class Trace {
  private Trace() {}

  static void run(String workload, Plan plan, String pgUrl, String runId, PrintStream out) {
    for (DbKind db : plan.dbs()) {
      for (String engine : Plan.ALL_ENGINES) {
        if (!plan.engines().contains(engine)) {
          continue;
        }
        try (BenchDatabase bdb = BenchDatabase.create(db, engine, runId, pgUrl)) {
          Subject s =
              Bench.open(
                  engine,
                  bdb.dataSource(),
                  "trace-" + engine + "-" + db.id() + "-" + runId,
                  plan.history());
          try {
            for (int i = 0; i < 3; i++) {
              unit(workload, s, bdb.dataSource(), false);
            }
            List<String> calls = unit(workload, s, bdb.dataSource(), true);
            out.printf(
                "%n== %s on %s, one %s unit: %d calls that wait for the database%n",
                engine, db.label(), workload, calls.size());
            for (String c : calls) {
              out.println("  " + c);
            }
          } finally {
            s.close();
          }
        }
      }
    }
  }

  private static List<String> unit(
      String workload, Subject s, CountingDataSource ds, boolean traced) {
    List<Object> waiting = workload.equals("W4") ? s.waitingInstances(1) : null;
    if (traced) {
      ds.startTrace();
    }
    switch (workload) {
      case "W1":
        s.oneTaskManyItems(10);
        break;
      case "W2":
        s.sequenceOfTen();
        break;
      case "W3":
        s.andSplitJoin();
        break;
      case "W4":
        s.completeWaiting(Objects.requireNonNull(waiting).get(0));
        break;
      case "W5":
        s.splitJoinNet(true, List.of(1, 3, 5));
        break;
      default:
        throw new IllegalArgumentException("--trace: W1..W5, not " + workload);
    }
    return traced ? ds.stopTrace() : List.of();
  }

  static final Set<String> WORKLOADS = Set.of("W1", "W2", "W3", "W4", "W5");
}

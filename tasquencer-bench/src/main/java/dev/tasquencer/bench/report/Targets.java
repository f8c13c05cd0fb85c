package dev.tasquencer.bench.report;

import static dev.tasquencer.bench.report.Report.OURS;

import dev.tasquencer.bench.Bench;
import dev.tasquencer.bench.Cell;
import dev.tasquencer.bench.Cell.EngineResult;
import dev.tasquencer.bench.DbKind;
import dev.tasquencer.bench.measure.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The performance targets, evaluated on one run's results: each gives the value measured, the
 * limit, whether it is met (null when the run did not measure it) and how the value was obtained.
 */
final class Targets {
  private Targets() {}

  static List<Object> evaluate(Report r) {
    List<Object> out = new ArrayList<>();
    for (DbKind db : DbKind.values()) {
      w1Scaling(r, db, out);
      w1Peers(r, db, out);
      if (db == DbKind.H2) {
        w1Raw(r, db, out);
      }
      w1Heap(r, db, out);
      cpu(r, "W2", db, out);
      cpu(r, "W3", db, out);
      if (db == DbKind.POSTGRES) {
        w4(r, db, out);
        w6(r, db, out);
      }
      w5(r, db, out);
    }
    return out;
  }

  private static List<Cell> w1Cells(Report r, DbKind db) {
    List<Cell> cs = new ArrayList<>();
    for (Cell c : r.cells()) {
      if (c.workload().equals("W1") && c.db() == db && Report.summary(c, OURS) != null) {
        cs.add(c);
      }
    }
    return cs;
  }

  private static void w1Scaling(Report r, DbKind db, List<Object> out) {
    List<Cell> cs = w1Cells(r, db);
    if (cs.size() < 2) {
      return;
    }
    Cell small = cs.get(0);
    Cell large = cs.get(cs.size() - 1);
    double v =
        Report.present(large, OURS).medianMicrosPerUnit()
            / Report.present(small, OURS).medianMicrosPerUnit();
    out.add(
        target(
            "W1-scaling",
            db,
            "per-item time at N=100,000 within 1.3x of N=1,000",
            v,
            1.3,
            true,
            v <= 1.3,
            String.format(
                    Locale.ROOT,
                    "%.1f µs per item at N=%,d vs %.1f µs at N=%,d",
                    Report.present(large, OURS).medianMicrosPerUnit(),
                    large.size(),
                    Report.present(small, OURS).medianMicrosPerUnit(),
                    small.size())
                + (large.size() < 100_000 ? " (this run's largest N)" : "")));
  }

  private static void w1Peers(Report r, DbKind db, List<Object> out) {
    Cell c = r.find("W1", null, db, 10_000);
    if (c == null || Report.summary(c, OURS) == null) {
      return;
    }
    String faster = Report.fasterPeer(c, false);
    if (faster != null) {
      double v = Report.ratio(c, faster);
      out.add(
          target(
              "W1-vs-peers",
              db,
              "at least 20x faster than the faster peer at N=10,000",
              v,
              20,
              false,
              v >= 20,
              "measured against " + faster));
      return;
    }
    // every peer skipped N=10,000: bound their rate by their rate at the previous size, as their
    // per-item time grows with N
    Cell prev = r.find("W1", null, db, 1_000);
    String who = Report.fasterPeer(prev, false);
    if (who == null) {
      return;
    }
    double v =
        Report.present(c, OURS).medianPerSecond() / Report.present(prev, who).medianPerSecond();
    out.add(
        target(
            "W1-vs-peers",
            db,
            "at least 20x faster than the faster peer at N=10,000",
            v,
            20,
            false,
            v >= 20,
            "the peers skipped N=10,000 (see their results); this is our rate at N=10,000 over "
                + who
                + "'s rate at N=1,000, an upper bound for its rate at N=10,000 since its time"
                + " per item grows with N"));
  }

  private static void w1Raw(Report r, DbKind db, List<Object> out) {
    List<Cell> cs = w1Cells(r, db);
    if (cs.isEmpty()) {
      return;
    }
    Cell c = cs.get(cs.size() - 1);
    double v = r.rawRatio(Objects.requireNonNull(c));
    if (Double.isNaN(v)) {
      return;
    }
    out.add(
        target(
            "W1-vs-raw",
            db,
            "at least 15% of the raw batched transition rate",
            v,
            0.15,
            false,
            v >= 0.15,
            String.format(
                Locale.ROOT,
                "work items per second at N=%,d over raw %s transitions per" + " second",
                c.size(),
                Bench.RAW_BATCHED.id())));
  }

  private static void w1Heap(Report r, DbKind db, List<Object> out) {
    List<Cell> cs = w1Cells(r, db);
    if (cs.isEmpty()) {
      return;
    }
    Cell c = cs.get(cs.size() - 1);
    EngineResult e = c.results().get(OURS);
    Long heap = e == null ? null : e.liveHeapBytes();
    if (heap == null) {
      return;
    }
    double v = (double) heap / c.size();
    out.add(
        target(
            "W1-live-heap",
            db,
            "live heap at most 1 KiB per work item",
            v,
            1024,
            true,
            v <= 1024,
            String.format(
                    Locale.ROOT,
                    "heap in use after a forced GC inside the last work item's"
                        + " activity minus before the call, N=%,d",
                    c.size())
                + (db == DbKind.H2
                    ? "; on H2 in-memory it also counts rows the database holds uncommitted"
                    : "")));
  }

  private static void cpu(Report r, String workload, DbKind db, List<Object> out) {
    Cell c = r.find(workload, null, db, -1);
    String better = c == null ? null : Report.fasterPeer(c, true);
    if (better == null || Report.summary(c, OURS) == null) {
      return;
    }
    double v = Report.cpuRatio(Objects.requireNonNull(c), better);
    out.add(
        target(
            workload + "-per-cpu",
            db,
            "at least 5x the better peer per CPU-second",
            v,
            5,
            false,
            v >= 5,
            "instances per CPU-second (JVM"
                + (db == DbKind.POSTGRES ? " + PostgreSQL backends" : "")
                + ") against "
                + better));
  }

  private static void w4(Report r, DbKind db, List<Object> out) {
    Cell c = r.find("W4", null, db, -1);
    Summary s = Report.summary(c, OURS);
    if (s == null) {
      return;
    }
    double v = r.rawRatio(Objects.requireNonNull(c));
    if (!Double.isNaN(v)) {
      out.add(
          target(
              "W4-vs-raw",
              db,
              "at least 70% of the raw single-commit rate",
              v,
              0.7,
              false,
              v >= 0.7,
              "events per second over raw " + Bench.RAW_SINGLE.id() + " transitions per second"));
    }
    out.add(
        target(
            "W4-commits",
            db,
            "one commit per event",
            s.commitsPerUnit(),
            1,
            true,
            s.commitsPerUnit() <= 1.0,
            "commits (and auto-committed statements) per event"));
    out.add(
        target(
            "W4-round-trips",
            db,
            "at most 3 round trips per event",
            s.roundTripsPerUnit(),
            3,
            true,
            s.roundTripsPerUnit() <= 3,
            "JDBC calls that wait for the database, commit included" + atNone(c)));
  }

  /**
   * "; ours at history none: 8.00 statements, 3.00 round trips per event" when the cell ran ours at
   * none too: the history rows are extra statements in the same round trips.
   */
  private static String atNone(Cell c) {
    Summary none = Report.summary(c, Bench.OURS_NONE);
    Summary ours = Report.summary(c, OURS);
    return none == null || ours == null
        ? ""
        : String.format(
            Locale.ROOT,
            "; %.2f statements per event, against %.2f statements and %.2f round trips with ours"
                + " at history none",
            ours.statementsPerUnit(),
            none.statementsPerUnit(),
            none.roundTripsPerUnit());
  }

  private static void w6(Report r, DbKind db, List<Object> out) {
    Cell c = r.find("W6", null, db, -1);
    if (c == null) {
      return;
    }
    double time = Report.w6TimeRatio(c);
    if (!Double.isNaN(time)) {
      out.add(
          target(
              "W6-rate",
              db,
              "events per second on grown tables within 1.5x of empty tables",
              time,
              1.5,
              true,
              time <= 1.5,
              "time per event (median events per second) on a database preloaded with finished"
                  + " roots and their history rows over that on an empty one, W4's event"));
    }
    double p99 = Report.w6P99Ratio(c);
    if (!Double.isNaN(p99)) {
      out.add(
          target(
              "W6-p99",
              db,
              "p99 event latency on grown tables within 1.5x of empty tables",
              p99,
              1.5,
              true,
              p99 <= 1.5,
              "99th percentile of the latency of every event of the measured runs, grown over"
                  + " empty"));
    }
  }

  private static void w5(Report r, DbKind db, List<Object> out) {
    Summary or = Report.summary(r.find("W5", "or-join", db, -1), OURS);
    Summary and = Report.summary(r.find("W5", "and-join", db, -1), OURS);
    if (or == null || and == null) {
      return;
    }
    double v = or.medianMicrosPerUnit() / and.medianMicrosPerUnit();
    String how =
        String.format(
            Locale.ROOT,
            "%.1f µs per task firing with OR-split (3 of 6 branches) and"
                + " OR-join vs %.1f µs with AND-split and AND-join on the same 20-task net",
            or.medianMicrosPerUnit(),
            and.medianMicrosPerUnit());
    Summary all = Report.summary(r.find("W5", "or-join all branches", db, -1), OURS);
    if (all != null) {
      how +=
          String.format(
              Locale.ROOT,
              "; with the OR-split taking all 6 branches (20 firings,"
                  + " as many as the AND net) %.1f µs per firing, %.2fx the AND net",
              all.medianMicrosPerUnit(),
              all.medianMicrosPerUnit() / and.medianMicrosPerUnit());
    }
    out.add(
        target(
            "W5-or-vs-and",
            db,
            "an OR-join firing costs at most 5x an AND-join firing",
            v,
            5,
            true,
            v <= 5,
            how));
  }

  private static Map<String, Object> target(
      String id,
      DbKind db,
      String what,
      double value,
      double limit,
      boolean atMost,
      boolean met,
      String how) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("db", db.id());
    m.put("target", what);
    Report.put(m, "value", value);
    m.put("limit", limit);
    m.put("comparison", atMost ? "at most" : "at least");
    m.put("met", met);
    m.put("how", how);
    return m;
  }
}

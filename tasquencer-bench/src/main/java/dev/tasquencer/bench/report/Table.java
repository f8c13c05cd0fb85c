package dev.tasquencer.bench.report;

import dev.tasquencer.bench.Cell;
import dev.tasquencer.bench.Cell.EngineResult;
import dev.tasquencer.bench.DbKind;
import dev.tasquencer.bench.measure.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The human-readable form of a run's results. */
public final class Table {
  private static final Map<String, String> TITLES =
      Map.of(
          "RAW", "raw limit: plain JDBC, one single-row insert + one update per transition",
          "W1", "W1: one task, N automatically completed work items, in one call",
          "W2", "W2: a sequence of 10 automatic tasks, one call per instance",
          "W3", "W3: an AND-split into 4 automatic branches and an AND-join",
          "W4", "W4: one external event (complete a waiting work item; the next task waits)",
          "W5", "W5: 20-task net, OR-split to 3 of 6 branches + OR-join vs AND-split + AND-join",
          "W6", "W6: W4 on grown tables (finished roots preloaded) vs empty tables, ours only");

  private Table() {}

  public static void print(Report report, Map<String, Object> meta, PrintWriter out) {
    out.printf("Tasquencer benchmark (%s run)%n", meta.get("mode"));
    Object machine = meta.get("machine");
    if (machine instanceof Map<?, ?> m) {
      out.printf(
          "machine: %s cores, %s, %s; load average at start %s, at end %s%n",
          m.get("cores"),
          m.get("jdk"),
          m.get("postgresql"),
          m.get("loadAverageAtStart"),
          m.get("loadAverageAtEnd"));
    }
    out.println(
        "median [min-max] over the measured runs; ratios are of throughput (x > 1: ours"
            + " is faster); trips = JDBC round trips, stmts = SQL statements, per unit");
    for (DbKind db : DbKind.values()) {
      String lastWorkload = null;
      boolean header = false;
      for (Cell c : report.cells()) {
        if (c.db() != db) {
          continue;
        }
        if (!header) {
          out.printf("%n=== %s ===%n", db.label());
          header = true;
        }
        if (!c.workload().equals(lastWorkload)) {
          lastWorkload = c.workload();
          out.printf("%n%s (per %s)%n", TITLES.get(c.workload()), c.unit());
          out.printf(
              "  %-34s %-23s %12s %21s %10s %9s %6s %6s %7s %9s %8s%n",
              "cell",
              "engine",
              "median µs",
              "[min - max] µs",
              "per s",
              "per CPU-s",
              "stmts",
              "trips",
              "commits",
              "alloc B",
              "heap B");
        }
        String label = cellLabel(c);
        for (EngineResult r : c.results().values()) {
          if (r.skipped() != null) {
            out.printf("  %-34s %-23s skipped: %s%n", label, r.engine(), r.skipped());
            label = "";
            continue;
          }
          Summary s = r.summary();
          if (s == null) {
            continue; // neither skipped nor run: nothing to show
          }
          out.printf(
              Locale.ROOT,
              "  %-34s %-23s %12s %21s %10s %9s %6.1f %6.2f %7.3f %9s %8s%n",
              label,
              r.engine(),
              num(s.medianMicrosPerUnit()),
              "[" + num(s.minMicrosPerUnit()) + " - " + num(s.maxMicrosPerUnit()) + "]",
              num(s.medianPerSecond()),
              num(s.medianPerCpuSecond()),
              s.statementsPerUnit(),
              s.roundTripsPerUnit(),
              s.commitsPerUnit(),
              num(s.allocatedBytesPerUnit()),
              r.liveHeapBytes() == null ? "" : num((double) r.liveHeapBytes() / c.size()));
          if (!r.latencies().isEmpty()) {
            out.printf(
                Locale.ROOT,
                "  %-34s %-23s (latency per %s: p50 %s µs, p99 %s µs)%n",
                "",
                "",
                c.unit(),
                num(r.latencyMicros(0.5)),
                num(r.latencyMicros(0.99)));
          }
          for (String note : r.notes()) {
            out.printf("  %-34s %-23s (%s)%n", "", "", note);
          }
          label = "";
        }
        String ratios = ratios(report, c);
        if (!ratios.isEmpty()) {
          out.printf("  %-34s %s%n", "", ratios);
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets =
        (List<Map<String, Object>>) (List<?>) Targets.evaluate(report);
    if (!targets.isEmpty()) {
      out.printf("%nTargets%n");
      for (Map<String, Object> t : targets) {
        out.printf(
            Locale.ROOT,
            "  %-4s %-16s %-8s %s: %s %s (%s)%n",
            t.get("db"),
            t.get("id"),
            Boolean.TRUE.equals(t.get("met")) ? "MET" : "NOT MET",
            t.get("target"),
            num(((Number) t.getOrDefault("value", Double.NaN)).doubleValue()),
            t.get("comparison")
                + " "
                + num(((Number) Objects.requireNonNull(t.get("limit"))).doubleValue()),
            t.get("how"));
      }
    }
    out.flush();
  }

  private static String cellLabel(Cell c) {
    switch (c.workload()) {
      case "W1":
        return String.format(Locale.ROOT, "N=%,d", c.size());
      case "RAW":
        return String.valueOf(c.variant());
      case "W5":
        return String.format(Locale.ROOT, "%s, %,d inst./run", c.variant(), c.size());
      case "W4":
      case "W6":
        return String.format(Locale.ROOT, "%,d events/run", c.size());
      default:
        return String.format(Locale.ROOT, "%,d instances/run", c.size());
    }
  }

  private static String ratios(Report report, Cell c) {
    if (c.workload().equals("RAW")) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String p : Report.PEERS) {
      double v = Report.ratio(c, p);
      if (!Double.isNaN(v)) {
        sb.append(
            String.format(
                Locale.ROOT,
                "ours/%s %sx (per CPU-s %sx)   ",
                p,
                num(v),
                num(Report.cpuRatio(c, p))));
      }
    }
    double none = Report.noneRatio(c, false);
    if (!Double.isNaN(none)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "history none/on %sx (per CPU-s %sx)   ",
              num(none),
              num(Report.noneRatio(c, true))));
    }
    double w6 = Report.w6TimeRatio(c);
    if (!Double.isNaN(w6)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "grown/empty: time per event %sx, p99 %sx   ",
              num(w6),
              num(Report.w6P99Ratio(c))));
    }
    double raw = report.rawRatio(c);
    if (!Double.isNaN(raw)) {
      sb.append(String.format(Locale.ROOT, "ours/raw %s (raw %s)", num(raw), c.rawReference()));
    }
    return sb.toString().trim().isEmpty() ? "" : "-> " + sb.toString().trim();
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}

package dev.tasquencer.bench.report;

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
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The results of a benchmark run as a JSON-ready tree (maps, lists, numbers, strings): per
 * workload, database and size our median, each peer's median, and the ratios ours/peer and ours/raw
 * limit; the raw limit's own numbers; the targets and where we stand.
 *
 * <p>Ratios are ratios of throughput (units per second, or per CPU-second): above 1 we are faster.
 */
public final class Report {
  public static final String OURS = "tasquencer";
  public static final List<String> PEERS = List.of("flowable", "camunda");

  private final List<Cell> cells;

  public Report(List<Cell> cells) {
    this.cells = cells;
  }

  /** The whole document, with the run's metadata in front. */
  public Map<String, Object> document(Map<String, Object> meta) {
    Map<String, Object> doc = new LinkedHashMap<>(meta);
    doc.put(
        "ratios",
        "throughput ratios (units per second, or per CPU-second): above 1 means ours is faster;"
            + " ours/raw compares our task firings per second with plain JDBC transitions per"
            + " second");
    doc.put("results", results());
    doc.put("raw", raw());
    doc.put("targets", Targets.evaluate(this));
    return doc;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** The raw limit's cell of a database and variant, or null. */
  public @Nullable Cell raw(DbKind db, String variant) {
    return find("RAW", variant, db, -1);
  }

  /** Median raw transitions per second of a database and variant, or NaN. */
  public double rawRate(DbKind db, String variant) {
    Summary s = summary(raw(db, variant), "raw");
    return s == null ? Double.NaN : s.medianPerSecond();
  }

  public @Nullable Cell find(String workload, @Nullable String variant, DbKind db, long size) {
    for (Cell c : cells) {
      if (c.workload().equals(workload)
          && (variant == null ? c.variant() == null : variant.equals(c.variant()))
          && c.db() == db
          && (size < 0 || c.size() == size)) {
        return c;
      }
    }
    return null;
  }

  /** The summary of a cell and engine that the caller knows are there. */
  static Summary present(@Nullable Cell c, String engine) {
    return Objects.requireNonNull(summary(c, engine), () -> engine + " has no runs in this cell");
  }

  static @Nullable Summary summary(@Nullable Cell c, String engine) {
    if (c == null) {
      return null;
    }
    EngineResult r = c.results().get(engine);
    return r == null ? null : r.summary();
  }

  /** Our throughput over the peer's, or NaN. */
  public static double ratio(Cell c, String peer) {
    return ratio(c, peer, Summary::medianPerSecond);
  }

  /** Our throughput per CPU-second over the peer's, or NaN. */
  public static double cpuRatio(Cell c, String peer) {
    return ratio(c, peer, Summary::medianPerCpuSecond);
  }

  private static double ratio(Cell c, String peer, ToDoubleFunction<Summary> rate) {
    return ratio(c, OURS, peer, rate);
  }

  /** The throughput of {@code a} over that of {@code b} in a cell, or NaN. */
  static double ratio(Cell c, String a, String b, ToDoubleFunction<Summary> rate) {
    Summary ours = summary(c, a);
    Summary theirs = summary(c, b);
    return ours == null || theirs == null
        ? Double.NaN
        : rate.applyAsDouble(ours) / rate.applyAsDouble(theirs);
  }

  /** The peer with the highest median throughput in a cell, or null. */
  public static @Nullable String fasterPeer(@Nullable Cell c, boolean perCpu) {
    String best = null;
    double bestRate = -1;
    for (String p : PEERS) {
      Summary s = summary(c, p);
      if (s != null) {
        double rate = perCpu ? s.medianPerCpuSecond() : s.medianPerSecond();
        if (rate > bestRate) {
          best = p;
          bestRate = rate;
        }
      }
    }
    return best;
  }

  /**
   * The raw reference's median transitions per second for a cell: from the raw runs interleaved
   * with the engines' runs in that cell, else (a run saved before they were) from the raw variant's
   * own cell; NaN when there is neither.
   */
  public double rawRateFor(Cell c) {
    if (c.rawReference() == null) {
      return Double.NaN;
    }
    Summary inCell = summary(c, Bench.RAW);
    return inCell != null ? inCell.medianPerSecond() : rawRate(c.db(), c.rawReference());
  }

  /**
   * Our throughput at history level none over ours at the run's level (above 1: what history
   * costs), or NaN when the cell did not run ours at none.
   */
  public static double noneRatio(Cell c, boolean perCpu) {
    return ratio(
        c, Bench.OURS_NONE, OURS, perCpu ? Summary::medianPerCpuSecond : Summary::medianPerSecond);
  }

  /** Our task firings per second over the raw limit's transitions per second, or NaN. */
  public double rawRatio(Cell c) {
    return rawRatio(c, OURS);
  }

  /** The task firings per second of {@code engine} over the raw limit's rate, or NaN. */
  double rawRatio(Cell c, String engine) {
    Summary ours = summary(c, engine);
    if (ours == null || c.rawReference() == null) {
      return Double.NaN;
    }
    return ours.medianPerSecond() * c.transitionsPerUnit() / rawRateFor(c);
  }

  /**
   * W6: the time per event on grown tables over that on empty ones (the inverse of the ratio of
   * events per second), or NaN.
   */
  public static double w6TimeRatio(Cell c) {
    Summary grown = summary(c, Bench.OURS_GROWN);
    Summary empty = summary(c, Bench.OURS_EMPTY);
    return grown == null || empty == null
        ? Double.NaN
        : empty.medianPerSecond() / grown.medianPerSecond();
  }

  /** W6: the p99 latency of an event on grown tables over that on empty ones, or NaN. */
  public static double w6P99Ratio(Cell c) {
    EngineResult grown = c.results().get(Bench.OURS_GROWN);
    EngineResult empty = c.results().get(Bench.OURS_EMPTY);
    return grown == null || empty == null
        ? Double.NaN
        : grown.latencyMicros(0.99) / empty.latencyMicros(0.99);
  }

  private List<Object> results() {
    List<Object> out = new ArrayList<>();
    for (Cell c : cells) {
      if (c.workload().equals("RAW")) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", c.workload());
      if (c.variant() != null) {
        m.put("variant", c.variant());
      }
      m.put("db", c.db().id());
      m.put("size", c.size());
      m.put("unit", c.unit());
      m.put("transitionsPerUnit", c.transitionsPerUnit());
      EngineResult ours = c.results().get(OURS);
      if (ours != null) {
        m.put("ours", engine(c, ours));
      }
      Map<String, Object> peers = new LinkedHashMap<>();
      for (String p : PEERS) {
        EngineResult r = c.results().get(p);
        if (r != null) {
          peers.put(p, engine(c, r));
        }
      }
      m.put("peers", peers);
      Map<String, Object> ratios = new LinkedHashMap<>();
      for (String p : PEERS) {
        put(ratios, "oursOver" + capital(p), ratio(c, p));
      }
      String faster = fasterPeer(c, false);
      if (faster != null) {
        put(ratios, "oursOverFasterPeer", ratio(c, faster));
      }
      for (String p : PEERS) {
        put(ratios, "oursOver" + capital(p) + "PerCpuSecond", cpuRatio(c, p));
      }
      String fasterCpu = fasterPeer(c, true);
      if (fasterCpu != null) {
        put(ratios, "oursOverBetterPeerPerCpuSecond", cpuRatio(c, fasterCpu));
      }
      put(ratios, "oursOverRaw", rawRatio(c));
      EngineResult none = c.results().get(Bench.OURS_NONE);
      if (none != null && !none.samples().isEmpty()) {
        m.put("oursAtHistoryNone", engine(c, none));
        put(ratios, "historyNoneOverOurs", noneRatio(c, false));
        put(ratios, "historyNoneOverOursPerCpuSecond", noneRatio(c, true));
        for (String p : PEERS) {
          put(
              ratios,
              "historyNoneOver" + capital(p),
              ratio(c, Bench.OURS_NONE, p, Summary::medianPerSecond));
        }
        if (fasterCpu != null) {
          put(
              ratios,
              "historyNoneOverBetterPeerPerCpuSecond",
              ratio(c, Bench.OURS_NONE, fasterCpu, Summary::medianPerCpuSecond));
        }
        put(ratios, "historyNoneOverRaw", rawRatio(c, Bench.OURS_NONE));
      }
      EngineResult empty = c.results().get(Bench.OURS_EMPTY);
      if (empty != null && !empty.samples().isEmpty()) {
        m.put("emptyTables", engine(c, empty));
        put(ratios, "grownOverEmptyTimePerEvent", w6TimeRatio(c));
        put(ratios, "grownOverEmptyP99", w6P99Ratio(c));
      }
      m.put("ratios", ratios);
      m.putAll(c.details());
      if (c.rawReference() != null) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("variant", c.rawReference());
        put(raw, "medianTransitionsPerSecond", rawRateFor(c));
        EngineResult inCell = c.results().get(Bench.RAW);
        if (inCell != null && !inCell.samples().isEmpty()) {
          raw.put("interleaved", true);
          raw.putAll(engine(c, inCell));
        } else {
          raw.put("interleaved", false);
        }
        m.put("raw", raw);
      }
      out.add(m);
    }
    return out;
  }

  private List<Object> raw() {
    List<Object> out = new ArrayList<>();
    for (Cell c : cells) {
      if (!c.workload().equals("RAW")) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("variant", c.variant());
      m.put("db", c.db().id());
      m.put("transitionsPerRun", c.size());
      m.putAll(engine(c, c.results().get("raw")));
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> engine(Cell c, @Nullable EngineResult r) {
    if (r == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (r.skipped() != null) {
      m.put("skipped", r.skipped());
      return m;
    }
    Summary s = r.summary();
    if (s == null) {
      return m;
    }
    m.put("runs", s.runs());
    put(m, "medianPerSecond", s.medianPerSecond());
    put(m, "minPerSecond", s.minPerSecond());
    put(m, "maxPerSecond", s.maxPerSecond());
    put(m, "medianMicrosPerUnit", s.medianMicrosPerUnit());
    put(m, "minMicrosPerUnit", s.minMicrosPerUnit());
    put(m, "maxMicrosPerUnit", s.maxMicrosPerUnit());
    put(m, "medianPerCpuSecond", s.medianPerCpuSecond());
    put(m, "cpuMicrosPerUnit", s.cpuMicrosPerUnit());
    put(m, "jvmCpuMicrosPerUnit", s.jvmCpuMicrosPerUnit());
    if (c.db() == DbKind.POSTGRES) {
      put(m, "postgresCpuMicrosPerUnit", s.dbCpuMicrosPerUnit());
    }
    put(m, "sqlStatementsPerUnit", s.statementsPerUnit());
    put(m, "roundTripsPerUnit", s.roundTripsPerUnit());
    put(m, "commitsPerUnit", s.commitsPerUnit());
    put(m, "allocatedBytesPerUnit", s.allocatedBytesPerUnit());
    if (r.liveHeapBytes() != null) {
      put(m, "liveHeapBytesPerUnit", (double) r.liveHeapBytes() / c.size());
    }
    put(m, "medianRunSeconds", s.medianRunSeconds());
    if (!r.latencies().isEmpty()) {
      put(m, "p50MicrosPerUnit", r.latencyMicros(0.5));
      put(m, "p99MicrosPerUnit", r.latencyMicros(0.99));
    }
    if (!r.notes().isEmpty()) {
      m.put("notes", r.notes());
    }
    return m;
  }

  static void put(Map<String, Object> m, String key, double v) {
    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
      m.put(key, round(v));
    }
  }

  static double round(double v) {
    double a = Math.abs(v);
    int digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
    return new java.math.BigDecimal(v)
        .setScale(digits, java.math.RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  static String capital(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}

package dev.tasquencer.bench.report;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Renders a run's JSON document as the Markdown tables of docs/performance.md, so that the doc can
 * be refreshed from a new run: {@code tasquencer bench --markdown run.json}.
 */
public final class Markdown {
  private static final List<String> ENGINES = List.of("tasquencer", "flowable", "camunda");

  private Markdown() {}

  public static String render(JsonNode doc) {
    StringBuilder md = new StringBuilder();
    JsonNode m = doc.path("machine");
    md.append(
        String.format(
            Locale.ROOT,
            "Run: %s mode, %s to %s (%s s), commit %s.%n%n",
            doc.path("mode").asString(),
            doc.path("started").asString(),
            doc.path("finished").asString(),
            doc.path("durationSeconds").asString(),
            doc.path("commit").asString("?")));
    md.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores (%s), %s memory, %s, %s, JVM options %s, %s, H2 %s; load average"
                + " (1, 5, 15 min) %s at the start and %s at the end.%n%n",
            m.path("cores").asString(),
            m.path("cpu").asString(),
            m.path("memory").asString(),
            m.path("os").asString(),
            m.path("jdk").asString(),
            m.path("jvmArgs").toString(),
            m.path("postgresql").asString(),
            m.path("h2").asString(),
            m.path("loadAverageAtStart").asString(),
            m.path("loadAverageAtEnd").asString()));
    JsonNode pg = m.path("postgresqlSettings");
    if (pg.isObject()) {
      StringBuilder settings = new StringBuilder();
      for (String name : pg.propertyNames()) {
        if (!name.equals("server_version")) {
          settings.append(settings.length() == 0 ? "" : ", ");
          settings.append(name).append('=').append(pg.path(name).asString());
        }
      }
      md.append("PostgreSQL settings (read from the server): ").append(settings).append(".\n\n");
    }
    JsonNode clocks = m.path("cpuClockResolutionNanos");
    if (clocks.isObject()) {
      md.append(
          String.format(
              Locale.ROOT,
              "CPU clock resolution (measured): JVM process CPU time %s ms, /proc per-process CPU"
                  + " time (the PostgreSQL backends) %s ms.%n%n",
              millis(clocks.path("jvmProcessCpuNanos")),
              millis(clocks.path("procStatCpuNanos"))));
    }
    JsonNode engines = doc.path("engines");
    if (engines.isObject()) {
      StringBuilder h = new StringBuilder();
      for (String e : engines.propertyNames()) {
        h.append(h.length() == 0 ? "" : ", ")
            .append(e)
            .append(' ')
            .append(engines.path(e).path("version").asString())
            .append(": ")
            .append(engines.path(e).path("history").asString("not recorded"));
      }
      md.append("History level per engine: ").append(h).append(".\n\n");
    }
    for (String db : List.of("h2", "pg")) {
      md.append("#### ").append(db.equals("h2") ? "H2 in-memory" : "PostgreSQL").append("\n\n");
      md.append(
          "| workload | N, or planned per run | unit | ours: median µs/unit [min-max]"
              + " | Flowable | Camunda"
              + " | ours/Flowable | ours/Camunda | ours/raw |\n");
      md.append("|---|---|---|---|---|---|---|---|---|\n");
      for (JsonNode r : doc.path("results")) {
        if (!r.path("db").asString().equals(db) || r.path("workload").asString().equals("W6")) {
          continue;
        }
        md.append("| ")
            .append(name(r))
            .append(" | ")
            .append(size(r))
            .append(" | ")
            .append(r.path("unit").asString())
            .append(" | ")
            .append(cell(r.path("ours")))
            .append(" | ")
            .append(cell(r.path("peers").path("flowable")))
            .append(" | ")
            .append(cell(r.path("peers").path("camunda")))
            .append(" | ")
            .append(ratio(r.path("ratios").path("oursOverFlowable")))
            .append(" | ")
            .append(ratio(r.path("ratios").path("oursOverCamunda")))
            .append(" | ")
            .append(num(r.path("ratios").path("oursOverRaw")))
            .append(" |\n");
        if (r.has("oursAtHistoryNone")) {
          md.append("| ")
              .append(name(r))
              .append(", ours at history none | ")
              .append(size(r))
              .append(" | ")
              .append(r.path("unit").asString())
              .append(" | ")
              .append(cell(r.path("oursAtHistoryNone")))
              .append(" | | | ")
              .append(ratio(r.path("ratios").path("historyNoneOverFlowable")))
              .append(" | ")
              .append(ratio(r.path("ratios").path("historyNoneOverCamunda")))
              .append(" | ")
              .append(num(r.path("ratios").path("historyNoneOverRaw")))
              .append(" |\n");
        }
      }
      md.append("\n");
    }
    md.append("#### Per CPU-second (JVM + PostgreSQL backends), W2 and W3\n\n");
    md.append("| workload | db | ours per CPU-s | Flowable | Camunda | ours/better peer |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (JsonNode r : doc.path("results")) {
      String w = r.path("workload").asString();
      if (!w.equals("W2") && !w.equals("W3")) {
        continue;
      }
      md.append("| ")
          .append(w)
          .append(" | ")
          .append(r.path("db").asString())
          .append(" | ")
          .append(num(r.path("ours").path("medianPerCpuSecond")))
          .append(" | ")
          .append(num(r.path("peers").path("flowable").path("medianPerCpuSecond")))
          .append(" | ")
          .append(num(r.path("peers").path("camunda").path("medianPerCpuSecond")))
          .append(" | ")
          .append(ratio(r.path("ratios").path("oursOverBetterPeerPerCpuSecond")))
          .append(" |\n");
      if (r.has("oursAtHistoryNone")) {
        md.append("| ")
            .append(w)
            .append(", ours at history none | ")
            .append(r.path("db").asString())
            .append(" | ")
            .append(num(r.path("oursAtHistoryNone").path("medianPerCpuSecond")))
            .append(" | | | ")
            .append(ratio(r.path("ratios").path("historyNoneOverBetterPeerPerCpuSecond")))
            .append(" |\n");
      }
    }
    md.append("\n#### SQL statements, round trips and commits per unit\n\n");
    md.append("| workload | db | unit | ours stmts / trips / commits | Flowable | Camunda |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (JsonNode r : doc.path("results")) {
      md.append("| ")
          .append(name(r))
          .append(" ")
          .append(size(r))
          .append(" | ")
          .append(r.path("db").asString())
          .append(" | ")
          .append(r.path("unit").asString());
      for (String e : ENGINES) {
        JsonNode s = e.equals("tasquencer") ? r.path("ours") : r.path("peers").path(e);
        md.append(" | ").append(counts(s));
      }
      md.append(" |\n");
      if (r.has("oursAtHistoryNone")) {
        md.append("| ")
            .append(name(r))
            .append(" ")
            .append(size(r))
            .append(", ours at history none | ")
            .append(r.path("db").asString())
            .append(" | ")
            .append(r.path("unit").asString())
            .append(" | ")
            .append(counts(r.path("oursAtHistoryNone")))
            .append(" | | |\n");
      }
    }
    md.append("\n#### W1 memory per work item\n\n");
    md.append(
        "| db | N | ours allocated B | ours live heap B | Flowable alloc / live |"
            + " Camunda alloc / live |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (JsonNode r : doc.path("results")) {
      if (!r.path("workload").asString().equals("W1")) {
        continue;
      }
      md.append("| ")
          .append(r.path("db").asString())
          .append(" | ")
          .append(size(r))
          .append(" | ")
          .append(num(r.path("ours").path("allocatedBytesPerUnit")))
          .append(" | ")
          .append(num(r.path("ours").path("liveHeapBytesPerUnit")));
      for (String p : List.of("flowable", "camunda")) {
        JsonNode s = r.path("peers").path(p);
        md.append(" | ")
            .append(
                s.has("allocatedBytesPerUnit")
                    ? num(s.path("allocatedBytesPerUnit"))
                        + " / "
                        + num(s.path("liveHeapBytesPerUnit"))
                    : "-");
      }
      md.append(" |\n");
    }
    md.append("\n#### Raw limit (plain JDBC, one insert + one update per transition)\n\n");
    md.append(
        "| db | variant | transitions/s median [min-max] | round trips / transition |"
            + " commits / transition |\n");
    md.append("|---|---|---|---|---|\n");
    for (JsonNode r : doc.path("raw")) {
      md.append("| ")
          .append(r.path("db").asString())
          .append(" | ")
          .append(r.path("variant").asString())
          .append(" | ")
          .append(num(r.path("medianPerSecond")))
          .append(" [")
          .append(num(r.path("minPerSecond")))
          .append("-")
          .append(num(r.path("maxPerSecond")))
          .append("] | ")
          .append(num(r.path("roundTripsPerUnit")))
          .append(" | ")
          .append(num(r.path("commitsPerUnit")))
          .append(" |\n");
    }
    w6(doc, md);
    md.append(
        "\n#### Targets\n\n| db | id | target | value | met | how |\n"
            + "|---|---|---|---|---|---|\n");
    for (JsonNode t : doc.path("targets")) {
      md.append("| ")
          .append(t.path("db").asString())
          .append(" | ")
          .append(t.path("id").asString())
          .append(" | ")
          .append(t.path("target").asString())
          .append(" | ")
          .append(num(t.path("value")))
          .append(" | ")
          .append(t.path("met").asBoolean() ? "yes" : "**no**")
          .append(" | ")
          .append(t.path("how").asString())
          .append(" |\n");
    }
    return md.toString();
  }

  /** W6: grown against empty tables, and how the tables were preloaded. */
  private static void w6(JsonNode doc, StringBuilder md) {
    for (JsonNode r : doc.path("results")) {
      if (!r.path("workload").asString().equals("W6")) {
        continue;
      }
      JsonNode p = r.path("preload");
      md.append("\n#### W6, tables that have grown (PostgreSQL, ours only)\n\n");
      md.append(
          "| tables | events/s median [min-max] | µs/event | p50 µs | p99 µs | stmts / trips /"
              + " commits |\n");
      md.append("|---|---|---|---|---|---|\n");
      w6Row(md, "grown (" + count(p.path("finishedRoots")) + " finished roots)", r.path("ours"));
      w6Row(md, "empty", r.path("emptyTables"));
      JsonNode h = p.path("history");
      // runs before history was stored in batches counted rows, one per event
      String history =
          h.has("events")
              ? String.format(
                  Locale.ROOT,
                  "history events: %s of %s, in %s rows (%s)",
                  count(h.path("events")),
                  count(h.path("targetEvents")),
                  count(h.path("rows")),
                  h.path("status").asString())
              : String.format(
                  Locale.ROOT,
                  "history rows: %s of %s (%s)",
                  count(h.path("rows")),
                  count(h.path("targetRows")),
                  h.path("status").asString());
      md.append(
          String.format(
              Locale.ROOT,
              "%nGrown over empty: time per event %sx, p99 %sx. Preload: %s rows in %s s"
                  + " (indexes built by %s s, vacuumed and analyzed by %s s); %s.%n",
              num(r.path("ratios").path("grownOverEmptyTimePerEvent")),
              num(r.path("ratios").path("grownOverEmptyP99")),
              rows(p.path("rowsByTable")),
              num(p.path("loadSeconds")),
              num(p.path("indexesBuiltSeconds")),
              num(p.path("loadAndVacuumSeconds")),
              history));
    }
  }

  private static void w6Row(StringBuilder md, String label, JsonNode s) {
    md.append("| ")
        .append(label)
        .append(" | ")
        .append(num(s.path("medianPerSecond")))
        .append(" [")
        .append(num(s.path("minPerSecond")))
        .append("-")
        .append(num(s.path("maxPerSecond")))
        .append("] | ")
        .append(num(s.path("medianMicrosPerUnit")))
        .append(" | ")
        .append(num(s.path("p50MicrosPerUnit")))
        .append(" | ")
        .append(num(s.path("p99MicrosPerUnit")))
        .append(" | ")
        .append(num(s.path("sqlStatementsPerUnit")))
        .append(" / ")
        .append(num(s.path("roundTripsPerUnit")))
        .append(" / ")
        .append(num(s.path("commitsPerUnit")))
        .append(" |\n");
  }

  /** "800,000 (tq_workflow 100,000, ...)": the rows of every table that has some. */
  private static String rows(JsonNode byTable) {
    long total = 0;
    StringBuilder each = new StringBuilder();
    for (String t : byTable.propertyNames()) {
      long n = byTable.path(t).path("rows").asLong();
      total += n;
      if (n > 0) {
        each.append(each.length() == 0 ? "" : ", ")
            .append(t)
            .append(' ')
            .append(String.format(Locale.ROOT, "%,d", n));
      }
    }
    return String.format(Locale.ROOT, "%,d (%s)", total, each);
  }

  /** "8.00 / 3.00 / 1.00": statements, round trips and commits per unit, or "-". */
  private static String counts(JsonNode s) {
    return s.has("roundTripsPerUnit")
        ? num(s.path("sqlStatementsPerUnit"))
            + " / "
            + num(s.path("roundTripsPerUnit"))
            + " / "
            + num(s.path("commitsPerUnit"))
        : "-";
  }

  private static String count(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%,d", v.asLong()) : "-";
  }

  private static String millis(JsonNode nanos) {
    return nanos.isNumber() ? Table.num(nanos.asDouble() / 1e6) : "-";
  }

  private static String name(JsonNode r) {
    return r.path("workload").asString()
        + (r.has("variant") ? " " + r.path("variant").asString() : "");
  }

  private static String size(JsonNode r) {
    long n = r.path("size").asLong();
    return r.path("workload").asString().equals("W1")
        ? String.format(Locale.ROOT, "N=%,d", n)
        : String.format(Locale.ROOT, "%,d", n);
  }

  private static String cell(JsonNode s) {
    if (s.isMissingNode()) {
      return "-";
    }
    if (s.has("skipped")) {
      return "skipped";
    }
    String c =
        num(s.path("medianMicrosPerUnit"))
            + " ["
            + num(s.path("minMicrosPerUnit"))
            + "-"
            + num(s.path("maxMicrosPerUnit"))
            + "]";
    return s.path("runs").asInt() < 5 ? c + " (" + s.path("runs").asInt() + " run)" : c;
  }

  private static String ratio(JsonNode v) {
    return v.isNumber() ? num(v) + "x" : "-";
  }

  private static String num(JsonNode v) {
    return v.isNumber() ? Table.num(v.asDouble()) : "-";
  }
}

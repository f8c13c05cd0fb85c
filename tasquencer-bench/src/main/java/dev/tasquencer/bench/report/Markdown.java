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
    for (String db : List.of("h2", "pg")) {
      md.append("#### ").append(db.equals("h2") ? "H2 in-memory" : "PostgreSQL").append("\n\n");
      md.append(
          "| workload | N, or planned per run | unit | ours: median µs/unit [min-max]"
              + " | Flowable | Camunda"
              + " | ours/Flowable | ours/Camunda | ours/raw |\n");
      md.append("|---|---|---|---|---|---|---|---|---|\n");
      for (JsonNode r : doc.path("results")) {
        if (!r.path("db").asString().equals(db)) {
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
        md.append(" | ");
        if (s.has("roundTripsPerUnit")) {
          md.append(num(s.path("sqlStatementsPerUnit")))
              .append(" / ")
              .append(num(s.path("roundTripsPerUnit")))
              .append(" / ")
              .append(num(s.path("commitsPerUnit")));
        } else {
          md.append("-");
        }
      }
      md.append(" |\n");
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

package dev.tasquencer.bench;

import dev.tasquencer.bench.measure.ClockResolution;
import dev.tasquencer.bench.measure.Meter;
import dev.tasquencer.bench.report.Markdown;
import dev.tasquencer.bench.report.Plot;
import dev.tasquencer.bench.report.Report;
import dev.tasquencer.bench.report.Table;
import dev.tasquencer.bench.subjects.TasquencerSubject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tasquencer bench [--quick] [--json]}: runs our engine, Flowable and Camunda 7 and the raw
 * JDBC limit on the same databases in this JVM, and prints the results (a table, or JSON with
 * {@code --json}); progress goes to stderr.
 */
public final class BenchMain {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: tasquencer bench [--quick] [--json] [options]",
          "Benchmarks Tasquencer against embedded Flowable 7.1.0 and Camunda 7.22.0 and against",
          "plain JDBC, on H2 in-memory and on PostgreSQL, in one JVM.",
          "",
          "  --quick             small sizes (a few minutes); the full run takes longer",
          "  --json              print the results as JSON (default: a table)",
          "  --out FILE          also write the JSON to FILE",
          "  --svg FILE          also draw W1's time per work item against N to FILE",
          "  --plot JSON         do not run: draw the SVG (--svg) from a saved JSON file",
          "  --markdown JSON     do not run: print a saved JSON file's tables as Markdown",
          "  --db h2,pg          databases (default: both)",
          "  --engines LIST      tasquencer,flowable,camunda (default: all three)",
          "  --workloads LIST    RAW,W1,W2,W3,W4,W5,W6,W7 (default: all; W6 and W7 on",
          "                      PostgreSQL only; W7: work queues over 100,000 open items)",
          "  --sizes LIST        W1's sizes (default 1000,10000,100000; quick 1000,10000)",
          "  --runs N            measured runs per cell (at least 5 for medians; default 5)",
          "  --warmups N         warm-up runs per cell",
          "  --history LEVEL     our engine's history level: none, activity, audit (default,",
          "                      the level Flowable and Camunda run at) or full",
          "  --none-workloads L  workloads in which ours also runs at history none, for",
          "                      comparison (default W2,W4; any of W2..W5; '-' for none)",
          "  --w6-roots N        W6: finished roots preloaded (default 1000000; quick 100000)",
          "  --trace W           do not run: print the JDBC calls (with SQL) of one unit of",
          "                      workload W (W1 with N=10, W2..W5) for each engine",
          "  --search-explain    do not run: time and explain the instance search on",
          "                      PostgreSQL over --search-rows root instances (default",
          "                      1000000), median of --runs (at least 5)",
          "  --pg-url URL        PostgreSQL server (default",
          "                      jdbc:postgresql://127.0.0.1:5432/test?user=postgres);",
          "                      a database is created per engine and dropped afterwards",
          "  -h, --help          this text");

  private BenchMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs the command and returns its exit code (2: bad arguments, 1: failure). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println("Run 'tasquencer bench --help' for usage.");
      return 2;
    }
    if (o.help) {
      out.println(USAGE);
      return 0;
    }
    try {
      if (o.markdownFrom != null) {
        out.print(Markdown.render(mapper().readTree(Files.readString(Path.of(o.markdownFrom)))));
        return 0;
      }
      if (o.plotFrom != null) {
        if (o.svg == null) {
          throw new IllegalArgumentException("--plot needs --svg FILE");
        }
        var doc = mapper().readTree(Files.readString(Path.of(o.plotFrom)));
        Files.writeString(Path.of(o.svg), Plot.w1(doc));
        err.println("bench: wrote " + o.svg);
        return 0;
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      Instant started = Instant.now();
      String runId =
          DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC).format(started);
      Plan plan = Objects.requireNonNull(o.plan, "parse() sets a plan when nothing else is asked");
      if (o.trace != null) {
        Trace.run(o.trace, plan, o.pgUrl, runId, out);
        return 0;
      }
      if (o.searchExplain) {
        return SearchExplain.run(o.pgUrl, runId, o.searchRows, Math.max(5, plan.runs()), out, err);
      }
      meta.put("benchmark", "tasquencer-bench");
      meta.put("mode", plan.mode());
      meta.put("started", started.toString());
      if (System.getProperty("tasquencer.commit") != null) {
        meta.put("commit", System.getProperty("tasquencer.commit"));
      }
      Map<String, Object> machine = machine(o);
      meta.put("machine", machine);
      err.printf(
          Locale.ROOT,
          "bench: %s run on %s cores, %s, load average %s%n",
          o.plan.mode(),
          machine.get("cores"),
          machine.get("jdk"),
          loadAverage());
      Bench bench = new Bench(o.plan, err, o.pgUrl, runId);
      bench.run();
      Instant finished = Instant.now();
      meta.put("finished", finished.toString());
      meta.put(
          "durationSeconds",
          Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 100.0) / 10.0);
      machine.put("loadAverageAtEnd", loadAverage());
      meta.put("engines", engines(bench.settings(), bench.history()));
      meta.put("plan", plan(o.plan));
      if (!bench.queues().isEmpty()) {
        meta.put("w7", bench.queues());
      }
      Report report = new Report(bench.cells());
      Map<String, Object> doc = report.document(meta);
      String json = mapper().writeValueAsString(doc);
      if (o.outFile != null) {
        Files.writeString(Path.of(o.outFile), json + "\n");
        err.println("bench: wrote " + o.outFile);
      }
      if (o.svg != null) {
        Files.writeString(Path.of(o.svg), Plot.w1(mapper().readTree(json)));
        err.println("bench: wrote " + o.svg);
      }
      if (o.json) {
        out.println(json);
      } else {
        PrintWriter w =
            new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true);
        Table.print(report, meta, w);
        if (!bench.queues().isEmpty()) {
          w.println(QueueWorkload.describe(bench.queues()));
        }
      }
      err.printf(
          Locale.ROOT,
          "bench: done in %.0f s%n",
          (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e);
      if (Boolean.getBoolean("tasquencer.stacktrace")) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  static JsonMapper mapper() {
    return JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  /** The parsed command line. */
  static final class Options {
    @Nullable Plan plan;
    boolean json;
    boolean help;
    @Nullable String outFile;
    @Nullable String svg;
    @Nullable String plotFrom;
    @Nullable String trace;
    @Nullable String markdownFrom;
    boolean searchExplain;
    int searchRows = 1_000_000;
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> a = new ArrayList<>(Arrays.asList(args));
      if (!a.isEmpty() && a.get(0).equals("bench")) {
        a.remove(0);
      }
      boolean quick = a.contains("--quick");
      boolean smoke = a.contains("--smoke");
      o.plan = smoke ? Plan.smoke() : quick ? Plan.quick() : Plan.full();
      for (int i = 0; i < a.size(); i++) {
        String arg = a.get(i);
        switch (arg) {
          case "--quick":
          case "--smoke":
            break;
          case "--json":
            o.json = true;
            break;
          case "-h":
          case "--help":
            o.help = true;
            break;
          case "--out":
            o.outFile = value(a, ++i, arg);
            break;
          case "--svg":
            o.svg = value(a, ++i, arg);
            break;
          case "--plot":
            o.plotFrom = value(a, ++i, arg);
            break;
          case "--trace":
            o.trace = value(a, ++i, arg).toUpperCase(Locale.ROOT);
            if (!Trace.WORKLOADS.contains(o.trace)) {
              throw new IllegalArgumentException("--trace: W1..W5, not " + o.trace);
            }
            break;
          case "--markdown":
            o.markdownFrom = value(a, ++i, arg);
            break;
          case "--pg-url":
            o.pgUrl = value(a, ++i, arg);
            break;
          case "--db":
            List<DbKind> dbs = new ArrayList<>();
            for (String s : list(value(a, ++i, arg))) {
              dbs.add(DbKind.of(s));
            }
            o.plan = o.plan.withDbs(dbs);
            break;
          case "--engines":
            o.plan = o.plan.withEngines(known(list(value(a, ++i, arg)), Plan.ALL_ENGINES, arg));
            break;
          case "--workloads":
            Set<String> w = new LinkedHashSet<>();
            for (String s : list(value(a, ++i, arg))) {
              w.add(s.toUpperCase(Locale.ROOT));
            }
            o.plan = o.plan.withWorkloads(known(new ArrayList<>(w), Plan.ALL_WORKLOADS, arg));
            break;
          case "--sizes":
            List<Integer> sizes = new ArrayList<>();
            for (String s : list(value(a, ++i, arg))) {
              sizes.add(positive(s.replace("_", ""), arg));
            }
            o.plan = o.plan.withW1Sizes(sizes);
            break;
          case "--history":
            String level = value(a, ++i, arg).toLowerCase(Locale.ROOT);
            TasquencerSubject.checkHistory(level);
            o.plan = o.plan.withHistory(level);
            break;
          case "--none-workloads":
            Set<String> none = new LinkedHashSet<>();
            String given = value(a, ++i, arg);
            if (!given.equals("-")) {
              for (String s : list(given)) {
                none.add(s.toUpperCase(Locale.ROOT));
              }
            }
            o.plan =
                o.plan.withNoneWorkloads(known(new ArrayList<>(none), Plan.NONE_WORKLOADS, arg));
            break;
          case "--w6-roots":
            o.plan = o.plan.withW6Roots(positive(value(a, ++i, arg).replace("_", ""), arg));
            break;
          case "--search-explain":
            o.searchExplain = true;
            break;
          case "--search-rows":
            o.searchRows = positive(value(a, ++i, arg).replace("_", ""), arg);
            break;
          case "--runs":
            o.plan = o.plan.withRuns(o.plan.warmups(), positive(value(a, ++i, arg), arg));
            break;
          case "--warmups":
            o.plan = o.plan.withRuns(Integer.parseInt(value(a, ++i, arg)), o.plan.runs());
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      return o;
    }

    private static String value(List<String> a, int i, String option) {
      if (i >= a.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return a.get(i);
    }

    private static List<String> list(String s) {
      List<String> out = new ArrayList<>();
      for (String p : s.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
      return out;
    }

    private static Set<String> known(List<String> given, List<String> all, String option) {
      for (String g : given) {
        if (!all.contains(g)) {
          throw new IllegalArgumentException(
              option + ": unknown '" + g + "' (known: " + String.join(", ", all) + ")");
        }
      }
      return new LinkedHashSet<>(given);
    }

    private static int positive(String s, String option) {
      try {
        int v = Integer.parseInt(s);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + ": not a positive number: '" + s + "'");
    }
  }

  private static Map<String, Object> machine(Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", firstLine("/proc/cpuinfo", "model name"));
    String mem = firstLine("/proc/meminfo", "MemTotal");
    m.put("memory", mem);
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    if (o.plan != null && o.plan.dbs().contains(DbKind.POSTGRES)) {
      Map<String, String> pg = PgSettings.read(o.pgUrl);
      m.put("postgresql", "PostgreSQL " + pg.get("server_version"));
      m.put("postgresqlSettings", pg);
    }
    m.put("h2", org.h2.engine.Constants.FULL_VERSION);
    m.put("postgresBackendCpuCounted", Meter.canReadProcessCpu());
    m.put("cpuClockResolutionNanos", ClockResolution.measure());
    m.put("loadAverageAtStart", loadAverage());
    return m;
  }

  private static Map<String, Object> engines(
      Map<String, String> settings, Map<String, String> history) {
    Properties p = new Properties();
    try (InputStream in = BenchMain.class.getResourceAsStream("/tasquencer-bench.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // versions stay unknown
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      Map<String, Object> one = new LinkedHashMap<>();
      String product = e.getKey().startsWith("tasquencer") ? "tasquencer" : e.getKey();
      one.put("version", p.getProperty(product + ".version", "?"));
      one.put("history", history.get(e.getKey()));
      one.put("settings", e.getValue());
      m.put(e.getKey(), one);
    }
    return m;
  }

  private static Map<String, Object> plan(Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("warmups", p.warmups());
    m.put("runs", p.runs());
    m.put("w1Sizes", p.w1Sizes());
    m.put("w2InstancesPerRun", p.w2Instances());
    m.put("w3InstancesPerRun", p.w3Instances());
    m.put("w4EventsPerRun", p.w4Events());
    m.put("w5InstancesPerRun", p.w5Instances());
    m.put("w6PreloadedRoots", p.w6Roots());
    m.put("history", p.history());
    // where ours also ran at history none: asked for, run, and ours at another level
    m.put("historyNoneWorkloads", p.workloads().stream().filter(p::alsoAtNone).sorted().toList());
    m.put("rawTransitionsPerRun1PerTx", p.rawSingle());
    m.put("rawTransitionsPerRun100PerTx", p.rawHundred());
    m.put("skipNextW1SizeAfterSeconds", p.skipAfterSeconds());
    m.put("w1SizeBudgetSecondsPerPeer", p.sizeBudgetSeconds());
    return m;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String firstLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return "unknown";
  }
}

package dev.tasquencer.bench;

import dev.tasquencer.bench.Cell.EngineResult;
import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.measure.Meter;
import dev.tasquencer.bench.measure.Probe;
import dev.tasquencer.bench.measure.Sample;
import dev.tasquencer.bench.subjects.CamundaSubject;
import dev.tasquencer.bench.subjects.FlowableSubject;
import dev.tasquencer.bench.subjects.RawJdbc;
import dev.tasquencer.bench.subjects.Subject;
import dev.tasquencer.bench.subjects.TasquencerSubject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The harness: for each database, opens a dedicated database and engine per engine under test, then
 * runs every workload cell with warm-up runs and measured runs. The engines take turns run by run
 * (ours, Flowable, Camunda, ours, ...), so that a change in the machine's load during a cell
 * touches them alike; a full garbage collection precedes every measured run.
 */
public final class Bench {
  /** The raw variant W1, W2, W3 and W5 are compared with. */
  public static final RawJdbc.Variant RAW_BATCHED = new RawJdbc.Variant(100, true);

  /** The raw variant W4 is compared with (one commit per transition, as one event). */
  public static final RawJdbc.Variant RAW_SINGLE = new RawJdbc.Variant(1, false);

  static final List<RawJdbc.Variant> RAW_VARIANTS =
      List.of(
          new RawJdbc.Variant(1, false),
          new RawJdbc.Variant(1, true),
          new RawJdbc.Variant(100, false),
          RAW_BATCHED);

  /** All 3-element subsets of the 6 branches, which W5's OR-split instances take in turn. */
  static final List<List<Integer>> W5_SUBSETS = subsets();

  private final Plan plan;
  private final PrintStream progress;
  private final String pgUrl;
  private final String runId;
  private final List<Cell> cells = new ArrayList<>();

  /** W7: how often each queue query is timed. */
  static final int W7_REPETITIONS = 500;

  /** W7's figures (work queues), when it ran. */
  private final Map<String, Object> queues = new LinkedHashMap<>();

  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, String> history = new LinkedHashMap<>();
  private int w5Turn;

  /** The raw reference on the database being run, or null when RAW is not run. */
  private @Nullable RawJdbc raw;

  /**
   * Our engine at history level none on the database being run (its own database), or null when no
   * workload compares with it.
   */
  private @Nullable TasquencerSubject oursAtNone;

  /** One unmeasured or measured run: set-up, the measured call(s), and a check afterwards. */
  interface Trial {
    default void prepare() {}

    /** The measured part; returns the units of work done. */
    long run();

    /** Ticks of {@link Probe} the run must produce (-1: not checked). */
    default long expectedTicks() {
      return -1;
    }

    /** Checks the outcome after the measurement; throws when the engine did not do the work. */
    default void check() {}

    /** The latency of each unit of the last run, in nanoseconds, or null when not timed. */
    default long @Nullable [] latencies() {
      return null;
    }
  }

  /** W6: our engine on the database with grown tables. */
  public static final String OURS_GROWN = "tasquencer";

  /** W6: our engine on an empty database, the reference W6 is compared with. */
  public static final String OURS_EMPTY = "tasquencer-empty-tables";

  /**
   * Our engine at history level none, taking part in the cells of {@link Plan#noneWorkloads()} next
   * to our engine at the plan's level, to show what history costs.
   */
  public static final String OURS_NONE = "tasquencer-history-none";

  /** The name the raw JDBC reference takes part in a cell under. */
  public static final String RAW = "raw";

  /**
   * An engine (or the raw reference) taking part in a cell: how to measure it and how to make its
   * trials.
   *
   * @param trials makes a trial doing the given number of units
   * @param scalable whether a measured run may do more units than planned, to last long enough
   * @param planned the units a run does as planned, or 0 for the cell's size
   */
  record Participant(
      String engine, Meter meter, IntFunction<Trial> trials, boolean scalable, long planned) {
    long plannedIn(Cell cell) {
      return planned > 0 ? planned : cell.size();
    }
  }

  public Bench(Plan plan, PrintStream progress, String pgUrl, String runId) {
    this.plan = plan;
    this.progress = progress;
    this.pgUrl = pgUrl;
    this.runId = runId;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** W7's figures: preload, and median and p99 per queue query; empty when W7 did not run. */
  public Map<String, Object> queues() {
    return queues;
  }

  /** Engine settings as reported ("history level audit, ..."), by engine. */
  public Map<String, String> settings() {
    return settings;
  }

  /** The history level each engine ran at, read from its configuration, by engine. */
  public Map<String, String> history() {
    return history;
  }

  public List<Cell> run() {
    for (DbKind db : plan.dbs()) {
      runOn(db);
    }
    return cells;
  }

  private void runOn(DbKind db) {
    List<AutoCloseable> open = new ArrayList<>();
    try {
      say("[%s] creating the databases and engines", db.id());
      raw = null;
      if (plan.workloads().contains("RAW")) {
        BenchDatabase rawDb = BenchDatabase.create(db, "raw", runId, pgUrl);
        open.add(rawDb);
        raw = new RawJdbc(rawDb.dataSource(), db);
      }
      List<Subject> subjects = new ArrayList<>();
      for (String engine : Plan.ALL_ENGINES) {
        if (!plan.engines().contains(engine)) {
          continue;
        }
        BenchDatabase bdb = BenchDatabase.create(db, engine, runId, pgUrl);
        open.add(0, bdb);
        long t0 = System.nanoTime();
        Subject s =
            open(
                engine,
                bdb.dataSource(),
                "bench-" + engine + "-" + db.id() + "-" + runId,
                plan.history());
        open.add(0, s);
        subjects.add(s);
        settings.putIfAbsent(engine, s.settings());
        say("[%s]   %s ready in %.1f s (%s)", db.id(), engine, secondsSince(t0), s.settings());
      }
      oursAtNone = null;
      if (plan.engines().contains("tasquencer")
          && plan.workloads().stream().anyMatch(plan::alsoAtNone)) {
        BenchDatabase noneDb = BenchDatabase.create(db, "tasquencer_none", runId, pgUrl);
        open.add(0, noneDb);
        oursAtNone = new TasquencerSubject(noneDb.dataSource(), "none");
        open.add(0, oursAtNone);
        settings.putIfAbsent(OURS_NONE, oursAtNone.settings());
        say("[%s]   %s ready (%s)", db.id(), OURS_NONE, oursAtNone.settings());
      }
      if (raw != null) {
        rawVariants(db);
      }
      if (plan.workloads().contains("W1")) {
        w1(db, subjects);
      }
      if (plan.workloads().contains("W2")) {
        instances("W2", db, subjects, plan.w2Instances(), 10, Subject::sequenceOfTen);
      }
      if (plan.workloads().contains("W3")) {
        instances("W3", db, subjects, plan.w3Instances(), 6, Subject::andSplitJoin);
      }
      if (plan.workloads().contains("W4")) {
        w4(db, subjects);
      }
      if (plan.workloads().contains("W5")) {
        w5(db, subjects, W5Variant.OR_SUBSET);
        w5(db, subjects, W5Variant.AND);
        w5(db, subjects, W5Variant.OR_ALL);
      }
      if (plan.workloads().contains("W6")
          && db == DbKind.POSTGRES
          && plan.engines().contains(OURS_GROWN)) {
        w6(db, open);
      }
      if (plan.workloads().contains("W7") && db == DbKind.POSTGRES) {
        say(
            "[%s] W7: creating the database, preloading %,d open items",
            db.id(), QueueWorkload.ITEMS);
        BenchDatabase queuesDb = BenchDatabase.create(db, "tasquencer_queues", runId, pgUrl);
        open.add(0, queuesDb);
        queues.putAll(
            QueueWorkload.run(queuesDb.dataSource(), W7_REPETITIONS, (f, args) -> say(f, args)));
      }
      // read back from each engine once it has run instances (ours: from its live state)
      for (Subject s : subjects) {
        history.putIfAbsent(s.id(), s.history());
      }
      if (oursAtNone != null) {
        history.putIfAbsent(OURS_NONE, oursAtNone.history());
      }
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          say("bench: closing %s failed: %s", c, e);
        }
      }
    }
  }

  /** Opens an engine under test on a data source; {@code name} names the BPMN engines. */
  static Subject open(String engine, CountingDataSource ds, String name, String history) {
    switch (engine) {
      case "tasquencer":
        return new TasquencerSubject(ds, history);
      case "flowable":
        return new FlowableSubject(ds, name);
      case "camunda":
        return new CamundaSubject(ds, name);
      default:
        throw new IllegalArgumentException("unknown engine " + engine);
    }
  }

  // ------------------------------------------------------------------ workloads

  /** The raw limit's four variants, each a cell of its own (the table of raw rates). */
  private void rawVariants(DbKind db) {
    for (RawJdbc.Variant v : RAW_VARIANTS) {
      Cell cell = new Cell("RAW", v.id(), db, rawPlanned(v), "transition", 1, null);
      measure(cell, List.of(rawParticipant(v)), plan.warmups(), false);
    }
  }

  private int rawPlanned(RawJdbc.Variant v) {
    return v.perTransaction() == 1 ? plan.rawSingle() : plan.rawHundred();
  }

  /**
   * The raw reference as a participant: its runs write as many transitions as asked for (rounded up
   * to whole transactions), at least the plan's count.
   */
  private Participant rawParticipant(RawJdbc.Variant v) {
    RawJdbc r = Objects.requireNonNull(raw, "RAW runs on this database");
    return new Participant(
        RAW,
        new Meter(r.dataSource()),
        count -> {
          int per = v.perTransaction();
          int n = (count + per - 1) / per * per;
          return () -> {
            r.run(v, n);
            return n;
          };
        },
        true,
        rawPlanned(v));
  }

  /**
   * The participants of a cell: the engines, then the raw variant the cell's ratio ours/raw uses,
   * so that the raw reference takes its turns run by run with the engines.
   */
  private List<Participant> withRaw(Cell cell, List<Participant> engines) {
    if (raw == null || cell.rawReference() == null) {
      return engines;
    }
    List<Participant> ps = new ArrayList<>(engines);
    for (RawJdbc.Variant v : RAW_VARIANTS) {
      if (v.id().equals(cell.rawReference())) {
        ps.add(rawParticipant(v));
      }
    }
    return ps;
  }

  /**
   * The participants of a cell with our engine at history level none added right after ours, when
   * the plan compares with it in this workload.
   */
  private List<Participant> withNone(
      Cell cell, List<Participant> engines, Function<Subject, IntFunction<Trial>> trial) {
    TasquencerSubject none = oursAtNone;
    if (none == null || !plan.alsoAtNone(cell.workload())) {
      return engines;
    }
    List<Participant> ps = new ArrayList<>(engines);
    int at = 0;
    while (at < ps.size() && !ps.get(at).engine().equals("tasquencer")) {
      at++;
    }
    ps.add(
        Math.min(at + 1, ps.size()),
        new Participant(OURS_NONE, new Meter(none.dataSource()), trial.apply(none), true, 0));
    return ps;
  }

  private void w1(DbKind db, List<Subject> subjects) {
    Map<String, Integer> prevSize = new HashMap<>();
    Map<String, Double> prevSeconds = new HashMap<>();
    Map<String, Double> growth = new HashMap<>();
    boolean first = true;
    for (int n : plan.w1Sizes()) {
      Cell cell = new Cell("W1", null, db, n, "work item", 1, RAW_BATCHED.id());
      List<Participant> ps = new ArrayList<>();
      Map<String, Integer> warmups = new HashMap<>();
      for (Subject s : subjects) {
        String skip =
            w1Skip(s.id(), n, prevSize.get(s.id()), prevSeconds.get(s.id()), growth.get(s.id()));
        if (skip != null) {
          cell.result(s.id()).skipped = skip;
          say("[%s] W1 N=%,d %s skipped: %s", db.id(), n, s.id(), skip);
          continue;
        }
        // later sizes need no JIT warm-up; ours still gets one for its heap probe (cheap)
        warmups.put(s.id(), first ? plan.warmups() : s.id().equals("tasquencer") ? 1 : 0);
        // a short call is repeated within a run (each call still one transaction of N items)
        ps.add(participant(s, count -> w1Trial(s, n, Math.max(1, count / n))));
      }
      ps = withRaw(cell, ps);
      // the raw reference keeps one warm-up at every size: its run length is chosen from it
      warmups.put(RAW, Math.max(1, plan.warmups()));
      measure(cell, ps, warmups, true);
      for (Participant p : ps) {
        EngineResult r = cell.result(p.engine());
        if (p.engine().equals(RAW) || r.samples().isEmpty()) {
          continue;
        }
        double seconds = Objects.requireNonNull(r.summary()).medianRunSeconds();
        Integer before = prevSize.get(p.engine());
        if (before != null) {
          growth.put(
              p.engine(),
              exponent(Objects.requireNonNull(prevSeconds.get(p.engine())), seconds, before, n));
        } else if (!p.engine().equals("tasquencer") && n >= 8) {
          // how the cost grows, from one more (unreported) run at a quarter of the size
          Sample quarter = timed(p, w1Trial(subject(subjects, p.engine()), n / 4, 1));
          double k = exponent(quarter.seconds(), seconds, n / 4.0, n);
          growth.put(p.engine(), k);
          r.notes()
              .add(
                  String.format(
                      Locale.ROOT,
                      "time grows as N^%.2f between N=%,d (%.2f s) and N=%,d",
                      k,
                      n / 4,
                      quarter.seconds(),
                      n));
        }
        prevSize.put(p.engine(), n);
        prevSeconds.put(p.engine(), seconds);
      }
      first = false;
    }
  }

  private static Subject subject(List<Subject> subjects, String id) {
    return subjects.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static Trial w1Trial(Subject s, int n, int calls) {
    return startsTrial(s, "W1", calls, n, n, () -> s.oneTaskManyItems(n));
  }

  /** A scalable participant: its runs do as many units as {@link #measure} asks for. */
  private static Participant participant(Subject s, IntFunction<Trial> trials) {
    return new Participant(s.id(), new Meter(s.dataSource()), trials, true, 0);
  }

  /**
   * A trial that starts {@code calls} instances one after the other (each start one engine call
   * that runs the instance as far as it goes) and checks that the last one ended.
   *
   * @param unitsPerCall units of work one call does
   * @param ticksPerCall automatic tasks one call runs
   */
  private static Trial startsTrial(
      Subject s,
      String workload,
      int calls,
      long unitsPerCall,
      long ticksPerCall,
      Supplier<Object> start) {
    return new Trial() {
      @Nullable Object last;

      @Override
      public long run() {
        for (int i = 0; i < calls; i++) {
          last = start.get();
        }
        return calls * unitsPerCall;
      }

      @Override
      public long expectedTicks() {
        return calls * ticksPerCall;
      }

      @Override
      public void check() {
        require(last != null && s.ended(last), s.id() + ": " + workload + " instance did not end");
      }
    };
  }

  /** The k of time ~ N^k between two sizes, kept within [1, 2.5]. */
  static double exponent(double t1, double t2, double n1, double n2) {
    double k = Math.log(t2 / t1) / Math.log(n2 / n1);
    return Double.isNaN(k) ? 1 : Math.max(1, Math.min(2.5, k));
  }

  /** Why an engine skips W1 at size n, or null. */
  private @Nullable String w1Skip(
      String engine,
      int n,
      @Nullable Integer prevN,
      @Nullable Double prevSecs,
      @Nullable Double k) {
    if (prevN == null || prevSecs == null) {
      return null;
    }
    if (prevSecs > plan.skipAfterSeconds()) {
      return String.format(
          Locale.ROOT,
          "a run at N=%,d took %.0f s (over %.0f s)",
          prevN,
          prevSecs,
          plan.skipAfterSeconds());
    }
    if (engine.equals("tasquencer")) {
      return null;
    }
    double growth = k == null ? 1 : k;
    double predicted = prevSecs * Math.pow((double) n / prevN, growth);
    double total = predicted * plan.runs();
    if (total > plan.sizeBudgetSeconds()) {
      return String.format(
          Locale.ROOT,
          "predicted %.0f s per run (%.1f s at N=%,d, time growing as N^%.2f), %.0f s for %d"
              + " runs: over this run's budget of %.0f s per engine and size",
          predicted,
          prevSecs,
          prevN,
          growth,
          total,
          plan.runs(),
          plan.sizeBudgetSeconds());
    }
    return null;
  }

  private void instances(
      String workload,
      DbKind db,
      List<Subject> subjects,
      int m,
      int tasks,
      Function<Subject, Object> start) {
    Cell cell = new Cell(workload, null, db, m, "instance", tasks, RAW_BATCHED.id());
    List<Participant> ps = new ArrayList<>();
    for (Subject s : subjects) {
      ps.add(
          participant(s, count -> startsTrial(s, workload, count, 1, tasks, () -> start.apply(s))));
    }
    ps =
        withNone(
            cell,
            ps,
            none -> count -> startsTrial(none, workload, count, 1, tasks, () -> start.apply(none)));
    measure(cell, withRaw(cell, ps), plan.warmups(), false);
  }

  private void w4(DbKind db, List<Subject> subjects) {
    Cell cell = new Cell("W4", null, db, plan.w4Events(), "event", 1, RAW_SINGLE.id());
    List<Participant> ps = new ArrayList<>();
    for (Subject s : subjects) {
      ps.add(participant(s, count -> w4Trial(s, count)));
    }
    ps = withNone(cell, ps, none -> count -> w4Trial(none, count));
    measure(cell, withRaw(cell, ps), plan.warmups(), false);
  }

  /**
   * {@code count} W4 events: set up as many instances waiting at their first task (not measured),
   * then complete the waiting work item of each, timing every event on its own.
   */
  private static Trial w4Trial(Subject s, int count) {
    return new Trial() {
      @SuppressWarnings("NullAway.Init") // set by prepare(), before run()
      List<Object> handles;

      @SuppressWarnings("NullAway.Init") // likewise
      long[] latencies;

      @Override
      public void prepare() {
        handles = s.waitingInstances(count);
        latencies = new long[count];
      }

      @Override
      public long run() {
        int i = 0;
        for (Object h : handles) {
          long t0 = System.nanoTime();
          s.completeWaiting(h);
          latencies[i++] = System.nanoTime() - t0;
        }
        return count;
      }

      @Override
      public long expectedTicks() {
        return 0;
      }

      @Override
      public void check() {
        require(
            s.waitsAtSecond(handles.get(0)) && s.waitsAtSecond(handles.get(handles.size() - 1)),
            s.id() + ": W4 event did not move the instance to its second task");
      }

      @Override
      public long[] latencies() {
        return latencies;
      }
    };
  }

  /**
   * W6, tables that have grown: W4 on PostgreSQL, our engine on a database whose instance tables
   * hold {@link Plan#w6Roots()} finished roots, taking turns run by run with our engine on an empty
   * database; events per second and p99 latency of one against the other.
   */
  private void w6(DbKind db, List<AutoCloseable> open) {
    say("[%s] W6: creating the grown and the empty database", db.id());
    BenchDatabase grownDb = BenchDatabase.create(db, "tasquencer_grown", runId, pgUrl);
    open.add(0, grownDb);
    TasquencerSubject grown = new TasquencerSubject(grownDb.dataSource(), plan.history());
    open.add(0, grown);
    BenchDatabase emptyDb = BenchDatabase.create(db, "tasquencer_empty", runId, pgUrl);
    open.add(0, emptyDb);
    TasquencerSubject empty = new TasquencerSubject(emptyDb.dataSource(), plan.history());
    open.add(0, empty);
    say("[%s] W6: preloading %,d finished roots", db.id(), plan.w6Roots());
    Map<String, Object> preload =
        Preload.finishedRoots(grownDb.dataSource().delegate(), grown, plan.w6Roots(), this::say);
    Cell cell = new Cell("W6", null, db, plan.w4Events(), "event", 1, null);
    cell.details().put("preload", preload);
    List<Participant> ps =
        List.of(
            new Participant(
                OURS_GROWN, new Meter(grown.dataSource()), n -> w4Trial(grown, n), true, 0),
            new Participant(
                OURS_EMPTY, new Meter(empty.dataSource()), n -> w4Trial(empty, n), true, 0));
    measure(cell, ps, plan.warmups(), false);
  }

  /** W5's variants of the same 20-task net. */
  enum W5Variant {
    /** OR-split to 3 of the 6 branches (the 20 subsets in turn), OR-join: 11 firings. */
    OR_SUBSET("or-join", true),
    /** AND-split to all branches, AND-join: 20 firings. */
    AND("and-join", false),
    /** OR-split to all 6 branches, OR-join: 20 firings, as many as the AND net. */
    OR_ALL("or-join all branches", true);

    final String id;
    final boolean or;

    W5Variant(String id, boolean or) {
      this.id = id;
      this.or = or;
    }
  }

  private void w5(DbKind db, List<Subject> subjects, W5Variant variant) {
    int m = plan.w5Instances();
    boolean or = variant.or;
    int firings =
        variant == W5Variant.OR_SUBSET
            ? 1 + 3 * Subject.W5_BRANCH_LENGTH + 1
            : Subject.w5Tasks().size();
    Cell cell = new Cell("W5", variant.id, db, m, "task firing", 1, RAW_BATCHED.id());
    List<Participant> ps = new ArrayList<>();
    for (Subject s : subjects) {
      ps.add(
          participant(
              s,
              count ->
                  startsTrial(
                      s,
                      "W5",
                      count,
                      firings,
                      firings,
                      () -> s.splitJoinNet(or, w5Branches(variant)))));
    }
    ps =
        withNone(
            cell,
            ps,
            none ->
                count ->
                    startsTrial(
                        none,
                        "W5",
                        count,
                        firings,
                        firings,
                        () -> none.splitJoinNet(or, w5Branches(variant))));
    measure(cell, withRaw(cell, ps), plan.warmups(), false);
  }

  /** The branches an instance of a W5 variant takes (the OR subsets in turn). */
  private List<Integer> w5Branches(W5Variant variant) {
    return variant == W5Variant.OR_SUBSET
        ? W5_SUBSETS.get(w5Turn++ % W5_SUBSETS.size())
        : List.of(1, 2, 3, 4, 5, 6);
  }

  // ------------------------------------------------------------------ measuring

  private void measure(Cell cell, List<Participant> ps, int warmups, boolean probeHeap) {
    Map<String, Integer> w = new HashMap<>();
    for (Participant p : ps) {
      w.put(p.engine(), warmups);
    }
    measure(cell, ps, w, probeHeap);
  }

  /**
   * Warm-up runs (per engine; the last one probes the heap when asked, or the first measured run
   * when there is none), then the measured runs, engines taking turns.
   */
  private void measure(
      Cell cell, List<Participant> ps, Map<String, Integer> warmupsOf, boolean probeHeap) {
    cells.add(cell);
    String where = "[" + cell.db().id() + "] " + cell.label() + " " + sizeLabel(cell);
    Map<String, Boolean> done = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Participant p : ps) {
      EngineResult r = cell.result(p.engine());
      int warmups = Objects.requireNonNull(warmupsOf.get(p.engine()));
      long planned = p.plannedIn(cell);
      int count = (int) planned;
      for (int w = 0; w < warmups; w++) {
        boolean probe = probeHeap && w == warmups - 1 && !p.engine().equals(RAW);
        Trial t = p.trials().apply((int) planned);
        t.prepare();
        Sample s = probe ? probed(p, t, cell, r) : timed(p, t);
        t.check();
        say(
            "%s %s warm-up %d/%d: %s",
            where,
            p.engine(),
            w + 1,
            warmups,
            describe(s, p.engine().equals(RAW) ? "transition" : cell.unit()));
        if (p.scalable() && w == warmups - 1) {
          count = scaledCount(planned, s.seconds());
          if (count != planned) {
            String what =
                p.engine().equals(RAW)
                    ? String.format(Locale.ROOT, "%,d transitions", count)
                    : cell.workload().equals("W1")
                        ? String.format(Locale.ROOT, "%,d calls of N", count / cell.size())
                        : String.format(
                            Locale.ROOT,
                            "%,d %s",
                            count,
                            cell.unit().equals("event") ? "events" : "instances");
            r.notes()
                .add(
                    String.format(
                        Locale.ROOT,
                        "measured runs of %s (so that a run lasts at least %s s)",
                        what,
                        plan.minRunSeconds()));
          }
        }
        if (s.seconds() > plan.skipAfterSeconds()) {
          r.samples().add(s);
          r.notes()
              .add(
                  String.format(
                      Locale.ROOT,
                      "one run only: its warm-up took %.0f s (over %.0f s); that run is the"
                          + " result",
                      s.seconds(),
                      plan.skipAfterSeconds()));
          done.put(p.engine(), true);
          break;
        }
      }
      counts.put(p.engine(), count);
    }
    for (int run = 0; run < plan.runs(); run++) {
      for (Participant p : ps) {
        if (done.containsKey(p.engine())) {
          continue;
        }
        Trial t = p.trials().apply(Objects.requireNonNull(counts.get(p.engine())));
        t.prepare();
        EngineResult r = cell.result(p.engine());
        boolean probe =
            probeHeap && run == 0 && warmups(warmupsOf, p) == 0 && !p.engine().equals(RAW);
        Sample s;
        if (probe) {
          s = probed(p, t, cell, r);
          r.notes().add("the heap probe (two forced GCs) ran inside measured run 1");
        } else {
          Probe.collect();
          s = timed(p, t);
        }
        t.check();
        r.samples().add(s);
        if (t.latencies() != null) {
          r.latencies().add(t.latencies());
        }
        say(
            "%s %s run %d/%d: %s",
            where,
            p.engine(),
            run + 1,
            plan.runs(),
            describe(s, p.engine().equals(RAW) ? "transition" : cell.unit()));
        if (run == 0 && s.seconds() > plan.skipAfterSeconds()) {
          r.notes()
              .add(
                  String.format(
                      Locale.ROOT,
                      "one run only: it took %.0f s (over %.0f s)",
                      s.seconds(),
                      plan.skipAfterSeconds()));
          done.put(p.engine(), true);
        }
      }
    }
  }

  /**
   * How many instances (or events) a measured run does so that it lasts at least the plan's minimum
   * run time, judged from the last warm-up run (at most 50 times the planned count).
   */
  private int scaledCount(long planned, double warmupSeconds) {
    if (plan.minRunSeconds() <= 0 || warmupSeconds >= plan.minRunSeconds()) {
      return (int) planned;
    }
    double perUnit = Math.max(warmupSeconds, 1e-6) / planned;
    long wanted = (long) Math.ceil(plan.minRunSeconds() / perUnit);
    return (int) Math.min(Math.max(planned, wanted), planned * 50);
  }

  /** A timed run that measures the live heap at its last work item. */
  private static Sample probed(Participant p, Trial t, Cell cell, EngineResult r) {
    long before = Probe.heapAfterGc();
    Probe.armAfter(cell.size());
    try {
      return timed(p, t);
    } finally {
      Probe.disarm();
      long at = Probe.heapAtProbe();
      if (at >= 0) {
        r.liveHeapBytes = at - before;
      }
    }
  }

  private static Sample timed(Participant p, Trial t) {
    long ticks = Probe.ticks();
    Meter.Reading before = p.meter().read();
    long units = t.run();
    Meter.Reading after = p.meter().read();
    long ticked = Probe.ticks() - ticks;
    if (t.expectedTicks() >= 0 && ticked != t.expectedTicks()) {
      throw new IllegalStateException(
          p.engine() + " ran " + ticked + " automatic tasks, expected " + t.expectedTicks());
    }
    return Sample.between(before, after, units);
  }

  static String sizeLabel(Cell c) {
    switch (c.workload()) {
      case "W1":
        return String.format(Locale.ROOT, "N=%,d", c.size());
      case "RAW":
        return String.format(Locale.ROOT, "%,d transitions", c.size());
      case "W4":
      case "W6":
        return String.format(Locale.ROOT, "%,d events", c.size());
      default:
        return String.format(Locale.ROOT, "%,d instances", c.size());
    }
  }

  private static String describe(Sample s, String unit) {
    return String.format(
        Locale.ROOT,
        "%.2f s, %,.0f %ss/s, %.2f round trips/%s",
        s.seconds(),
        s.unitsPerSecond(),
        unit,
        s.perUnit(s.jdbc().roundTrips()),
        unit);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  private void say(String format, Object... args) {
    progress.println(String.format(Locale.ROOT, format, args));
    progress.flush();
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static List<List<Integer>> subsets() {
    List<List<Integer>> s = new ArrayList<>();
    for (int a = 1; a <= 6; a++) {
      for (int b = a + 1; b <= 6; b++) {
        for (int c = b + 1; c <= 6; c++) {
          s.add(List.of(a, b, c));
        }
      }
    }
    return List.copyOf(s);
  }

  private static int warmups(Map<String, Integer> warmupsOf, Participant p) {
    return Objects.requireNonNull(warmupsOf.get(p.engine()), p.engine());
  }
}

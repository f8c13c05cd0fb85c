package dev.tasquencer.reference;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskSnapshot;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidRouteException;
import dev.tasquencer.testing.Invariants;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.RandomNets;
import dev.tasquencer.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One seeded run: a random net with deterministic routers, a few workflow instances of it, and
 * random external events chosen from what the reference allows (interleaved over the instances),
 * applied to the reference and to the engine (on in-memory H2), comparing the two after every
 * event: workflow state, every task's state and generation, the multiset of the states of its
 * latest generation's work items, and the marking of every condition. At the end, the engine's
 * database invariants are checked.
 *
 * <p>An event is chosen by kind (start, complete, cancel, fail), then as the k-th work item of that
 * kind's pool in creation order; the engine's work item is the one at the same position of the
 * task's latest generation ({@code queries().workItems} lists oldest first).
 */
final class ReferenceRun {
  static final int MAX_TASKS = 8;
  static final int INSTANCES = 3;

  /** How an instance's run ended. */
  enum Outcome {
    COMPLETED,
    FAILED,
    /** No work item is live, or only ones whose completion the router rejected before. */
    DEADLOCK,
    EVENT_LIMIT,
    INCONCLUSIVE
  }

  /**
   * What a run did: the outcome of every instance, the instances initialized on both sides, the
   * events compared, the rules the reference exercised, and the first disagreement (null when there
   * was none).
   */
  record Result(
      List<Outcome> outcomes,
      int initialized,
      int events,
      Map<String, Integer> exercised,
      String disagreement) {}

  /** The external events, with their weights. */
  private enum Kind {
    START(50),
    COMPLETE(38),
    CANCEL(9),
    FAIL(3);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** One workflow instance on both sides. */
  private static final class Instance {
    final int number;
    ReferenceWorkflow ref;

    /** The (task, generation) pairs whose completion the router rejects: not tried again. */
    final Set<String> rejected = new HashSet<>();

    UUID id;
    Outcome outcome;
    int events;

    Instance(int number, ReferenceWorkflow ref) {
      this.number = number;
      this.ref = ref;
    }
  }

  /** A disagreement: ends the run. */
  private static final class Disagreement extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Disagreement(String message) {
      super(message, null, false, false);
    }
  }

  private final long seed;
  private final int maxEvents;
  private final Random rnd;
  private final RandomNets.Net net;
  private final RefNet refNet;
  private final Routing routing;
  private final boolean failures;
  private final boolean contended;
  private final String workflow;
  private final List<String> trace = new ArrayList<>();
  private int rejections;

  /**
   * Draws the run's net, routing, and settings from the seed.
   *
   * @param maxEvents the event limit of each instance
   */
  ReferenceRun(long seed, int maxEvents) {
    this.seed = seed;
    this.maxEvents = maxEvents;
    this.rnd = new Random(seed);
    int[] items = new int[MAX_TASKS];
    for (int i = 0; i < items.length; i++) {
      items[i] = rnd.nextInt(4) == 0 ? 2 : 1;
    }
    this.routing = new Routing(rnd.nextLong(), rnd.nextInt(3) == 0 ? 15 : 0);
    this.failures = rnd.nextInt(3) == 0;
    this.contended = rnd.nextBoolean();
    this.workflow = "random-" + Long.toHexString(seed);
    RandomNets.Options options =
        (contended ? RandomNets.Options.CONTENDED : RandomNets.Options.DEFAULT).named(workflow);
    this.net =
        RandomNets.generate(
            rnd, MAX_TASKS, true, options, i -> Nets.autoInit(items[i]), routing::choose);
    this.refNet = RefNet.of(net.shape(), items);
  }

  /** Runs the events on a fresh in-memory H2 database. */
  Result run() {
    try (TestDatabase db = migratedH2()) {
      return run(db);
    }
  }

  /** A fresh in-memory H2 database with the engine's schema. */
  static TestDatabase migratedH2() {
    TestDatabase db = TestDatabase.h2();
    db.engine(Tasquencer.builder()).close();
    return db;
  }

  /**
   * Runs the events with an engine of its own on the given database (see {@link #migratedH2()}),
   * which may hold other runs' workflows; a disagreement is returned in the result, not thrown.
   */
  Result run(TestDatabase db) {
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      instances.add(new Instance(i, new ReferenceWorkflow(refNet, routing)));
    }
    int events = 0;
    String disagreement = null;
    // other runs' roots on the database are of versions this engine does not register
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .migrate(false)
                .register(net.definition())
                .allowUnregisteredRunningVersions());
    try (engine) {
      try {
        for (Instance in : instances) {
          initialize(engine, in);
        }
        while (true) {
          List<Instance> running = new ArrayList<>();
          for (Instance in : instances) {
            if (in.outcome == null) {
              running.add(in);
            }
          }
          if (running.isEmpty()) {
            break;
          }
          Instance in = running.get(rnd.nextInt(running.size()));
          if (step(engine, in)) {
            events++;
          }
        }
        checkInvariants(db);
      } catch (Disagreement d) {
        disagreement = d.getMessage();
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Integer> exercised = new TreeMap<>();
    int initialized = 0;
    for (Instance in : instances) {
      outcomes.add(in.outcome);
      initialized += in.id != null ? 1 : 0;
      in.ref.exercised().forEach((k, v) -> exercised.merge(k, v, Integer::sum));
    }
    if (rejections > 0) {
      exercised.put("D10 invalid route rolled back", rejections);
    }
    return new Result(outcomes, initialized, events, exercised, disagreement);
  }

  private void initialize(Tasquencer engine, Instance in) {
    try {
      in.ref.initialize();
    } catch (RefOrJoin.Inconclusive e) {
      in.outcome = Outcome.INCONCLUSIVE;
      return;
    }
    String event = "initialize #" + in.number;
    trace.add(event);
    try {
      in.id = engine.internal().initializeRootWorkflow(workflow, null);
    } catch (RuntimeException e) {
      throw disagree(event, thrown(e));
    }
    compare(engine.queries(), in, event);
  }

  /** One event on one instance, or the end of its run; whether an event was compared. */
  private boolean step(Tasquencer engine, Instance in) {
    ReferenceWorkflow ref = in.ref;
    if (!ref.active()) {
      in.outcome = ref.state() == WorkflowState.COMPLETED ? Outcome.COMPLETED : Outcome.FAILED;
      return false;
    }
    if (in.events >= maxEvents) {
      in.outcome = Outcome.EVENT_LIMIT;
      return false;
    }
    List<ReferenceWorkflow.Item> initialized = ref.itemsIn(WorkItemState.INITIALIZED);
    List<ReferenceWorkflow.Item> started = ref.itemsIn(WorkItemState.STARTED);
    Map<Kind, List<ReferenceWorkflow.Item>> pools = new EnumMap<>(Kind.class);
    pools.put(Kind.START, initialized);
    pools.put(Kind.COMPLETE, allowed(in, started));
    List<ReferenceWorkflow.Item> live = new ArrayList<>(initialized);
    live.addAll(started);
    pools.put(Kind.CANCEL, allowed(in, live));
    pools.put(Kind.FAIL, failures ? started : List.of());
    Kind kind = chooseKind(pools);
    if (kind == null) {
      in.outcome = Outcome.DEADLOCK;
      return false;
    }
    List<ReferenceWorkflow.Item> pool = pools.get(kind);
    ReferenceWorkflow.Item item = pool.get(rnd.nextInt(pool.size()));
    String event =
        kind.name().toLowerCase(Locale.ROOT) + " #" + in.number + " " + ref.describe(item);
    UUID id = engineItem(engine.queries(), in, item, event);
    ReferenceWorkflow before = ref.copy();
    boolean rejected = false;
    try {
      applyToReference(ref, kind, item);
    } catch (RefOrJoin.Inconclusive e) {
      in.outcome = Outcome.INCONCLUSIVE;
      return false;
    } catch (Routing.Rejected e) {
      rejected = true;
      rejections++;
      in.ref = before;
      in.rejected.add(item.task + "#" + item.generation);
      event += " (invalid route: rejected)";
    }
    trace.add(event);
    try {
      applyToEngine(engine, kind, id);
      if (rejected) {
        throw disagree(event, "the engine accepted an invalid routing choice");
      }
    } catch (InvalidRouteException e) {
      if (!rejected) {
        throw disagree(event, thrown(e));
      }
    } catch (RuntimeException e) {
      throw disagree(event, thrown(e));
    }
    in.events++;
    compare(engine.queries(), in, event);
    return true;
  }

  /** The items whose (task, generation) the router has not rejected before. */
  private static List<ReferenceWorkflow.Item> allowed(
      Instance in, List<ReferenceWorkflow.Item> items) {
    List<ReferenceWorkflow.Item> out = new ArrayList<>();
    for (ReferenceWorkflow.Item w : items) {
      if (!in.rejected.contains(w.task + "#" + w.generation)) {
        out.add(w);
      }
    }
    return out;
  }

  /** A kind of event with a non-empty pool, by weight; null when there is none. */
  private Kind chooseKind(Map<Kind, List<ReferenceWorkflow.Item>> pools) {
    int total = 0;
    for (Kind k : Kind.values()) {
      total += pools.get(k).isEmpty() ? 0 : k.weight;
    }
    if (total == 0) {
      return null;
    }
    int r = rnd.nextInt(total);
    for (Kind k : Kind.values()) {
      if (!pools.get(k).isEmpty()) {
        r -= k.weight;
        if (r < 0) {
          return k;
        }
      }
    }
    throw new AssertionError();
  }

  private static void applyToReference(ReferenceWorkflow ref, Kind kind, ReferenceWorkflow.Item w) {
    switch (kind) {
      case START -> ref.start(w);
      case COMPLETE -> ref.complete(w);
      case CANCEL -> ref.cancel(w);
      case FAIL -> ref.fail(w);
    }
  }

  private static void applyToEngine(Tasquencer engine, Kind kind, UUID id) {
    switch (kind) {
      case START -> engine.internal().startWorkItem(id);
      case COMPLETE -> engine.internal().completeWorkItem(id);
      case CANCEL -> engine.internal().cancelWorkItem(id);
      case FAIL -> engine.internal().failWorkItem(id);
    }
  }

  /** The engine's work item at the same position in the task's latest generation. */
  private UUID engineItem(
      WorkflowQueries q, Instance in, ReferenceWorkflow.Item item, String event) {
    List<WorkItemSnapshot> list = q.workItems(in.id, refNet.taskName(item.task));
    if (list.size() <= item.index) {
      throw disagree(
          event,
          "the engine has "
              + list.size()
              + " work items in the latest generation of "
              + refNet.taskName(item.task));
    }
    WorkItemSnapshot w = list.get(item.index);
    if (w.taskGeneration() != item.generation || w.state() != item.state) {
      throw disagree(
          event,
          "the engine's work item is "
              + w.state()
              + " at generation "
              + w.taskGeneration()
              + ", the reference's "
              + in.ref.describe(item));
    }
    return w.id();
  }

  private void compare(WorkflowQueries q, Instance in, String event) {
    String expected = view(in.ref);
    String actual = view(q, in.id);
    if (!expected.equals(actual)) {
      throw disagree(event, "reference:\n" + expected + "engine:\n" + actual);
    }
  }

  private String view(ReferenceWorkflow ref) {
    StringBuilder sb = new StringBuilder();
    sb.append("  workflow ").append(ref.state()).append('\n');
    for (int t = 0; t < refNet.tasks; t++) {
      task(sb, refNet.taskName(t), ref.taskState(t), ref.generation(t), ref.latestItems(t));
    }
    sb.append("  marked ").append(marked(ref.marking())).append('\n');
    return sb.toString();
  }

  private String view(WorkflowQueries q, UUID wf) {
    StringBuilder sb = new StringBuilder();
    sb.append("  workflow ").append(q.workflowState(wf)).append('\n');
    for (TaskSnapshot t : q.tasks(wf)) {
      List<WorkItemState> states = new ArrayList<>();
      for (WorkItemSnapshot w : q.workItems(wf, t.name())) {
        // a work item of another generation shows as "?", a disagreement
        states.add(w.taskGeneration() == t.generation() ? w.state() : null);
      }
      task(sb, t.name(), t.state(), t.generation(), states);
    }
    Map<String, Integer> marking = q.marking(wf);
    if (!marking.keySet().equals(new HashSet<>(refNet.conditions))) {
      sb.append("  conditions ").append(new TreeMap<>(marking).keySet()).append('\n');
    }
    sb.append("  marked ").append(marked(marking)).append('\n');
    return sb.toString();
  }

  /** A task's line: state, generation and the multiset of its latest work items' states. */
  private static void task(
      StringBuilder sb, String name, Object state, int generation, List<WorkItemState> items) {
    List<String> multiset = new ArrayList<>();
    for (WorkItemState s : items) {
      multiset.add(s == null ? "?" : s.name());
    }
    multiset.sort(null);
    sb.append("  ")
        .append(name)
        .append(' ')
        .append(state)
        .append(" gen ")
        .append(generation)
        .append(" items ")
        .append(multiset)
        .append('\n');
  }

  private static Map<String, Integer> marked(Map<String, Integer> marking) {
    Map<String, Integer> out = new TreeMap<>();
    marking.forEach(
        (c, m) -> {
          if (m != 0) {
            out.put(c, m);
          }
        });
    return out;
  }

  private void checkInvariants(TestDatabase db) {
    try {
      Invariants.check(db.dataSource());
    } catch (AssertionError e) {
      throw disagree("the last event (engine invariants)", e.getMessage());
    }
  }

  private static String thrown(RuntimeException e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    return "the engine threw " + sw;
  }

  private Disagreement disagree(String when, String what) {
    return new Disagreement(
        "seed "
            + seed
            + ": engine and reference disagree after "
            + when
            + "\n"
            + what
            + "\nnet ("
            + (contended ? "contended" : "default")
            + " options):\n"
            + refNet.describe()
            + "events: "
            + trace
            + "\n");
  }
}

package dev.tasquencer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine agrees with an independent reference interpreter of the net-level rules (decisions.md
 * D1, D9, D10, D11, D15) on random nets driven by random external events: after every event, the
 * workflow state, every task's state and generation, the marking of every condition and the work
 * item states of every task's latest generation are the same.
 *
 * <p>Each try is one seed: a random net from {@code RandomNets} (up to {@value
 * ReferenceRun#MAX_TASKS} tasks, AND/XOR/OR joins and splits, explicit conditions, loops,
 * cancellation regions; one or two work items per enablement) with deterministic routers keyed by
 * (task, generation), {@value ReferenceRun#INSTANCES} workflow instances of it on an in-memory H2
 * database shared by the tries (each try registers its net under a name of its own), and up to
 * {@value #MAX_EVENTS} events per instance (start, complete, cancel, in a third of the runs fail),
 * interleaved over the instances. In a third of the runs some routing choices are invalid (D10):
 * the engine must reject the call and change nothing. An instance's run ends when it completes or
 * fails, when none of its work items is live (deadlock), at the event limit, or when the
 * reference's bounded OR-join search cannot decide (what was compared before still counts; a try in
 * which no instance got past initialization is discarded).
 */
class ReferenceInterpreterPropertyTest {
  static final int MAX_EVENTS = 40;

  private static final List<String> RULES =
      List.of(
          "withdrawal",
          "re-enablement",
          "cancellation region",
          "region cancels enabled task",
          "region cancels started task",
          "D11 start on completion",
          "XOR-join consumes from a later input",
          "OR-join fires",
          "OR-join waits",
          "D10 invalid route rolled back");

  private static final AtomicInteger TRIES = new AtomicInteger();
  private static final AtomicInteger EVENTS = new AtomicInteger();

  /** One database for all tries: each try registers its net under a workflow name of its own. */
  private static TestDatabase db;

  @BeforeContainer
  static void openDatabase() {
    db = ReferenceRun.migratedH2();
  }

  @AfterContainer
  static void closeDatabase() {
    db.close();
    System.out.printf(
        "reference interpreter: %d tries, %d events compared%n", TRIES.get(), EVENTS.get());
  }

  /**
   * Seeds whose runs exercise the rules random tries rarely reach (withdrawal, regions canceling
   * enabled and started tasks, rejected routes), so that every build checks them. If RandomNets or
   * ReferenceRun change the way they draw, these seeds give other runs: pick new ones by scanning
   * seeds for runs whose {@code exercised()} names the missing rules.
   */
  @Example
  void seedsThatExerciseTheRareRules() {
    Set<String> exercised = new TreeSet<>();
    for (long seed : new long[] {265, 763, 816, 847, 951}) {
      ReferenceRun.Result r = new ReferenceRun(seed, MAX_EVENTS).run(db);
      assertThat(r.disagreement()).as("disagreement").isNull();
      exercised.addAll(r.exercised().keySet());
    }
    assertThat(exercised).containsAll(RULES);
  }

  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void engineAgreesWithReference(@ForAll long seed) {
    ReferenceRun.Result r = new ReferenceRun(seed, MAX_EVENTS).run(db);
    assertThat(r.disagreement()).as("disagreement").isNull();
    Assume.that(r.initialized() > 0);
    TRIES.incrementAndGet();
    EVENTS.addAndGet(r.events());
    r.outcomes().forEach(o -> Statistics.label("instance outcome").collect(o));
    Statistics.label("events per try")
        .collect(r.events() < 10 ? "<10" : r.events() < 30 ? "10-29" : "30+");
    for (String rule : RULES) {
      Statistics.label(rule).collect(r.exercised().getOrDefault(rule, 0) > 0);
    }
  }
}

package dev.tasquencer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.Resolution;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstanceList;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.api.search.InstanceSummary;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Instance search (docs/search.md): every filter finds exactly its root instances, pages cut by key
 * neither repeat nor skip while other instances come and change, "stuck" reads the last committed
 * call on the engine clock, and open incidents are found through the root's counter.
 */
class InstanceSearchTest {
  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  /** start -> t -> end; t initializes one work item when enabled. */
  static WorkflowDefinition order(String version) {
    return Nets.oneTask("order", "t", Nets.autoInit()).version(version).build();
  }

  /** A workflow whose onInitialized registers a job that fails once and has no attempt left. */
  static WorkflowDefinition charge() {
    return Nets.oneTask("charge", "t", Nets.autoInit())
        .onInitialized(
            ctx -> ctx.registerScheduled(Duration.ZERO, Job.of("charge", 1).withMaxAttempts(1)))
        .build();
  }

  static List<UUID> ids(InstanceList list) {
    return list.instances().stream().map(InstanceSummary::id).toList();
  }

  /**
   * Every instance that matches, read page by page (pages of 2, to cross page borders), in creation
   * order (the pages list them newest first).
   */
  static List<UUID> all(Tasquencer engine, InstanceFilter f) {
    List<UUID> out = newestFirst(engine, f);
    java.util.Collections.reverse(out);
    return out;
  }

  static List<UUID> newestFirst(Tasquencer engine, InstanceFilter f) {
    List<UUID> out = new ArrayList<>();
    InstancePage page = InstancePage.first(2);
    while (true) {
      InstanceList list = engine.queries().instances(f, page);
      out.addAll(ids(list));
      if (!list.hasMore()) {
        return out;
      }
      page = page.next(list);
    }
  }

  static UUID item(Tasquencer engine, UUID workflow) {
    return engine.queries().workItems(workflow, "t").get(0).id();
  }

  @DbTest
  void everyFilterFindsExactlyItsInstances(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    AtomicBoolean failing = new AtomicBoolean(true);
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(clock)
                .register(order("1"), order("2"), Nets.singleTask("invoice"), charge()));
    var cmd = engine.internal();
    UUID initialized = cmd.initializeRootWorkflow("order", "1", null, "A-1"); // T0
    clock.advance(Duration.ofMinutes(10));
    UUID started = cmd.initializeRootWorkflow("order", "2", null, "A-2"); // T0+10m
    cmd.startWorkItem(item(engine, started));
    clock.advance(Duration.ofMinutes(10));
    UUID completed = cmd.initializeRootWorkflow("order", "2", null); // T0+20m
    cmd.startWorkItem(item(engine, completed));
    cmd.completeWorkItem(item(engine, completed));
    clock.advance(Duration.ofMinutes(10));
    UUID canceled = cmd.initializeRootWorkflow("invoice", null, null, "A-1"); // T0+30m
    cmd.cancelWorkflow(canceled);
    UUID suspended = cmd.initializeRootWorkflow("invoice", null); // T0+30m
    engine.as(Actor.user("ops")).suspendWorkflow(suspended, "audit");
    UUID incident = cmd.initializeRootWorkflow("charge", null); // T0+30m
    JobWorker worker =
        engine
            .jobWorker()
            .handler(
                "charge",
                JobHandler.inTransaction(
                    Integer.class,
                    (ctx, n) -> {
                      if (failing.get()) {
                        throw new IllegalStateException("card service down");
                      }
                    }))
            .build();
    assertThat(worker.runDue()).isEqualTo(1);
    List<UUID> everyRoot = List.of(initialized, started, completed, canceled, suspended, incident);

    assertThat(all(engine, InstanceFilter.ALL)).containsExactlyElementsOf(everyRoot);
    assertThat(all(engine, InstanceFilter.ALL.withWorkflow("order")))
        .containsExactly(initialized, started, completed);
    assertThat(all(engine, InstanceFilter.ALL.withWorkflow("order").withVersion("2")))
        .containsExactly(started, completed);
    assertThat(all(engine, InstanceFilter.ALL.withVersion("1"))).containsExactly(initialized);
    assertThat(all(engine, InstanceFilter.ALL.withStates(WorkflowState.INITIALIZED)))
        .containsExactly(initialized, suspended, incident);
    assertThat(all(engine, InstanceFilter.ALL.withStates(WorkflowState.STARTED)))
        .containsExactly(started);
    assertThat(
            all(
                engine,
                InstanceFilter.ALL.withStates(WorkflowState.COMPLETED, WorkflowState.CANCELED)))
        .containsExactly(completed, canceled);
    assertThat(all(engine, InstanceFilter.ALL.withBusinessKey("A-1")))
        .containsExactly(initialized, canceled);
    assertThat(all(engine, InstanceFilter.ALL.withBusinessKey("A-1").withWorkflow("invoice")))
        .containsExactly(canceled);
    assertThat(all(engine, InstanceFilter.ALL.withBusinessKey("nobody's"))).isEmpty();
    // created in [T0+10m, T0+30m): the one at the end is left out, the one at the start is in
    assertThat(
            all(
                engine,
                InstanceFilter.ALL.withCreated(
                    T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(30)))))
        .containsExactly(started, completed);
    assertThat(all(engine, InstanceFilter.ALL.withCreated(T0.plus(Duration.ofMinutes(30)), null)))
        .containsExactly(canceled, suspended, incident);
    // updated: the state's last change; "started" changed at T0+10m, "completed" at T0+20m
    assertThat(
            all(
                engine,
                InstanceFilter.ALL.withUpdated(
                    T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(25)))))
        .containsExactly(started, completed);
    assertThat(all(engine, InstanceFilter.ALL.withOpenIncidents(true))).containsExactly(incident);
    assertThat(all(engine, InstanceFilter.ALL.withSuspended(true))).containsExactly(suspended);
    assertThat(all(engine, InstanceFilter.ALL.withSuspended(false)))
        .containsExactly(initialized, started, completed, canceled, incident);

    InstanceSummary row =
        engine
            .queries()
            .instances(InstanceFilter.ALL.withBusinessKey("A-2"), InstancePage.first(10))
            .instances()
            .get(0);
    assertThat(row)
        .isEqualTo(
            new InstanceSummary(
                started,
                "order",
                "2",
                WorkflowState.STARTED,
                "A-2",
                T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(10)),
                false,
                0));
    InstanceSummary withIncident =
        engine
            .queries()
            .instances(InstanceFilter.ALL.withOpenIncidents(true), InstancePage.first(10))
            .instances()
            .get(0);
    assertThat(withIncident.openIncidents()).isEqualTo(1);
    assertThat(engine.queries().workflow(started).businessKey()).isEqualTo("A-2");
    assertThat(engine.queries().workflow(completed).businessKey()).isNull();

    // the incident resolved: the instance is no longer found by the filter
    failing.set(false);
    UUID incidentId =
        engine
            .incidents()
            .list(IncidentFilter.OPEN, IncidentPage.first(10))
            .incidents()
            .get(0)
            .id();
    engine.incidents().as(Actor.user("ops")).resolve(incidentId, Resolution.cancel(null));
    assertThat(all(engine, InstanceFilter.ALL.withOpenIncidents(true))).isEmpty();
  }

  @DbTest
  void stuckMeansNotFinalAndNoCommittedCallForTheDuration(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(order("1")));
    var cmd = engine.internal();
    UUID idle = cmd.initializeRootWorkflow("order", null);
    UUID busy = cmd.initializeRootWorkflow("order", null);
    UUID done = cmd.initializeRootWorkflow("order", null);
    cmd.startWorkItem(item(engine, done));
    cmd.completeWorkItem(item(engine, done));
    InstanceFilter stuck = InstanceFilter.ALL.withStuckFor(Duration.ofHours(1));
    assertThat(all(engine, stuck)).as("nothing is idle for an hour yet").isEmpty();

    clock.advance(Duration.ofMinutes(50));
    cmd.startWorkItem(item(engine, busy)); // a committed call on busy's tree at T0+50m
    clock.advance(Duration.ofMinutes(20)); // T0+70m
    // reads are no calls on the tree: they do not make an instance look alive
    engine.queries().workflow(idle);
    engine.queries().tasks(idle);
    assertThat(all(engine, stuck)).containsExactly(idle);
    assertThat(
            engine
                .queries()
                .instances(stuck, InstancePage.first(5))
                .instances()
                .get(0)
                .lastCallAt())
        .isEqualTo(T0);

    // a failed call is rolled back: it does not count either
    assertThatThrownBy(() -> cmd.completeWorkItem(item(engine, idle)))
        .isInstanceOf(RuntimeException.class);
    assertThat(all(engine, stuck)).containsExactly(idle);

    clock.advance(Duration.ofMinutes(40)); // T0+110m: busy idle for an hour
    assertThat(all(engine, stuck)).containsExactly(idle, busy);
    assertThat(all(engine, InstanceFilter.ALL.withStuckFor(Duration.ofMinutes(61))))
        .containsExactly(idle);
    // a command on the tree (cancel) ends idle's idleness, and a final instance is never stuck
    cmd.cancelWorkflow(idle);
    assertThat(all(engine, stuck)).containsExactly(busy);
    assertThat(all(engine, stuck.withWorkflow("other"))).isEmpty();
  }

  @DbTest
  void pagesNeitherRepeatNorSkipWhileInstancesComeAndChange(TestDatabase db) throws Exception {
    Tasquencer engine = db.engine(order("1"), Nets.singleTask("invoice"));
    var cmd = engine.internal();
    List<UUID> before = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      before.add(cmd.initializeRootWorkflow(i % 4 == 0 ? "invoice" : "order", null));
    }
    // while the pages are read, others create roots, start and cancel existing ones
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      Thread t =
          new Thread(
              () -> {
                int n = 0;
                while (!stop.get()) {
                  try {
                    cmd.initializeRootWorkflow("order", null, null, "late-" + seed + "-" + n);
                    UUID victim = before.get((n * 7 + seed * 13) % before.size());
                    if (n % 2 == 0) {
                      cmd.cancelWorkflow(victim);
                    } else {
                      cmd.startWorkItem(item(engine, victim));
                    }
                  } catch (dev.tasquencer.api.error.ConstraintViolationException expected) {
                    // the victim was canceled or started already
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                  n++;
                }
              });
      t.start();
      writers.add(t);
    }
    List<UUID> seen = new ArrayList<>();
    List<UUID> seenOrders = new ArrayList<>();
    try {
      InstancePage page = InstancePage.first(3);
      InstancePage orders = InstancePage.first(4);
      boolean more = true;
      boolean moreOrders = true;
      while (more || moreOrders) {
        if (more) {
          InstanceList list = engine.queries().instances(InstanceFilter.ALL, page);
          seen.addAll(ids(list));
          more = list.hasMore();
          page = more ? page.next(list) : page;
        }
        if (moreOrders) {
          InstanceList list =
              engine.queries().instances(InstanceFilter.ALL.withWorkflow("order"), orders);
          seenOrders.addAll(ids(list));
          moreOrders = list.hasMore();
          orders = moreOrders ? orders.next(list) : orders;
        }
        Thread.sleep(2);
      }
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
    }
    assertThat(errors).isEmpty();
    assertThat(new HashSet<>(seen)).as("no instance twice").hasSameSizeAs(seen);
    assertThat(seen).as("every instance that existed throughout").containsAll(before);
    // newest first: creation time descending, then id descending (as the databases order ids)
    Map<UUID, Instant> created = new HashMap<>();
    for (UUID id : seen) {
      created.put(id, engine.queries().workflow(id).createdAt());
    }
    assertThat(seen)
        .as("newest first")
        .isSortedAccordingTo(
            Comparator.comparing((UUID id) -> created.get(id))
                .thenComparing(InstanceSearchTest::unsigned)
                .reversed());
    Set<UUID> orderRoots = new HashSet<>(seenOrders);
    assertThat(orderRoots).hasSameSizeAs(seenOrders);
    List<UUID> beforeOrders = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (i % 4 != 0) {
        beforeOrders.add(before.get(i));
      }
    }
    assertThat(seenOrders)
        .containsAll(beforeOrders)
        .doesNotContainAnyElementsOf(
            before.stream().filter(id -> !beforeOrders.contains(id)).toList());
    // newest first: roots created meanwhile come before the cursor, so later pages do not see them
    // (a new search does); the writers did create some while the pages were read
    assertThat(db.queryLong("select count(*) from tq_workflow")).isGreaterThan(40);
  }

  /** UUIDs as the databases order them: byte by byte, unsigned. */
  static int unsigned(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  @DbTest
  void badPagesAndFiltersAreRefusedWithWhatToDo(TestDatabase db) {
    Tasquencer engine = db.engine(order("1"));
    assertThatThrownBy(() -> InstancePage.first(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("1 to 1000");
    assertThatThrownBy(
            () -> engine.queries().instances(InstanceFilter.ALL, new InstancePage(5, "x")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("InstancePage.first");
    assertThatThrownBy(() -> InstanceFilter.ALL.withStuckFor(Duration.ZERO))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> InstanceFilter.ALL.withCreated(T0, T0.minusSeconds(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("after its end");
    assertThatThrownBy(() -> engine.queries().instances(null, InstancePage.first(1)))
        .isInstanceOf(InvalidArgumentException.class);
    InstanceList last = engine.queries().instances(InstanceFilter.ALL, InstancePage.first(1));
    assertThat(last.hasMore()).isFalse();
    assertThatThrownBy(() -> InstancePage.first(1).next(last))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("hasMore");
  }
}

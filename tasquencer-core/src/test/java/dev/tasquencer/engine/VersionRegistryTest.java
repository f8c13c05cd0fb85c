package dev.tasquencer.engine;

import static dev.tasquencer.engine.BadInputTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.VersionRouting;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.RunningVersionsException;
import dev.tasquencer.api.error.RunningVersionsException.Problem;
import dev.tasquencer.api.error.RunningVersionsException.RunningVersion;
import dev.tasquencer.api.error.WorkflowVersionDeprecatedException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The versions registry (docs/versioning.md): versions of one workflow side by side, deprecated
 * versions that take no new roots while their running roots go on, routing of new roots to a
 * version, and the start-up report of running roots on versions the engine cannot run.
 */
class VersionRegistryTest {

  record Ping(int n) {}

  /**
   * "orders" v1: start → review (a person's work item) → ship (composite: child "packing", one
   * autoInit task) → end; its onInitialized registers the job "ping", due at once.
   */
  static WorkflowDefinition ordersV1() {
    WorkflowBuilder packing = Nets.oneTask("packing", "pack", Nets.autoInit());
    return Builder.workflow("orders")
        .startCondition("start")
        .task("review", Nets.autoInit())
        .compositeTask(
            "ship", Builder.compositeTask(packing).onEnabled(ctx -> ctx.workflow().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("review"))
        .connectTask("review", to -> to.task("ship"))
        .connectTask("ship", to -> to.condition("end"))
        .onInitialized(ctx -> ctx.registerScheduled(Duration.ZERO, Job.of("ping", new Ping(1))))
        .build();
  }

  /** "orders" v2: start → review → end. */
  static WorkflowDefinition ordersV2() {
    return Nets.oneTask("orders", "review", Nets.autoInit()).version("v2").build();
  }

  /** "billing" v2: a version of billing, so that billing v1 counts as dropped by its engine. */
  static WorkflowDefinition billingV2() {
    return Nets.oneTask("billing", "bill", Nets.autoInit()).version("v2").build();
  }

  /** "orders" v1 edited in place: start → review → end, under the version name v1. */
  static WorkflowDefinition ordersV1Edited() {
    return Nets.oneTask("orders", "review", Nets.autoInit()).build();
  }

  /** An engine with orders v1 and v2, new roots routed by {@code routing}. */
  static Tasquencer routed(TestDatabase db, VersionRouting routing) {
    return db.engine(
        Tasquencer.builder().register(ordersV1(), ordersV2()).route("orders", routing));
  }

  static String versionOf(Tasquencer engine, UUID root) {
    return engine.queries().workflow(root).definitionVersion();
  }

  // ---- deprecation ----

  /**
   * A root started on v1 goes on after v1 is deprecated: its job runs, its work item completes, its
   * composite task starts a child workflow and the root completes on v1. A new root on v1 is
   * refused, naming v2, and changes nothing; without a version a new root goes to v2.
   */
  @DbTest
  void aDeprecatedVersionTakesNoNewRootsWhileItsRunningRootsComplete(TestDatabase db) {
    Tasquencer before = db.engine(ordersV1());
    UUID running = before.internal().initializeRootWorkflow("orders", null);

    AtomicInteger pings = new AtomicInteger();
    Tasquencer engine =
        db.engine(Tasquencer.builder().register(ordersV1(), ordersV2()).deprecate("orders", "v1"));
    var refused =
        rejects(
            db,
            WorkflowVersionDeprecatedException.class,
            () -> engine.internal().initializeRootWorkflow("orders", "v1", null));
    assertThat(refused).isInstanceOf(ConfigurationException.class);
    assertThat(refused.code()).isEqualTo("WORKFLOW_VERSION_DEPRECATED");
    assertThat(refused.workflow()).isEqualTo("orders");
    assertThat(refused.version()).isEqualTo("v1");
    assertThat(refused.useVersion()).isEqualTo("v2");
    assertThat(refused.getMessage()).contains("'v1' is deprecated", "version 'v2'");
    // the business-key overload and outside callers are refused alike
    rejects(
        db,
        WorkflowVersionDeprecatedException.class,
        () -> engine.internal().initializeRootWorkflow("orders", "v1", null, "K-1"));
    rejects(
        db,
        WorkflowVersionDeprecatedException.class,
        () -> engine.initializeRootWorkflow("orders", "v1", null));
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", null)))
        .as("a new root without a version skips the deprecated one")
        .isEqualTo("v2");

    // the running v1 root: its job, its commands, its child workflow
    JobWorker worker =
        engine
            .jobWorker()
            .handler(
                "ping", JobHandler.inTransaction(Ping.class, (ctx, p) -> pings.addAndGet(p.n())))
            .build();
    assertThat(worker.runDue()).isEqualTo(1);
    assertThat(pings).hasValue(1);
    var d = new Driver(engine, running);
    d.fire("review");
    var children = d.q().childWorkflows(running, "ship");
    assertThat(children).hasSize(1);
    assertThat(children.get(0).definitionVersion()).isEqualTo("v1");
    new Driver(engine, children.get(0).id()).fire("pack");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(versionOf(engine, running)).isEqualTo("v1");
  }

  /** When every registered version is deprecated, the refusal says to register a new one. */
  @DbTest
  void whenEveryVersionIsDeprecatedNewRootsAreRefused(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder().register(ordersV1(), ordersV2()).deprecate("orders", "v1", "v2"));
    var e =
        rejects(
            db,
            WorkflowVersionDeprecatedException.class,
            () -> engine.internal().initializeRootWorkflow("orders", null));
    assertThat(e.version()).isEqualTo("v2");
    assertThat(e.useVersion()).isNull();
    assertThat(e.getMessage()).contains("register a new version");
  }

  @DbTest
  void deprecatingOrRoutingToAnUnregisteredVersionFailsTheBuild(TestDatabase db) {
    assertThatThrownBy(
            () -> db.engine(Tasquencer.builder().register(ordersV1()).deprecate("orders", "v0")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("deprecate: workflow 'orders' version 'v0' is not registered");
    assertThatThrownBy(
            () ->
                db.engine(
                    Tasquencer.builder()
                        .register(ordersV1())
                        .route("orders", VersionRouting.percentage("v2", 5))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("route: workflow 'orders' version 'v2' is not registered");
    assertThatThrownBy(
            () ->
                db.engine(
                    Tasquencer.builder()
                        .register(ordersV1(), ordersV2())
                        .deprecate("orders", "v1")
                        .route("orders", VersionRouting.fixed("v1"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("routes new roots to version 'v1', which is deprecated");
    assertThatThrownBy(
            () ->
                db.engine(
                    Tasquencer.builder()
                        .register(ordersV1())
                        .route("shipping", VersionRouting.fixed("v1"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("route: workflow 'shipping' is not registered");
  }

  // ---- routing ----

  /** Nothing configured: the last registered version, as before routing existed. */
  @DbTest
  void withoutRoutingTheLastRegisteredVersionIsTheDefault(TestDatabase db) {
    Tasquencer engine = db.engine(Tasquencer.builder().register(ordersV2(), ordersV1()));
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", null)))
        .isEqualTo("v1");
    assertThat(
            versionOf(engine, engine.internal().initializeRootWorkflow("orders", null, null, "k")))
        .isEqualTo("v1");
  }

  @DbTest
  void anExplicitDefaultVersionAndAGivenVersionWins(TestDatabase db) {
    Tasquencer engine = routed(db, VersionRouting.fixed("v1"));
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", null)))
        .as("routed to v1 although v2 is newer")
        .isEqualTo("v1");
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", "v2", null)))
        .as("the caller's version wins over the routing")
        .isEqualTo("v2");
  }

  @DbTest
  void routingByPayloadFallsThroughWhereThePredicateSaysNo(TestDatabase db) {
    Tasquencer engine =
        routed(
            db,
            VersionRouting.when(p -> p.toString().startsWith("vip"), "v2")
                .orElse(VersionRouting.fixed("v1")));
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", "vip-7")))
        .isEqualTo("v2");
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", "plain")))
        .isEqualTo("v1");
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", null)))
        .as("no payload: the predicate is not asked")
        .isEqualTo("v1");
  }

  /**
   * 10 % of the business keys go to v2: the engine's choice for each key equals the routing's
   * (stable), and roots without a key go to the fallback.
   */
  @DbTest
  void routingByPercentageOfTheBusinessKeyIsStable(TestDatabase db) {
    VersionRouting tenPercent = VersionRouting.percentage("v2", 10);
    Tasquencer engine = routed(db, tenPercent.orElse(VersionRouting.fixed("v1")));
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      String key = "order-" + i;
      expected.put(key, VersionRouting.bucket(key) < 10 ? "v2" : "v1");
    }
    assertThat(expected).containsValue("v2").containsValue("v1");
    expected.forEach(
        (key, version) ->
            assertThat(
                    versionOf(
                        engine,
                        engine.internal().initializeRootWorkflow("orders", null, null, key)))
                .as("key %s", key)
                .isEqualTo(version));
    assertThat(versionOf(engine, engine.internal().initializeRootWorkflow("orders", null)))
        .as("no business key: the percentage makes no choice")
        .isEqualTo("v1");
  }

  /** Over 1000 keys the share is close to the percentage, and a key always lands alike. */
  @Test
  void percentageIsRoughlyProportionalAndDeterministic() {
    VersionRouting r = VersionRouting.percentage("v2", 10);
    VersionRouting again = VersionRouting.percentage("v2", 10);
    VersionRouting more = VersionRouting.percentage("v2", 30);
    int toV2 = 0;
    int toV2At30 = 0;
    for (int i = 0; i < 1000; i++) {
      String key = "customer-" + i;
      String v = r.choose(null, key);
      assertThat(again.choose("any payload", key)).isEqualTo(v);
      if (v != null) {
        toV2++;
        assertThat(more.choose(null, key))
            .as("raising the share keeps %s on v2", key)
            .isEqualTo("v2");
      }
      if (more.choose(null, key) != null) {
        toV2At30++;
      }
    }
    assertThat(toV2).isBetween(70, 130);
    assertThat(toV2At30).isBetween(250, 350);
    assertThat(VersionRouting.percentage("v2", 0).choose(null, "k")).isNull();
    assertThat(VersionRouting.percentage("v2", 100).choose(null, "k")).isEqualTo("v2");
    assertThat(VersionRouting.bucket("customer-1")).isEqualTo(VersionRouting.bucket("customer-1"));
    assertThatThrownBy(() -> VersionRouting.percentage("v2", 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- start-up check ----

  /**
   * Two running roots of orders v1 (plus one canceled) and one running root of billing v1; an
   * engine that registers orders v1 edited in place and billing v2 only refuses to start, with both
   * counts, and changes nothing; with the opt-out it starts and keeps the old hash, so that the
   * next start reports again. An engine that does not run billing at all is not concerned by it.
   */
  @DbTest
  void runningRootsOfUnregisteredOrChangedVersionsStopTheStart(TestDatabase db) {
    WorkflowDefinition billing = Nets.singleTask("billing");
    Tasquencer before = db.engine(ordersV1(), billing);
    UUID order = before.internal().initializeRootWorkflow("orders", null);
    before.internal().initializeRootWorkflow("orders", null);
    before.internal().cancelWorkflow(before.internal().initializeRootWorkflow("orders", null));
    before.internal().initializeRootWorkflow("billing", null);

    var e =
        rejects(
            db,
            RunningVersionsException.class,
            () -> db.engine(Tasquencer.builder().register(ordersV1Edited(), billingV2())));
    assertThat(e).isInstanceOf(ConfigurationException.class);
    assertThat(e.code()).isEqualTo("RUNNING_VERSIONS_NOT_REGISTERED");
    assertThat(e.versions())
        .containsExactly(
            new RunningVersion("billing", "v1", 1, Problem.NOT_REGISTERED),
            new RunningVersion("orders", "v1", 2, Problem.STRUCTURE_CHANGED));
    assertThat(e.getMessage())
        .contains(
            "workflow 'billing' version 'v1': 1 running root(s), version not registered",
            "workflow 'orders' version 'v1': 2 running root(s), registered with a different"
                + " structure",
            "Register the old definition next to the new one",
            "allowUnregisteredRunningVersions()");

    String oldHash = ordersV1().structureHash();
    TasquencerBuilder optOut =
        Tasquencer.builder()
            .register(ordersV1Edited(), billingV2())
            .allowUnregisteredRunningVersions();
    Logger log = (Logger) LoggerFactory.getLogger("dev.tasquencer.internal.runtime.Engines");
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    log.addAppender(warnings);
    Tasquencer reader;
    try {
      reader = db.engine(optOut);
    } finally {
      log.detachAppender(warnings);
    }
    assertThat(warnings.list)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getLevel()).isEqualTo(Level.WARN);
              assertThat(w.getFormattedMessage())
                  .contains(
                      "workflow 'orders' version 'v1': 2 running root(s)",
                      "workflow 'billing' version 'v1': 1 running root(s)",
                      "starting anyway");
            });
    assertThat(reader.queries().workflowState(order)).isEqualTo(WorkflowState.INITIALIZED);
    assertThat(
            db.rows("select structure_hash from tq_definition where name = 'orders'").get(0).get(0))
        .as("the stored hash stays while its roots run")
        .isEqualTo(oldHash);
    assertThatThrownBy(() -> db.engine(Tasquencer.builder().register(ordersV1Edited())))
        .isInstanceOf(RunningVersionsException.class)
        .hasMessageNotContaining("billing");

    // billing is another application's workflow to an engine that runs orders only
    db.engine(Tasquencer.builder().register(ordersV1()));

    // the old definitions next to the new version: all is well
    db.engine(Tasquencer.builder().register(ordersV1(), ordersV2(), billing));
  }

  /** A version whose roots all finished blocks nothing, and an engine without definitions too. */
  @DbTest
  void versionsWithOnlyFinishedRootsDoNotBlockTheStart(TestDatabase db) {
    WorkflowDefinition billing = Nets.singleTask("billing");
    Tasquencer before = db.engine(ordersV1(), billing);
    before.internal().cancelWorkflow(before.internal().initializeRootWorkflow("billing", null));
    var done = new Driver(before, before.internal().initializeRootWorkflow("orders", null));
    done.cmd().cancelWorkflow(done.id);

    db.engine(Tasquencer.builder().register(ordersV1Edited()));
    db.engine(Tasquencer.builder());
    assertThat(
            db.rows("select structure_hash from tq_definition where name = 'orders'").get(0).get(0))
        .as("no running root: the edited net replaces the stored hash")
        .isEqualTo(ordersV1Edited().structureHash());
  }
}

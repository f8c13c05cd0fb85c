package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Route;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Each history level records what it promises and nothing of the next level: NONE nothing; ACTIVITY
 * workflow and task transitions; AUDIT also work item transitions with payloads; FULL also
 * markings, the input markings of joins and the flows splits chose. A definition's own level
 * overrides the engine's.
 */
class HistoryLevelsTest {

  /** start -> a (XOR split) -> b | c -> end; every task creates one work item when enabled. */
  static WorkflowBuilder net(String name) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("a", Nets.autoInit().withSplitType(SplitType.XOR))
        .task("b", Nets.autoInit())
        .task("c", Nets.autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("b").task("c").route(ctx -> Route.toTask("c")))
        .connectTask("b", to -> to.condition("end"))
        .connectTask("c", to -> to.condition("end"));
  }

  /** Runs a to the end through c; returns the root. */
  static UUID run(Tasquencer engine, String workflow) {
    UUID wf = engine.internal().initializeRootWorkflow(workflow, null);
    for (String task : List.of("a", "c")) {
      UUID wi = engine.queries().workItems(wf, task).get(0).id();
      engine.internal().startWorkItem(wi);
      engine.internal().completeWorkItem(wi, Map.of("by", task));
    }
    return wf;
  }

  static List<HistoryEvent> events(Tasquencer engine, UUID root) {
    return engine.queries().history(root, HistoryFilter.ALL, HistoryPage.first(1000)).events();
  }

  static Set<ElementKind> kinds(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::element).collect(Collectors.toSet());
  }

  @DbTest
  void noneRecordsNothing(TestDatabase db) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().history(HistoryLevel.NONE).register(net("w").build()));
    UUID wf = run(engine, "w");
    assertThat(events(engine, wf)).isEmpty();
    assertThat(db.queryLong("select count(*) from tq_history")).isZero();
    assertThat(engine.queries().state(wf).seq()).isZero();
  }

  @DbTest
  void activityRecordsWorkflowAndTaskTransitionsOnly(TestDatabase db) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().history(HistoryLevel.ACTIVITY).register(net("w").build()));
    UUID wf = run(engine, "w");
    List<HistoryEvent> events = events(engine, wf);
    assertThat(kinds(events)).containsExactlyInAnyOrder(ElementKind.WORKFLOW, ElementKind.TASK);
    assertThat(events)
        .filteredOn(e -> e.element() == ElementKind.TASK && e.task().equals("a"))
        .extracting(HistoryEvent::event, HistoryEvent::toState, HistoryEvent::generation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("enable", "enabled", 1),
            org.assertj.core.groups.Tuple.tuple("start", "started", 1),
            org.assertj.core.groups.Tuple.tuple("complete", "completed", 1));
    assertThat(events).allMatch(e -> e.payloadJson() == null || e.event().equals("initialize"));
    assertThat(only(events, ElementKind.WORKFLOW, "initialize").payloadJson())
        .doesNotContain("\"payload\"")
        .contains("\"level\":\"activity\"");
    assertThat(events).extracting(HistoryEvent::event).doesNotContain("route");
  }

  @DbTest
  void auditAddsWorkItemsAndPayloadsButNoMarkings(TestDatabase db) {
    Tasquencer engine = db.engine(net("w").build()); // AUDIT is the default
    UUID wf = run(engine, "w");
    List<HistoryEvent> events = events(engine, wf);
    assertThat(kinds(events))
        .containsExactlyInAnyOrder(ElementKind.WORKFLOW, ElementKind.TASK, ElementKind.WORK_ITEM);
    HistoryEvent completeA =
        events.stream()
            .filter(
                e ->
                    e.element() == ElementKind.WORK_ITEM
                        && e.task().equals("a")
                        && e.event().equals("complete"))
            .findFirst()
            .orElseThrow();
    assertThat(completeA.payloadJson()).isEqualTo("{\"by\":\"a\"}");
    assertThat(completeA.fromState()).isEqualTo("started");
    assertThat(completeA.toState()).isEqualTo("completed");
    // b was withdrawn? No: a's XOR split chose c, so b was never enabled
    assertThat(events).noneMatch(e -> "b".equals(e.task()));
    assertThat(events)
        .filteredOn(e -> e.element() == ElementKind.TASK)
        .allMatch(e -> e.payloadJson() == null);
  }

  @DbTest
  void fullAddsMarkingsJoinsAndRoutes(TestDatabase db) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().history(HistoryLevel.FULL).register(net("w").build()));
    UUID wf = run(engine, "w");
    List<HistoryEvent> events = events(engine, wf);
    assertThat(kinds(events)).contains(ElementKind.CONDITION);

    HistoryEvent enableC =
        events.stream()
            .filter(e -> "c".equals(e.task()) && e.event().equals("enable"))
            .findFirst()
            .orElseThrow();
    assertThat(enableC.payloadJson()).isEqualTo("{\"inputs\":{\"a__to__c\":1},\"join\":\"and\"}");

    HistoryEvent route = only(events, ElementKind.TASK, "route");
    assertThat(route.task()).isEqualTo("a");
    assertThat(route.isTransition()).isFalse();
    assertThat(route.payloadJson()).isEqualTo("{\"split\":\"xor\",\"to\":[\"a__to__c\"]}");

    assertThat(events)
        .filteredOn(e -> e.element() == ElementKind.CONDITION && "a__to__c".equals(e.condition()))
        .extracting(HistoryEvent::event, HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("produce", "0", "1"),
            org.assertj.core.groups.Tuple.tuple("consume", "1", "0"));
    // the route decision comes before the token it produced
    HistoryEvent produced =
        events.stream()
            .filter(e -> "a__to__c".equals(e.condition()) && e.event().equals("produce"))
            .findFirst()
            .orElseThrow();
    assertThat(route.seq()).isLessThan(produced.seq());
  }

  @DbTest
  void aDefinitionsOwnLevelOverridesTheEngines(TestDatabase db) {
    WorkflowDefinition quiet = net("quiet").history(HistoryLevel.NONE).build();
    WorkflowDefinition loud = net("loud").history(HistoryLevel.FULL).build();
    Tasquencer engine =
        db.engine(Tasquencer.builder().history(HistoryLevel.ACTIVITY).register(quiet, loud));
    assertThat(events(engine, run(engine, "quiet"))).isEmpty();
    assertThat(kinds(events(engine, run(engine, "loud")))).contains(ElementKind.CONDITION);

    // an engine at NONE still records a definition that asks for history
    Tasquencer silent =
        db.engine(
            Tasquencer.builder()
                .migrate(false)
                .history(HistoryLevel.NONE)
                .register(net("asks").history(HistoryLevel.AUDIT).build()));
    assertThat(kinds(events(silent, run(silent, "asks")))).contains(ElementKind.WORK_ITEM);
  }

  static HistoryEvent only(List<HistoryEvent> events, ElementKind kind, String event) {
    return ActorAndActionsTest.only(events, kind, event);
  }
}

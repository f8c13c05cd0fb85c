package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The history query filters by workflow, task, work item, element kind, event, actor, origin and
 * time, and pages by key: the pages of a filter hold exactly the matching events, in order, once
 * each. Wrong arguments are refused with a message that says what to pass, and stateAt refuses what
 * history cannot tell.
 */
class HistoryQueriesTest {

  static List<HistoryEvent> all(Tasquencer engine, UUID root, HistoryFilter f) {
    return engine.queries().history(root, f, HistoryPage.first(HistoryPage.MAX_SIZE)).events();
  }

  @DbTest
  void filtersSelectExactlyTheMatchingEvents(TestDatabase db) {
    ManualClock clock = ManualClock.startingNow();
    var item =
        Builder.workItem("i")
            .withActions(
                Builder.workItemActions()
                    .start(Void.class, (ctx, x) -> {})
                    .complete(Void.class, (ctx, x) -> {}));
    var def =
        Builder.workflow("two")
            .startCondition("start")
            .task("a", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
            .task("b", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("a"))
            .connectTask("a", to -> to.task("b"))
            .connectTask("b", to -> to.condition("end"))
            .build();
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(def));
    UUID wf = engine.internal().initializeRootWorkflow("two", null);
    Instant start = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    UUID a = engine.queries().workItems(wf, "a").get(0).id();
    engine.as(Actor.user("ann")).startWorkItem(a, null);
    engine.as(Actor.user("ann")).completeWorkItem(a, null);
    Instant afterA = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    UUID b = engine.queries().workItems(wf, "b").get(0).id();
    engine.as(Actor.user("bo")).startWorkItem(b, null);
    engine.as(Actor.user("bo")).completeWorkItem(b, null);

    List<HistoryEvent> every = all(engine, wf, HistoryFilter.ALL);
    assertThat(every).isNotEmpty();
    for (HistoryFilter f :
        List.of(
            HistoryFilter.ALL.withWorkflow(wf),
            HistoryFilter.ALL.withTask("a"),
            HistoryFilter.ALL.withWorkItem(b),
            HistoryFilter.ALL.withElements(ElementKind.TASK, ElementKind.WORKFLOW),
            HistoryFilter.ALL.withEvents("complete", "enable"),
            HistoryFilter.ALL.withActor(Actor.user("ann")),
            HistoryFilter.ALL.withOrigin(Origin.ENGINE),
            HistoryFilter.ALL.between(start.plusSeconds(30), afterA.plusSeconds(30)),
            HistoryFilter.ALL.withTask("b").withEvents("start").withActor(Actor.user("bo")))) {
      List<HistoryEvent> expected = every.stream().filter(e -> matches(f, e)).toList();
      assertThat(expected).as("%s matches something", f).isNotEmpty();
      assertThat(all(engine, wf, f)).as("%s", f).isEqualTo(expected);
      // and page by page, two at a time
      List<HistoryEvent> paged = new java.util.ArrayList<>();
      HistoryPage page = HistoryPage.first(2);
      HistoryEvents events;
      do {
        events = engine.queries().history(wf, f, page);
        assertThat(events.events().size()).isLessThanOrEqualTo(2);
        paged.addAll(events.events());
        page = events.next();
      } while (events.hasMore());
      assertThat(paged).as("%s in pages", f).isEqualTo(expected);
    }
    assertThat(all(engine, wf, HistoryFilter.ALL.withActor(Actor.user("nobody")))).isEmpty();
    assertThat(all(engine, UUID.randomUUID(), HistoryFilter.ALL)).isEmpty();
  }

  /** The filter, as its Javadoc says, on one event. */
  static boolean matches(HistoryFilter f, HistoryEvent e) {
    return (f.workflowId() == null || f.workflowId().equals(e.workflowId()))
        && (f.task() == null || f.task().equals(e.task()))
        && (f.workItemId() == null || f.workItemId().equals(e.workItemId()))
        && (f.elements().isEmpty() || f.elements().contains(e.element()))
        && (f.events().isEmpty() || f.events().contains(e.event()))
        && (f.actor() == null || f.actor().equals(e.actor()))
        && (f.origin() == null || f.origin() == e.origin())
        && (f.from() == null || !e.at().isBefore(f.from()))
        && (f.to() == null || e.at().isBefore(f.to()));
  }

  @DbTest
  void wrongArgumentsAreRefused(TestDatabase db) {
    Tasquencer engine = db.engine(Nets.singleTask("one"));
    UUID wf = engine.internal().initializeRootWorkflow("one", null);
    long last = engine.queries().state(wf).seq();

    assertThatThrownBy(
            () -> engine.queries().history(null, HistoryFilter.ALL, HistoryPage.first(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("rootId must not be null");
    assertThatThrownBy(() -> HistoryPage.first(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HistoryPage.after(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> engine.queries().stateAt(wf, 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> engine.queries().stateAt(wf, last + 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("has " + last + " events");
    assertThatThrownBy(() -> engine.queries().stateAt(UUID.randomUUID(), 1))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> engine.queries().stateAt(wf, Instant.EPOCH))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no event at or before");
    assertThatThrownBy(() -> engine.as(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Actor.user(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Actor.user("x".repeat(Actor.MAX_ID + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @DbTest
  void stateAtRefusesWhatHistoryCannotTell(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .register(
                    Nets.oneTask("quiet", "t", Nets.autoInit()).history(HistoryLevel.NONE).build())
                .register(Nets.singleTask("loud")));
    UUID quiet = engine.internal().initializeRootWorkflow("quiet", null);
    assertThat(engine.queries().state(quiet).seq()).isZero();
    assertThatThrownBy(() -> engine.queries().stateAt(quiet, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("has 0 events");

    // a child created after the event did not exist then
    var parent =
        Builder.workflow("parent")
            .startCondition("start")
            .task("first", Nets.autoInit())
            .compositeTask(
                "sub",
                Builder.compositeTask(Nets.oneTask("child", "c", Nets.autoInit()))
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("first"))
            .connectTask("first", to -> to.task("sub"))
            .connectTask("sub", to -> to.condition("end"))
            .build();
    // the first engine's roots still run, on a net this one does not register
    Tasquencer e2 =
        db.engine(
            Tasquencer.builder()
                .migrate(false)
                .register(parent)
                .allowUnregisteredRunningVersions());
    UUID root = e2.internal().initializeRootWorkflow("parent", null);
    long beforeChild = e2.queries().state(root).seq();
    UUID w = e2.queries().workItems(root, "first").get(0).id();
    e2.internal().startWorkItem(w);
    e2.internal().completeWorkItem(w);
    UUID child = e2.queries().childWorkflows(root, "sub").get(0).id();
    assertThatThrownBy(() -> e2.queries().stateAt(child, beforeChild))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("created after that event");
    assertThat(e2.queries().stateAt(child, e2.queries().state(root).seq()).rootId())
        .isEqualTo(root);
  }
}

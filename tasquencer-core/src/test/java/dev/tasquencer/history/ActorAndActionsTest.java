package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Origin;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who did what, with which data: an external call made on behalf of an actor records the actor and
 * the action's payload (canonical JSON) with its events, and the action and the activities it
 * causes read the actor from their context.
 */
class ActorAndActionsTest {
  record Decision(boolean approve, String note) {}

  record Request(String customer, int amount) {}

  static WorkflowDefinition approval(List<String> seen) {
    var item =
        Builder.workItem("review")
            .onCompleted(ctx -> seen.add("onCompleted:" + ctx.actor().map(Actor::id).orElse("-")))
            .withActions(
                Builder.workItemActions()
                    .initialize(Request.class, (ctx, r) -> ctx.workItem().initialize())
                    .start(Void.class, (ctx, x) -> seen.add("start:" + actorOf(ctx.actor())))
                    .complete(
                        Decision.class, (ctx, d) -> seen.add("complete:" + actorOf(ctx.actor()))));
    return Builder.workflow("approval")
        .startCondition("start")
        .task("review", Builder.task(item))
        .endCondition("end")
        .connectCondition("start", to -> to.task("review"))
        .connectTask("review", to -> to.condition("end"))
        .withActions(Builder.workflowActions().initialize(Void.class, (ctx, x) -> {}))
        .build();
  }

  static String actorOf(Optional<Actor> a) {
    return a.map(Actor::toString).orElse("-");
  }

  static List<HistoryEvent> all(Tasquencer engine, UUID root) {
    return engine.queries().history(root, HistoryFilter.ALL, HistoryPage.first(1000)).events();
  }

  @DbTest
  void theActorAndThePayloadOfEachActionAreRecorded(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    Tasquencer engine = db.engine(approval(seen));
    Actor alice = Actor.user("alice");
    var asAlice = engine.as(alice);

    UUID wf = asAlice.initializeRootWorkflow("approval", null);
    UUID wi =
        engine
            .as(Actor.agent("intake-bot"))
            .initializeWorkItem(wf, "review", new Request("c-7", 120));
    asAlice.startWorkItem(wi, null);
    asAlice.completeWorkItem(wi, new Decision(true, "fine"));

    assertThat(seen)
        .containsExactly("start:user:alice", "complete:user:alice", "onCompleted:alice");

    List<HistoryEvent> events = all(engine, wf);
    assertThat(events).extracting(HistoryEvent::seq).isEqualTo(seqs(events.size()));

    HistoryEvent created = only(events, ElementKind.WORKFLOW, "initialize");
    assertThat(created.actor()).isEqualTo(alice);
    assertThat(created.origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(created.payloadJson())
        .contains("\"name\":\"approval\"")
        .contains("\"level\":\"audit\"");

    HistoryEvent item = only(events, ElementKind.WORK_ITEM, "initialize");
    assertThat(item.workItemId()).isEqualTo(wi);
    assertThat(item.task()).isEqualTo("review");
    assertThat(item.generation()).isEqualTo(1);
    assertThat(item.actor()).isEqualTo(Actor.agent("intake-bot"));
    assertThat(item.payloadJson()).isEqualTo("{\"amount\":120,\"customer\":\"c-7\"}");

    HistoryEvent completed = only(events, ElementKind.WORK_ITEM, "complete");
    assertThat(completed.actor()).isEqualTo(alice);
    assertThat(completed.origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(completed.payloadJson()).isEqualTo("{\"approve\":true,\"note\":\"fine\"}");
    assertThat(completed.seq()).isGreaterThan(item.seq());

    // every event of one call carries its command id; different calls differ
    assertThat(completed.commandId()).isNotEqualTo(item.commandId());

    // filters: by actor, by work item
    var byBot =
        engine
            .queries()
            .history(
                wf, HistoryFilter.ALL.withActor(Actor.agent("intake-bot")), HistoryPage.first(50))
            .events();
    assertThat(byBot).isNotEmpty().allMatch(e -> e.actor().equals(Actor.agent("intake-bot")));
    var ofItem =
        engine
            .queries()
            .history(wf, HistoryFilter.ALL.withWorkItem(wi), HistoryPage.first(50))
            .events();
    assertThat(ofItem).isNotEmpty().allMatch(e -> wi.equals(e.workItemId()));
  }

  @DbTest
  void callsWithoutAnActorRecordNone(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    Tasquencer engine = db.engine(approval(seen));
    UUID wf = engine.initializeRootWorkflow("approval", null);
    UUID wi = engine.initializeWorkItem(wf, "review", new Request("c-1", 1));
    engine.internal().startWorkItem(wi);

    assertThat(seen).containsExactly("start:-");
    List<HistoryEvent> events = all(engine, wf);
    assertThat(events).isNotEmpty().allMatch(e -> e.actor() == null);
    assertThat(only(events, ElementKind.WORK_ITEM, "initialize").origin())
        .isEqualTo(Origin.EXTERNAL);
  }

  static List<Long> seqs(int n) {
    List<Long> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(i);
    }
    return out;
  }

  static HistoryEvent only(List<HistoryEvent> events, ElementKind kind, String event) {
    List<HistoryEvent> found =
        events.stream().filter(e -> e.element() == kind && e.event().equals(event)).toList();
    assertThat(found).as("%s %s events in %s", kind, event, events).hasSize(1);
    return found.get(0);
  }
}

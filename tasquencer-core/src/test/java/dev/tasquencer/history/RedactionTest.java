package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Personal data stays out of history when a redactor says so: masked fields (also inside nested
 * objects and arrays), or a whole action's payload; the work item itself, its actions and its
 * activities still see the payload as given, and other payloads are kept.
 */
class RedactionTest {
  record Patient(String name, String ssn, Address address, List<Contact> contacts) {}

  record Address(String street, String city) {}

  record Contact(String phone, String kind) {}

  record Triage(String diagnosis, int level) {}

  static WorkflowDefinition intake(List<String> seen) {
    var item =
        Builder.workItem("intake")
            .onInitialized(ctx -> seen.add(ctx.workItem().payload(Patient.class).ssn()))
            .withActions(
                Builder.workItemActions()
                    .initialize(Patient.class, (ctx, p) -> ctx.workItem().initialize())
                    .start(Void.class, (ctx, x) -> {})
                    .complete(Triage.class, (ctx, t) -> seen.add(t.diagnosis())));
    return Builder.workflow("er")
        .startCondition("start")
        .task("intake", Builder.task(item))
        .endCondition("end")
        .connectCondition("start", to -> to.task("intake"))
        .connectTask("intake", to -> to.condition("end"))
        .build();
  }

  static final Patient PATIENT =
      new Patient(
          "Ada",
          "123-45-6789",
          new Address("1 Main St", "Springfield"),
          List.of(new Contact("555-1", "home"), new Contact("555-2", "work")));

  @DbTest
  void maskedFieldsAndWholePayloadsStayOutOfHistory(TestDatabase db) {
    List<String> seen = new java.util.ArrayList<>();
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .historyRedactor(
                    PayloadRedactor.fields("ssn", "address.street", "contacts.phone")
                        .andThen(
                            PayloadRedactor.onAction("intake", "complete", PayloadRedactor.WHOLE)))
                .register(intake(seen)));
    UUID wf = engine.internal().initializeRootWorkflow("er", null);
    UUID wi = engine.initializeWorkItem(wf, "intake", PATIENT);
    engine.startWorkItem(wi, null);
    engine.completeWorkItem(wi, new Triage("fracture", 2));

    // the application saw everything
    assertThat(seen).containsExactly("123-45-6789", "fracture");
    assertThat(engine.queries().workItem(wi).payloadJson()).contains("123-45-6789");

    List<HistoryEvent> events =
        engine
            .queries()
            .history(wf, HistoryFilter.ALL.withWorkItem(wi), HistoryPage.first(20))
            .events();
    HistoryEvent created = events.get(0);
    assertThat(created.event()).isEqualTo("initialize");
    assertThat(created.payloadJson())
        .isEqualTo(
            "{\"address\":{\"city\":\"Springfield\",\"street\":\"[redacted]\"},"
                + "\"contacts\":[{\"kind\":\"home\",\"phone\":\"[redacted]\"},"
                + "{\"kind\":\"work\",\"phone\":\"[redacted]\"}],"
                + "\"name\":\"Ada\",\"ssn\":\"[redacted]\"}");
    HistoryEvent completed =
        events.stream().filter(e -> e.event().equals("complete")).findFirst().orElseThrow();
    assertThat(completed.payloadJson()).isEqualTo("\"[redacted]\"");
    assertThat(events)
        .noneMatch(e -> e.payloadJson() != null && e.payloadJson().contains("123-45"));

    // time travel shows what history kept, nothing more
    InstanceState s = engine.queries().stateAt(wf, engine.queries().state(wf).seq());
    assertThat(s.workItems().get(0).payloadJson()).doesNotContain("123-45").contains("Ada");
    assertThat(s.workItems().get(0).resultPayloadJson()).isEqualTo("\"[redacted]\"");
  }

  @DbTest
  void aRedactorMayDropAPayloadAndLeavesOthersAlone(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .historyRedactor(
                    PayloadRedactor.onAction(
                        "intake",
                        "initialize",
                        (action, p) -> {
                          assertThat(action.element()).isEqualTo(ElementKind.WORK_ITEM);
                          assertThat(action.workflow()).isEqualTo("er");
                          return null;
                        }))
                .register(intake(new java.util.ArrayList<>())));
    UUID wf = engine.internal().initializeRootWorkflow("er", null);
    UUID wi = engine.initializeWorkItem(wf, "intake", PATIENT);
    engine.startWorkItem(wi, null);
    engine.completeWorkItem(wi, Map.of("diagnosis", "sprain", "level", 1));
    List<HistoryEvent> events =
        engine
            .queries()
            .history(wf, HistoryFilter.ALL.withWorkItem(wi), HistoryPage.first(20))
            .events();
    assertThat(events.get(0).payloadJson()).isNull();
    assertThat(events.get(events.size() - 1).payloadJson())
        .isEqualTo("{\"diagnosis\":\"sprain\",\"level\":1}");
  }
}

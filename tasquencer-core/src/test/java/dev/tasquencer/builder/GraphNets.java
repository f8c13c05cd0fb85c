package dev.tasquencer.builder;

import static dev.tasquencer.testing.Nets.autoInit;

import dev.tasquencer.api.Route;
import java.util.List;

/** Small nets covering what a picture of a net has to show. */
final class GraphNets {
  private GraphNets() {}

  /** The billing shape: start → generateInvoices → sendSummary → end (one implicit condition). */
  static WorkflowDefinition sequence() {
    return Builder.workflow("billing")
        .startCondition("start")
        .task("generateInvoices", autoInit())
        .task("sendSummary", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("generateInvoices"))
        .connectTask("generateInvoices", to -> to.task("sendSummary"))
        .connectTask("sendSummary", to -> to.condition("end"))
        .build();
  }

  /**
   * A XOR split with a default task, and an OR split with a default condition: start → triage (XOR)
   * → {fastTrack | review (default)}; review (OR) → {notify, "archived" (default)}; fastTrack,
   * notify → close (XOR join), archived → close.
   */
  static WorkflowDefinition splits() {
    return Builder.workflow("splits")
        .startCondition("start")
        .condition("archived")
        .task("triage", autoInit().withSplitType(SplitType.XOR))
        .task("fastTrack", autoInit())
        .task("review", autoInit().withSplitType(SplitType.OR))
        .task("notify", autoInit())
        .task("close", autoInit().withJoinType(JoinType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("triage"))
        .connectTask(
            "triage",
            to -> to.task("fastTrack").task("review").route(ctx -> null).defaultTask("review"))
        .connectTask(
            "review",
            to ->
                to.task("notify")
                    .condition("archived")
                    .routes(ctx -> List.of())
                    .defaultCondition("archived"))
        .connectTask("fastTrack", to -> to.task("close"))
        .connectTask("notify", to -> to.task("close"))
        .connectCondition("archived", to -> to.task("close"))
        .connectTask("close", to -> to.condition("end"))
        .build();
  }

  /** A dummy AND split: start → fork (dummy) → {left, right} → join (AND) → end. */
  static WorkflowDefinition dummy() {
    return Builder.workflow("parallel")
        .startCondition("start")
        .dummyTask("fork", Builder.dummyTask())
        .task("left", autoInit())
        .task("right", autoInit())
        .task("join", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("fork"))
        .connectTask("fork", to -> to.task("left").task("right"))
        .connectTask("left", to -> to.task("join"))
        .connectTask("right", to -> to.task("join"))
        .connectTask("join", to -> to.condition("end"))
        .build();
  }

  /**
   * A cancellation region: start → split (AND) → {work → waiting → finish, timeout}; timeout's
   * completion cancels work and finish and empties "waiting" and the implicit condition
   * split__to__work.
   */
  static WorkflowDefinition region() {
    return Builder.workflow("deadline")
        .startCondition("start")
        .condition("waiting")
        .task("split", autoInit())
        .task("work", autoInit())
        .task("finish", autoInit())
        .task("timeout", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("work").task("timeout"))
        .connectTask("work", to -> to.condition("waiting"))
        .connectCondition("waiting", to -> to.task("finish"))
        .connectTask("finish", to -> to.condition("end"))
        .connectTask("timeout", to -> to.condition("end"))
        .withCancellationRegion(
            "timeout",
            r -> r.task("work").task("finish").condition("waiting").condition("split__to__work"))
        .build();
  }

  /** A loop: start → draft (XOR join) → check (XOR split) → {draft again | end (default)}. */
  static WorkflowDefinition loop() {
    return Builder.workflow("loop")
        .startCondition("start")
        .task("draft", autoInit().withJoinType(JoinType.XOR))
        .task("check", autoInit().withSplitType(SplitType.XOR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("draft"))
        .connectTask("draft", to -> to.task("check"))
        .connectTask(
            "check",
            to ->
                to.task("draft")
                    .condition("end")
                    .route(ctx -> Route.toCondition("end"))
                    .defaultCondition("end"))
        .build();
  }

  /** Names that need escaping in both formats. */
  static final String QUOTED = "say \"hi\"";

  static final String BRACES = "a {b} | <c> \\ d";
  static final String HASHES = "#1 & `x`";

  static WorkflowDefinition awkwardNames() {
    return Builder.workflow("odd \"names\" & <such>")
        .startCondition("in put")
        .task(QUOTED, autoInit())
        .task(BRACES, autoInit())
        .task(HASHES, autoInit())
        .endCondition("end")
        .connectCondition("in put", to -> to.task(QUOTED))
        .connectTask(QUOTED, to -> to.task(BRACES))
        .connectTask(BRACES, to -> to.task(HASHES))
        .connectTask(HASHES, to -> to.condition("end"))
        .build();
  }

  static List<WorkflowDefinition> all() {
    return List.of(sequence(), splits(), dummy(), region(), loop(), awkwardNames());
  }
}

package dev.tasquencer.engine;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code queries().view(id)}: the marking and the task states of one instance, read together, and
 * the picture of the definition coloured with them.
 */
class InstanceViewTest {

  /** start → split → {work, timeout}; work → end, timeout → end; timeout cancels work. */
  static WorkflowDefinition deadline() {
    return Builder.workflow("deadline")
        .startCondition("start")
        .task("split", autoInit())
        .task("work", autoInit())
        .task("timeout", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("split"))
        .connectTask("split", to -> to.task("work").task("timeout"))
        .connectTask("work", to -> to.condition("end"))
        .connectTask("timeout", to -> to.condition("end"))
        .withCancellationRegion("timeout", r -> r.task("work"))
        .build();
  }

  static Map<String, TaskState> states(Driver d) {
    Map<String, TaskState> out = new LinkedHashMap<>();
    d.q().tasks(d.id).forEach(t -> out.put(t.name(), t.state()));
    return out;
  }

  @DbTest
  void theViewIsTheMarkingAndTheTaskStatesInDefinitionOrder(TestDatabase db) {
    var engine = db.engine(deadline());
    Driver d = Driver.start(engine, "deadline");

    InstanceView initial = d.q().view(d.id);
    assertThat(initial.marking()).isEqualTo(d.marking());
    assertThat(initial.marking().keySet())
        .containsExactly("start", "end", "split__to__work", "split__to__timeout");
    assertThat(initial.tokens("start")).isEqualTo(1);
    assertThat(initial.taskStates())
        .containsExactly(
            Map.entry("split", TaskState.ENABLED),
            Map.entry("work", TaskState.DISABLED),
            Map.entry("timeout", TaskState.DISABLED));

    d.fire("split");
    d.start(d.initialized("work"));
    InstanceView running = d.q().view(d.id);
    assertThat(running.marking()).isEqualTo(d.marking());
    assertThat(running.taskStates()).isEqualTo(states(d));
    assertThat(running.taskState("work")).isEqualTo(TaskState.STARTED);
    // work's start consumed its token; timeout's is still there
    assertThat(running.tokens("split__to__work")).isZero();
    assertThat(running.tokens("split__to__timeout")).isEqualTo(1);

    String dot = deadline().toDot(running);
    assertThat(dot)
        .contains("\"work\" [shape=record, label=\"{work\\nstarted}\", fillcolor=\"#90caf9\"")
        .contains("\"timeout\" [shape=record, label=\"{timeout\\nenabled}\"")
        .contains(
            "\"split__to__timeout\" [shape=circle, fixedsize=true, width=0.3, fontsize=9,"
                + " label=\"1\"");
    assertThat(deadline().toMermaid(running)).contains("  class t1 started\n");

    d.fire("timeout");
    InstanceView done = d.q().view(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(done.taskState("work")).isEqualTo(TaskState.CANCELED);
    assertThat(done.taskState("timeout")).isEqualTo(TaskState.COMPLETED);
    assertThat(done.tokens("end")).isEqualTo(1);
    assertThat(deadline().toDot(done)).contains("label=\"end\\n1 token\"");
  }

  @DbTest
  void anUnknownInstanceIsNotFound(TestDatabase db) {
    var engine = db.engine(deadline());
    UUID nobody = UUID.randomUUID();

    assertThatThrownBy(() -> engine.queries().view(nobody))
        .isInstanceOf(WorkflowNotFoundException.class);
  }
}

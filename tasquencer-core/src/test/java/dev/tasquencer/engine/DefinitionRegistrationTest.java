package dev.tasquencer.engine;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DefinitionNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;

/** Registering definitions: structure hashes catch a net changed under a version in use. */
class DefinitionRegistrationTest {

  static WorkflowBuilder oneStep() {
    return Builder.workflow("orders")
        .startCondition("start")
        .task("pick", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("pick"))
        .connectTask("pick", to -> to.condition("end"));
  }

  static WorkflowBuilder twoSteps() {
    return Builder.workflow("orders")
        .startCondition("start")
        .task("pick", autoInit())
        .task("pack", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("pick"))
        .connectTask("pick", to -> to.task("pack"))
        .connectTask("pack", to -> to.condition("end"));
  }

  @DbTest
  void aChangedNetUnderAVersionWithRunningInstancesIsRefused(TestDatabase db) {
    Tasquencer first = db.engine(oneStep().build());
    first.internal().initializeRootWorkflow("orders", null);

    assertThatThrownBy(() -> db.engine(twoSteps().build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "workflow 'orders' version 'v1': 1 running root(s), registered with a different"
                + " structure")
        .hasMessageContaining("the changed net under a new version name");

    // the same net again is fine, and so is the changed net under a new version
    db.engine(oneStep().build());
    Tasquencer both =
        db.engine(
            Tasquencer.builder().register(oneStep().build(), twoSteps().version("v2").build()));
    assertThat(
            both.queries()
                .workflow(both.internal().initializeRootWorkflow("orders", null))
                .definitionVersion())
        .as("the newest registered version is the default")
        .isEqualTo("v2");
    assertThat(
            both.queries()
                .workflow(both.internal().initializeRootWorkflow("orders", "v1", null))
                .definitionVersion())
        .isEqualTo("v1");
  }

  @DbTest
  void aChangedNetWithoutRunningInstancesReplacesTheOldOne(TestDatabase db) {
    Tasquencer first = db.engine(oneStep().build());
    var id = first.internal().initializeRootWorkflow("orders", null);
    first.internal().cancelWorkflow(id);
    Tasquencer changed = db.engine(twoSteps().build());
    assertThat(db.queryLong("select count(*) from tq_definition where name = 'orders'"))
        .isEqualTo(1);
    assertThat(
            db.rows("select structure_hash from tq_definition where name = 'orders'").get(0).get(0))
        .isEqualTo(twoSteps().build().structureHash());
    assertThat(changed.queries().workflowState(id)).isNotNull();
  }

  @DbTest
  void unknownDefinitionsNameWhatIsRegistered(TestDatabase db) {
    Tasquencer engine = db.engine(oneStep().build());
    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("shipping", null))
        .isInstanceOf(DefinitionNotFoundException.class)
        .hasMessageContaining("shipping")
        .hasMessageContaining("registered: orders v1");
    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("orders", "v9", null))
        .isInstanceOf(DefinitionNotFoundException.class)
        .hasMessageContaining("orders v9");
  }

  @DbTest
  void registeringTheSameVersionTwiceIsAConfigurationError(TestDatabase db) {
    assertThatThrownBy(
            () -> db.engine(Tasquencer.builder().register(oneStep().build(), twoSteps().build())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'orders' version 'v1' is registered twice");
  }
}

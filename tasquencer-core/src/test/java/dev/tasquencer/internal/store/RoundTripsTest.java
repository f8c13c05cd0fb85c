package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.Invariants;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one external event costs in round trips to PostgreSQL: completing a waiting work item whose
 * task then completes and enables its successor (which creates a waiting work item) is one
 * statement to lock and load, one to write, and the commit.
 */
class RoundTripsTest {

  @Test
  void oneEventIsThreeRoundTripsOnPostgres() {
    try (TestDatabase db = TestDatabase.postgres()) {
      var def =
          Builder.workflow("w4")
              .startCondition("start")
              .task("a", Nets.autoInit())
              .task("b", Nets.autoInit())
              .endCondition("end")
              .connectCondition("start", to -> to.task("a"))
              .connectTask("a", to -> to.task("b"))
              .connectTask("b", to -> to.condition("end"))
              .build();
      var counting = new CountingDataSource(db.dataSource());
      Tasquencer engine = Tasquencer.builder().dataSource(counting).register(def).build();
      UUID wf = engine.internal().initializeRootWorkflow("w4", null);
      UUID wi = engine.queries().workItems(wf, "a").get(0).id();
      engine.internal().startWorkItem(wi);

      counting.reset();
      engine.internal().completeWorkItem(wi);
      assertThat(counting.executions.get()).as("statements sent").isEqualTo(2);
      assertThat(counting.commits.get()).isEqualTo(1);

      assertThat(engine.queries().tasksIn(wf, dev.tasquencer.api.TaskState.ENABLED))
          .containsExactly("b");
      Invariants.check(db.dataSource());
    }
  }
}

package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A condition that has never held a token has no row: its marking is 0. Rows appear when a
 * condition is first marked and stay (with marking 0) after its tokens are consumed.
 */
class ConditionRowsTest {

  /** start -> a -> between -> b -> end, both tasks built by {@code task}. */
  private static WorkflowDefinition sequence(String name, TaskBuilder task) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("a", task)
        .condition("between")
        .task("b", task)
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.condition("between"))
        .connectCondition("between", to -> to.task("b"))
        .connectTask("b", to -> to.condition("end"))
        .build();
  }

  @DbTest
  void onlyConditionsThatHeldTokensHaveRows(TestDatabase db) throws SQLException {
    Tasquencer engine = db.engine(sequence("seq", Nets.autoInit()));
    UUID wf = engine.internal().initializeRootWorkflow("seq", null);

    assertThat(engine.queries().marking(wf))
        .containsExactlyInAnyOrderEntriesOf(Map.of("start", 1, "between", 0, "end", 0));
    assertThat(conditionRows(db, wf))
        .as("unmarked conditions have no row")
        .isEqualTo(Map.of("start", 1));

    UUID a = engine.queries().workItems(wf, "a").get(0).id();
    engine.internal().startWorkItem(a);
    assertThat(conditionRows(db, wf))
        .as("a consumed the start token; the row stays")
        .isEqualTo(Map.of("start", 0));
    engine.internal().completeWorkItem(a);
    assertThat(conditionRows(db, wf)).isEqualTo(Map.of("start", 0, "between", 1));

    UUID b = engine.queries().workItems(wf, "b").get(0).id();
    engine.internal().startWorkItem(b);
    assertThat(engine.queries().marking(wf))
        .containsExactlyInAnyOrderEntriesOf(Map.of("start", 0, "between", 0, "end", 0));
    engine.internal().completeWorkItem(b);
    assertThat(conditionRows(db, wf)).isEqualTo(Map.of("start", 0, "between", 0, "end", 1));
    assertThat(engine.queries().marking(wf))
        .containsExactlyInAnyOrderEntriesOf(Map.of("start", 0, "between", 0, "end", 1));
  }

  @DbTest
  void aConditionMarkedAndEmptiedInOneCallWritesNoRow(TestDatabase db) throws SQLException {
    // every work item completes inside the call that creates it: the whole run is one call
    var auto =
        Builder.task(
                Builder.workItem("auto")
                    .onInitialized(ctx -> ctx.workItem().start())
                    .onStarted(ctx -> ctx.workItem().complete()))
            .onEnabled(ctx -> ctx.workItem().initialize());
    Tasquencer engine = db.engine(sequence("straight", auto));
    UUID wf = engine.internal().initializeRootWorkflow("straight", null);
    assertThat(engine.queries().workflow(wf).state())
        .isEqualTo(dev.tasquencer.api.WorkflowState.COMPLETED);
    assertThat(conditionRows(db, wf)).isEqualTo(Map.of("end", 1));
  }

  private static Map<String, Integer> conditionRows(TestDatabase db, UUID workflow)
      throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("select name, marking from tq_condition where workflow_id = ?")) {
      ps.setObject(1, workflow);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return out;
  }
}

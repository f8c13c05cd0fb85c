package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a task's generation counters live: the current generation in the task's own row, the
 * generations it left behind in {@code tq_task_generation}; {@code tq_task_generation_all} shows
 * both. Queries read each generation from wherever it is.
 */
class TaskGenerationRowsTest {

  /**
   * start -> a -> b, where b's XOR-split routes back to a until b has completed {@code loops}
   * times, then to end (b's onCompleted runs before its split routes).
   */
  private static WorkflowDefinition loop(
      String name, TaskBuilder a, TaskBuilder b, int loops, AtomicInteger bCompletions) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("a", a.withJoinType(JoinType.XOR))
        .task(
            "b",
            b.withSplitType(SplitType.XOR)
                .onCompleted(
                    ctx -> {
                      bCompletions.incrementAndGet();
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("b"))
        .connectTask(
            "b",
            to ->
                to.task("a")
                    .condition("end")
                    .route(
                        ctx ->
                            bCompletions.get() <= loops ? ctx.toTask("a") : ctx.toCondition("end")))
        .build();
  }

  @DbTest
  void theCurrentGenerationLivesInTheTaskRowAndOlderOnesAreArchived(TestDatabase db)
      throws SQLException {
    Tasquencer engine =
        db.engine(loop("loop-once", Nets.autoInit(2), Nets.autoInit(), 1, new AtomicInteger()));
    UUID wf = engine.internal().initializeRootWorkflow("loop-once", null);
    for (var wi : engine.queries().workItems(wf, "a")) {
      engine.internal().startWorkItem(wi.id());
      engine.internal().completeWorkItem(wi.id());
    }
    assertThat(archived(db, wf, "a")).as("nothing to archive before a is enabled again").isEmpty();

    UUID b = engine.queries().workItems(wf, "b").get(0).id();
    engine.internal().startWorkItem(b);
    engine.internal().completeWorkItem(b); // routes back to a: its generation 2
    UUID second = engine.queries().workItems(wf, "a").get(0).id();
    engine.internal().startWorkItem(second);
    engine.internal().completeWorkItem(second);

    assertThat(archived(db, wf, "a")).containsExactly("1: 2 total, 2 completed");
    assertThat(taskRow(db, wf, "a")).isEqualTo("2: 2 total, 1 completed, 1 initialized");
    assertThat(allGenerations(db, wf, "a")).containsExactly(1, 2);

    var q = engine.queries();
    assertThat(q.stats(wf, "a", 1)).isEqualTo(new TaskStats(2, 0, 0, 2, 0, 0));
    assertThat(q.stats(wf, "a", 2)).isEqualTo(new TaskStats(2, 1, 0, 1, 0, 0));
    assertThat(q.stats(wf, "a")).isEqualTo(q.stats(wf, "a", 2));
    assertThat(q.stats(wf, "a", 3)).isEqualTo(TaskStats.EMPTY);
    assertThat(q.stats(wf, "b", 1)).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
  }

  @DbTest
  void aGenerationLeftBehindInTheCallThatCreatedItIsArchived(TestDatabase db) throws SQLException {
    // every work item completes inside the call that creates it, so a's first generation is
    // created, completed and superseded before anything is written
    var auto =
        Builder.workItem("auto")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    var def =
        loop(
            "loop-in-one-call",
            Builder.task(auto).onEnabled(ctx -> ctx.workItem().initialize()),
            Builder.task(auto).onEnabled(ctx -> ctx.workItem().initialize()),
            2,
            new AtomicInteger());
    Tasquencer engine = db.engine(def);
    UUID wf = engine.internal().initializeRootWorkflow("loop-in-one-call", null);

    assertThat(archived(db, wf, "a"))
        .containsExactly("1: 1 total, 1 completed", "2: 1 total, 1 completed");
    assertThat(taskRow(db, wf, "a")).isEqualTo("3: 1 total, 1 completed");
    assertThat(engine.queries().stats(wf, "a", 2)).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
  }

  private static List<String> archived(TestDatabase db, UUID wf, String task) throws SQLException {
    return rows(
        db,
        "select generation, total, initialized, completed from tq_task_generation"
            + " where workflow_id = ? and task_name = ? order by generation",
        wf,
        task);
  }

  private static String taskRow(TestDatabase db, UUID wf, String task) throws SQLException {
    return rows(
            db,
            "select generation, total, initialized, completed from tq_task"
                + " where workflow_id = ? and name = ?",
            wf,
            task)
        .get(0);
  }

  private static List<Integer> allGenerations(TestDatabase db, UUID wf, String task)
      throws SQLException {
    List<Integer> out = new ArrayList<>();
    for (String r :
        rows(
            db,
            "select generation, total, initialized, completed"
                + " from tq_task_generation_all where workflow_id = ? and task_name = ?"
                + " order by generation",
            wf,
            task)) {
      out.add(Integer.parseInt(r.substring(0, r.indexOf(':'))));
    }
    return out;
  }

  /** Rows of (generation, total, initialized, completed) as "g: t total, c completed, ...". */
  private static List<String> rows(TestDatabase db, String sql, UUID wf, String task)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, wf);
      ps.setString(2, task);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String s =
              rs.getInt(1) + ": " + rs.getLong(2) + " total, " + rs.getLong(4) + " completed";
          if (rs.getLong(3) > 0) {
            s += ", " + rs.getLong(3) + " initialized";
          }
          out.add(s);
        }
      }
    }
    return out;
  }
}

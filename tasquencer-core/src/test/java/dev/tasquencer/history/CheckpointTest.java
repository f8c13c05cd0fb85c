package dev.tasquencer.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.UUID;

/**
 * Reconstructing from a long history leaves checkpoints behind, and later reconstructions start
 * from them: the result is the same with and without checkpoints, the checkpoints are far enough
 * apart to take less room than the history, and a replay after one folds at most one interval.
 */
class CheckpointTest {
  static final int ITEMS = 1500;

  /** start -> t -> end; t's items start and complete themselves: 3 events per item, one call. */
  static WorkflowDefinition busy() {
    var item =
        Builder.workItem("auto")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    return Nets.fanOut("busy", "t", ITEMS, item);
  }

  @DbTest
  void replaysStartFromCheckpointsAndAgreeWithFullReplays(TestDatabase db) {
    Tasquencer engine = db.engine(Tasquencer.builder().history(HistoryLevel.FULL).register(busy()));
    UUID wf = engine.internal().initializeRootWorkflow("busy", null);
    long last = engine.queries().state(wf).seq();
    assertThat(last).isGreaterThan(3L * ITEMS);
    assertThat(count(db)).isZero();

    long near = last - 10;
    InstanceState first = engine.queries().stateAt(wf, near);
    long checkpoints = count(db);
    assertThat(checkpoints).as("checkpoints written by the first replay").isPositive();
    // at least 1000 events and twice the state's size apart: fewer than one per 1000 events
    assertThat(checkpoints).isLessThanOrEqualTo(near / 1000);

    InstanceState again = engine.queries().stateAt(wf, near);
    assertThat(again).isEqualTo(first);
    assertThat(count(db))
        .as("no new checkpoint: the replay started at the last one")
        .isEqualTo(checkpoints);

    // every other point agrees with a replay from the start
    for (long seq : new long[] {1, 700, 2500, near, last}) {
      InstanceState withCheckpoints = engine.queries().stateAt(wf, seq);
      db.sql("delete from tq_history_checkpoint");
      InstanceState fromStart = engine.queries().stateAt(wf, seq);
      assertThat(withCheckpoints).as("at %d", seq).isEqualTo(fromStart);
    }
    assertThat(engine.queries().stateAt(wf, last).workItems()).hasSize(ITEMS);
  }

  static long count(TestDatabase db) {
    return db.queryLong("select count(*) from tq_history_checkpoint");
  }
}

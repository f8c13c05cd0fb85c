package dev.tasquencer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.error.BusinessKeyConflictException;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.api.search.InstanceSummary;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Business keys: given at a root's initialize, shown by its snapshot and searchable; unique per
 * workflow name among roots that are not final when the definition says so, enforced by the
 * database also against concurrent starts.
 */
class BusinessKeyTest {

  /** start -> t -> end, keys unique. */
  static WorkflowDefinition unique(String name, String version) {
    return Nets.oneTask(name, "t", Nets.autoInit()).version(version).uniqueBusinessKey().build();
  }

  /** The roots with the key, oldest first (a search lists them newest first). */
  static List<UUID> withKey(Tasquencer engine, String key) {
    List<UUID> ids =
        new ArrayList<>(
            engine
                .queries()
                .instances(InstanceFilter.ALL.withBusinessKey(key), InstancePage.first(100))
                .instances()
                .stream()
                .map(InstanceSummary::id)
                .toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  @DbTest
  void aUniqueKeyIsRefusedWhileALiveRootHoldsItAndFreedWhenItEnds(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            unique("order", "1"),
            unique("order", "2"),
            unique("invoice", "1"),
            Nets.singleTask("note"));
    assertThat(
            engine
                .queries()
                .workflow(engine.internal().initializeRootWorkflow("note", null))
                .businessKey())
        .isNull();
    UUID first = engine.internal().initializeRootWorkflow("order", "1", null, "PO-7");

    DbSnapshot before = DbSnapshot.take(db);
    // another version of the same workflow name, twice
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("order", "2", null, "PO-7"))
          .isInstanceOfSatisfying(
              BusinessKeyConflictException.class,
              e -> {
                assertThat(e.holderId()).isEqualTo(first);
                assertThat(e.workflow()).isEqualTo("order");
                assertThat(e.businessKey()).isEqualTo("PO-7");
                assertThat(e.code()).isEqualTo("BUSINESS_KEY_CONFLICT");
                assertThat(e.getMessage()).contains(first.toString(), "PO-7", "uniqueBusinessKey");
              })
          .isInstanceOf(ConstraintViolationException.class);
    }
    assertThat(DbSnapshot.take(db)).as("a refused initialize changes nothing").isEqualTo(before);

    // the key is per workflow name, and definitions without the rule do not care
    UUID invoice = engine.internal().initializeRootWorkflow("invoice", null, null, "PO-7");
    UUID note1 = engine.internal().initializeRootWorkflow("note", null, null, "PO-7");
    UUID note2 = engine.internal().initializeRootWorkflow("note", null, null, "PO-7");
    assertThat(withKey(engine, "PO-7")).containsExactly(first, invoice, note1, note2);
    assertThat(engine.queries().workflow(first).businessKey()).isEqualTo("PO-7");

    // started still holds it; a final root frees it
    engine.internal().startWorkItem(engine.queries().workItems(first, "t").get(0).id());
    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("order", null, null, "PO-7"))
        .isInstanceOf(BusinessKeyConflictException.class);
    engine.internal().cancelWorkflow(first);
    UUID second = engine.internal().initializeRootWorkflow("order", null, null, "PO-7");
    assertThat(engine.queries().workflow(second).definitionVersion()).isEqualTo("2");
    assertThat(withKey(engine, "PO-7")).containsExactly(first, invoice, note1, note2, second);
  }

  /** The database itself refuses a second live holder, whatever writes the row. */
  @DbTest
  void theUniqueIndexRefusesASecondLiveHolder(TestDatabase db) {
    Tasquencer engine = db.engine(unique("order", "1"));
    engine.internal().initializeRootWorkflow("order", null, null, "K");
    UUID other = engine.internal().initializeRootWorkflow("order", null, null, "L");
    UUID ended = engine.internal().initializeRootWorkflow("order", null, null, "M");
    engine.internal().cancelWorkflow(ended);
    assertThatThrownBy(
            () -> db.sql("update tq_workflow set business_key = 'K' where id = ?", other))
        .satisfies(
            e ->
                assertThat(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT))
                    .contains("tq_workflow_business_key_unique"));
    // a final root may hold the key: it does not count
    assertThat(db.sql("update tq_workflow set business_key = 'K' where id = ?", ended))
        .isEqualTo(1);
  }

  @DbTest
  void keysAreOneToTwoHundredCharacters(TestDatabase db) {
    Tasquencer engine = db.engine(unique("order", "1"));
    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("order", null, null, ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("1 to 200");
    assertThatThrownBy(
            () -> engine.internal().initializeRootWorkflow("order", null, null, "k".repeat(201)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("order", null, null, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("businessKey");
    UUID id = engine.internal().initializeRootWorkflow("order", null, null, "k".repeat(200));
    assertThat(engine.queries().workflow(id).businessKey()).hasSize(200);
  }

  @DbTest
  void concurrentStartsWithOneKeyCreateOneRoot(TestDatabase db) throws Exception {
    Tasquencer engine = db.engine(unique("order", "1"));
    int threads = 8;
    for (int round = 0; round < 3; round++) {
      String key = "race-" + round;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<UUID>> results = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          Callable<UUID> start =
              () -> {
                go.await();
                return engine.internal().initializeRootWorkflow("order", null, null, key);
              };
          results.add(pool.submit(start));
        }
        go.countDown();
        List<UUID> won = new ArrayList<>();
        List<Throwable> lost = new ArrayList<>();
        for (Future<UUID> f : results) {
          try {
            won.add(f.get(60, TimeUnit.SECONDS));
          } catch (java.util.concurrent.ExecutionException e) {
            lost.add(e.getCause());
          }
        }
        assertThat(won).as("one start wins").hasSize(1);
        assertThat(lost)
            .hasSize(threads - 1)
            .allSatisfy(
                e ->
                    assertThat(e)
                        .isInstanceOfSatisfying(
                            BusinessKeyConflictException.class,
                            c -> assertThat(c.holderId()).isEqualTo(won.get(0))));
        assertThat(withKey(engine, key)).containsExactly(won.get(0));
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(3);
  }

  @DbTest
  void aChildWorkflowHasNoKey(TestDatabase db) {
    WorkflowDefinition parent =
        Builder.workflow("parent")
            .startCondition("start")
            .compositeTask("c", Builder.compositeTask(Nets.oneTask("child", "t", Nets.autoInit())))
            .endCondition("end")
            .connectCondition("start", to -> to.task("c"))
            .connectTask("c", to -> to.condition("end"))
            .build();
    Tasquencer engine = db.engine(parent);
    UUID root = engine.internal().initializeRootWorkflow("parent", null, null, "P-1");
    UUID kid = engine.internal().initializeWorkflow(root, "c", null, null);
    assertThat(engine.queries().workflow(kid).businessKey()).isNull();
    assertThat(withKey(engine, "P-1")).containsExactly(root);
  }
}

package dev.tasquencer.scratch;

import dev.tasquencer.builder.Builder;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class W4Scratch {
  @Test
  void w4() {
    for (TestDatabase db : (System.getProperty("pg") != null ? List.of(TestDatabase.postgres()) : List.of(TestDatabase.h2()))) {
      try (db) {
        var def = Builder.workflow("w4").startCondition("start")
            .task("a", Nets.autoInit()).task("b", Nets.autoInit()).endCondition("end")
            .connectCondition("start", to -> to.task("a"))
            .connectTask("a", to -> to.task("b")).connectTask("b", to -> to.condition("end")).build();
        var counting = new dev.tasquencer.testing.CountingDataSource(db.dataSource());
        var e = dev.tasquencer.Tasquencer.builder().dataSource(counting).register(def).build();
        int n = Integer.getInteger("n", 2000);
        List<UUID> wis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          UUID wf = e.internal().initializeRootWorkflow("w4", null);
          UUID wi = e.queries().workItems(wf, "a").get(0).id();
          e.internal().startWorkItem(wi);
          wis.add(wi);
        }
        // warm-up
        for (int i = 0; i < n / 2; i++) e.internal().completeWorkItem(wis.get(i));
        counting.reset();
        e.internal().completeWorkItem(wis.get(n / 2));
        System.err.printf("%s: one event = %d executions, %d commits%n", db.kind(), counting.executions.get(), counting.commits.get());
        long t0 = System.nanoTime();
        for (int i = n / 2 + 1; i < n; i++) e.internal().completeWorkItem(wis.get(i));
        double us = (System.nanoTime() - t0) / 1000.0 / (n / 2);
        System.err.printf("%s: %.1f us per completeWorkItem%n", db.kind(), us);
      }
    }
  }
}

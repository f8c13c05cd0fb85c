package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.Origin;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Schema version 8 carries the events of version 6's one-row-per-event history over into batches:
 * every event comes back unchanged (numbers, payloads with characters that need escaping, actors,
 * child workflows), grouped by root and command, and the rows follow each other without gaps.
 */
class HistoryInBatchesTest {

  @Test
  void h2() throws Exception {
    try (TestDatabase db = TestDatabase.h2()) {
      carriesEventsOver(db.dataSource(), new H2Dialect());
    }
  }

  @Test
  void postgres() throws Exception {
    try (TestDatabase db = TestDatabase.postgres(false)) {
      carriesEventsOver(db.dataSource(), new PostgresDialect());
      // the batches are compressed with lz4 where the server has it (it does from version 14 on
      // when built with it, as Debian's and the official images are)
      long lz4 =
          db.queryLong(
              "select count(*) from pg_settings where name = 'default_toast_compression'"
                  + " and 'lz4' = any(enumvals)");
      assertThat(
              db.queryLong(
                  "select count(*) from pg_attribute where attrelid = 'tq_history'::regclass"
                      + " and attname = 'events' and attcompression = 'l'"))
          .isEqualTo(lz4);
    }
  }

  private static void carriesEventsOver(DataSource ds, Dialect dialect) throws Exception {
    Flyway.configure()
        .configuration(Migrations.flyway(ds, dialect).getConfiguration())
        .target("7")
        .load()
        .migrate();
    UUID rootA = UUID.randomUUID();
    UUID rootB = UUID.randomUUID();
    UUID child = UUID.randomUUID();
    UUID item = UUID.randomUUID();
    UUID call1 = UUID.randomUUID();
    UUID call2 = UUID.randomUUID();
    Instant t1 = Instant.parse("2026-03-01T10:00:00.123456Z");
    Instant t2 = t1.plus(5, ChronoUnit.MINUTES);
    Actor ann = Actor.user("ann");
    List<HistoryEvent> old = new ArrayList<>();
    old.add(
        ev(
            rootA,
            1,
            call1,
            t1,
            Origin.EXTERNAL,
            null,
            ElementKind.WORKFLOW,
            rootA,
            null,
            null,
            null,
            "initialize",
            null,
            "initialized",
            "{\"name\":\"a\",\"note\":\"say \\\"hi\\\"\"}"));
    old.add(
        ev(
            rootA,
            2,
            call1,
            t1,
            Origin.ENGINE,
            null,
            ElementKind.TASK,
            rootA,
            "t",
            1,
            null,
            "enable",
            "disabled",
            "enabled",
            null));
    old.add(
        ev(
            rootA,
            3,
            call1,
            t1,
            Origin.INTERNAL,
            null,
            ElementKind.WORK_ITEM,
            child,
            "c",
            2,
            item,
            "initialize",
            null,
            "initialized",
            "[1,2.5,\"\\n\"]"));
    old.add(
        ev(
            rootA,
            4,
            call2,
            t2,
            Origin.EXTERNAL,
            ann,
            ElementKind.WORK_ITEM,
            child,
            "c",
            2,
            item,
            "complete",
            "started",
            "completed",
            null));
    old.add(
        ev(
            rootA,
            5,
            call2,
            t2,
            Origin.ENGINE,
            ann,
            ElementKind.CONDITION,
            rootA,
            null,
            null,
            null,
            "produce",
            "0",
            "1",
            null));
    old.add(
        ev(
            rootB,
            1,
            call2,
            t2,
            Origin.JOB,
            null,
            ElementKind.WORKFLOW,
            rootB,
            null,
            null,
            null,
            "cancel",
            "started",
            "canceled",
            null));
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into tq_history (root_id, seq, command_id, at, origin, actor_kind,"
                    + " actor_id, element_kind, workflow_id, task, generation, work_item_id,"
                    + " condition, event, from_state, to_state, payload)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(true);
      for (HistoryEvent e : old) {
        Params.bindAll(
            ps,
            e.rootId(),
            e.seq(),
            e.commandId(),
            e.at(),
            e.origin().id(),
            e.actor() == null ? null : e.actor().kind().id(),
            e.actor() == null ? null : e.actor().id(),
            e.element().id(),
            e.workflowId(),
            e.task(),
            e.generation(),
            e.workItemId(),
            e.condition(),
            e.event(),
            e.fromState(),
            e.toState(),
            e.payloadJson());
        ps.executeUpdate();
      }
    }

    Migrations.migrate(ds, dialect);

    List<HistoryEvent> now = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select "
                    + HistoryTable.COLUMNS.list()
                    + " from tq_history order by root_id, seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getObject("root_id") + "/" + rs.getLong("seq") + "-" + rs.getLong("last_seq"));
        now.addAll(HistoryTable.read(rs));
      }
    }
    // root A: call 1 (events 1-3), then call 2 (4-5, with ann); root B: one event
    assertThat(rows).containsExactlyInAnyOrder(rootA + "/1-3", rootA + "/4-5", rootB + "/1-1");
    assertThat(now).containsExactlyInAnyOrderElementsOf(old);
  }

  @SuppressWarnings("ParameterNumber")
  private static HistoryEvent ev(
      UUID root,
      long seq,
      UUID command,
      Instant at,
      Origin origin,
      Actor actor,
      ElementKind kind,
      UUID workflow,
      String task,
      Integer generation,
      UUID item,
      String event,
      String from,
      String to,
      String payload) {
    String condition = kind == ElementKind.CONDITION ? "c1" : null;
    return new HistoryEvent(
        root,
        seq,
        command,
        at,
        origin,
        actor,
        kind,
        workflow,
        task,
        generation,
        item,
        condition,
        event,
        from,
        to,
        payload);
  }
}

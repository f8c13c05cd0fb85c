package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.Purge;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Workflow trees that hold every kind of row a purge deletes, the ways to drive them to each end,
 * and reads of their rows by root.
 */
final class PurgeTrees {
  private PurgeTrees() {}

  static final String ORDER = "order";
  static final Actor CLERK = Actor.user("clerk");

  /**
   * {@code start -> a -> b -> ship -> invoice -> end}. {@code a} (XOR-join) initializes one work
   * item (offered to a user, so it has an allocation; the user works the first one, and {@code b}
   * is separated from {@code a}, so the user is recorded as its performer) and registers a job due
   * in a day, which is canceled when {@code a} ends; {@code b}'s XOR-split routes back to {@code a}
   * in its first generation, so that both leave an archived generation, then on to {@code ship};
   * {@code ship} is a composite task that starts two {@code shipment} children ({@code start ->
   * pack -> end}) and registers a job no worker handles (it dies at once: an incident, see {@link
   * #canceled}); {@code invoice} keeps the root running after its children have all finished; its
   * work item's deadline, due at once, writes an outbox message when a worker runs it ({@link
   * #completed}).
   */
  static WorkflowDefinition order() {
    var shipment = Nets.oneTask("shipment", "pack", Nets.autoInit());
    return Builder.workflow(ORDER)
        .startCondition("start")
        .task(
            "a",
            Builder.task(
                    Builder.workItem("noop")
                        .withActions(
                            Builder.workItemActions()
                                .start(Void.class, Policy.anyActor())
                                .complete(Void.class, Policy.anyActor()))
                        .offer(Offer.toUsers("clerk")))
                .withJoinType(JoinType.XOR)
                .onEnabled(
                    ctx -> {
                      ctx.workItem().initialize();
                      ctx.registerScheduled(Duration.ofDays(1), Job.of("test.never", null));
                    }))
        .task("b", Nets.autoInit().withSplitType(SplitType.XOR).separatedFrom("a"))
        .compositeTask(
            "ship",
            Builder.compositeTask(shipment)
                .onEnabled(
                    ctx -> {
                      ctx.workflow().initialize();
                      ctx.workflow().initialize();
                      // no worker has a handler for it: its one attempt fails, an incident opens
                      ctx.registerScheduled(
                          Duration.ZERO, Job.of("test.unhandled", null).withMaxAttempts(1));
                    }))
        .task(
            "invoice",
            Builder.task(
                    Nets.NOOP.deadline(
                        Deadline.afterInitialized("invoice.due", Duration.ZERO)
                            .notify("invoice.due")))
                .onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("a"))
        .connectTask("a", to -> to.task("b"))
        .connectTask(
            "b",
            to ->
                to.task("a")
                    .task("ship")
                    .route(
                        ctx -> ctx.task().generation() == 1 ? ctx.toTask("a") : ctx.toTask("ship")))
        .connectTask("ship", to -> to.task("invoice"))
        .connectTask("invoice", to -> to.condition("end"))
        .build();
  }

  /** Drives a new order until its two shipments are running (a and b ran twice each). */
  static void toShip(Driver d) {
    UUID first = d.initialized("a"); // the clerk works it: b's separation records the clerk
    d.engine.as(CLERK).startWorkItem(first);
    d.engine.as(CLERK).completeWorkItem(first);
    d.fire("b");
    d.fire("a");
    d.fire("b");
    assertThat(shipments(d)).hasSize(2);
  }

  static List<Driver> shipments(Driver d) {
    return d.q().childWorkflows(d.id, "ship").stream()
        .map(WorkflowSnapshot::id)
        .map(id -> new Driver(d.engine, id))
        .toList();
  }

  /** A running order whose children have all completed: it waits for {@code invoice}. */
  static Driver shipped(Driver d) {
    toShip(d);
    shipments(d).forEach(s -> s.fire("pack"));
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(shipments(d)).allMatch(s -> s.state() == WorkflowState.COMPLETED);
    return d;
  }

  static Driver completed(Driver d) {
    shipped(d);
    // the invoice item's deadline fires: an outbox row of this tree
    assertThat(d.engine.jobWorker().build().runDue()).isPositive();
    d.fire("invoice");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    return d;
  }

  /** Fails the work item of the second generation of {@code a}: the task and the order fail. */
  static Driver failed(Driver d) {
    d.fire("a");
    d.fire("b");
    UUID w = d.initialized("a");
    d.start(w);
    d.cmd().failWorkItem(w);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    return d;
  }

  /**
   * Cancels the order while its shipments run, after the job of {@code ship} died: an incident of
   * this tree (resolved by the cancellation).
   */
  static Driver canceled(Driver d) {
    toShip(d);
    assertThat(d.engine.jobWorker().build().runDue()).isPositive();
    assertThat(
            d.engine
                .incidents()
                .list(IncidentFilter.OPEN.withRootId(d.id), IncidentPage.first(10))
                .incidents())
        .hasSize(1);
    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    return d;
  }

  /** Every row of the purged tables that belongs to one of {@code roots}, per table, sorted. */
  static Map<String, List<String>> rowsOf(TestDatabase db, Collection<UUID> roots) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = db.dataSource().getConnection()) {
      for (String table : Purge.tableNames()) {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement("select * from " + table + " where root_id = any(?)")) {
          ps.setArray(1, c.createArrayOf("uuid", roots.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
              StringBuilder sb = new StringBuilder();
              for (int i = 1; i <= md.getColumnCount(); i++) {
                sb.append(i > 1 ? ", " : "")
                    .append(md.getColumnLabel(i).toLowerCase(Locale.ROOT))
                    .append('=')
                    .append(DbSnapshot.text(rs.getObject(i)));
              }
              rows.add(sb.toString());
            }
          }
        }
        rows.sort(null);
        out.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** A history checkpoint of a root, as time travel over a long history leaves them. */
  static void checkpoint(TestDatabase db, UUID root) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into tq_history_checkpoint (root_id, seq, state) values (?, 1, '{}')")) {
      ps.setObject(1, root);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many rows each purged table holds for {@code roots}. Counted here, not with {@code root_id
   * = any(?)}: H2 compares each row with every element of the array, too slow for 10,000 roots.
   */
  static Map<String, Long> counts(TestDatabase db, Collection<UUID> roots) {
    Set<UUID> wanted = new HashSet<>(roots);
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = db.dataSource().getConnection()) {
      for (String table : Purge.tableNames()) {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("select root_id from " + table);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (wanted.contains(rs.getObject(1, UUID.class))) {
              n++;
            }
          }
        }
        out.put(table, n);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /**
   * Copies the trees of {@code roots} {@code copies} times each, every id replaced by a fresh one
   * (consistently within a copy), with plain SQL: a quick way to many trees that look exactly like
   * trees the engine made. Returns the roots of the copies.
   */
  static List<UUID> copy(TestDatabase db, Collection<UUID> roots, int copies) {
    List<Map<UUID, UUID>> idsOfCopy = new ArrayList<>(); // per copy: ids agree across tables
    for (int k = 0; k < copies; k++) {
      idsOfCopy.add(new HashMap<>());
    }
    List<UUID> newRoots = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (String table : Purge.tableNames()) {
        List<String> columns = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement("select * from " + table + " where root_id = any(?)")) {
          Array ids = c.createArrayOf("uuid", roots.toArray());
          ps.setArray(1, ids);
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<Boolean> timestamps = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
              timestamps.add(
                  md.getColumnTypeName(i).toLowerCase(Locale.ROOT).contains("timestamp"));
            }
            while (rs.next()) {
              Object[] row = new Object[columns.size()];
              for (int i = 0; i < row.length; i++) {
                row[i] =
                    timestamps.get(i)
                        ? rs.getObject(i + 1, OffsetDateTime.class)
                        : rs.getObject(i + 1);
              }
              rows.add(row);
            }
          }
        }
        List<Object[]> copied = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
          Map<UUID, UUID> ids = idsOfCopy.get(k);
          for (Object[] row : rows) {
            Object[] copy = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
              copy[i] =
                  row[i] instanceof UUID u
                      ? ids.computeIfAbsent(u, x -> UUID.randomUUID())
                      : row[i];
            }
            copied.add(copy);
          }
        }
        insert(c, table, columns, copied);
      }
      for (int k = 0; k < copies; k++) {
        for (UUID root : roots) {
          newRoots.add(idsOfCopy.get(k).get(root));
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return newRoots;
  }

  /** Inserts rows with multi-row INSERT statements of up to 200 rows each. */
  private static void insert(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    String one = "(" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
    for (int from = 0; from < rows.size(); from += 200) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 200));
      String sql =
          "insert into "
              + table
              + " ("
              + String.join(", ", columns)
              + ") values "
              + String.join(", ", java.util.Collections.nCopies(chunk.size(), one));
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Object[] row : chunk) {
          for (Object v : row) {
            ps.setObject(p++, v);
          }
        }
        ps.executeUpdate();
      }
    }
  }
}

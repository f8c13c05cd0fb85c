package dev.tasquencer.bench;

import dev.tasquencer.DataSources;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstanceList;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.bench.measure.Summary;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@code tasquencer bench --search-explain}: the instance search (docs/search.md) on PostgreSQL
 * with a million root instances. Bulk-inserts the rows with one {@code generate_series} statement
 * (the distribution is in {@link #LOAD}), then for each filter times {@code
 * queries().instances(filter, first page of 50)} through the engine (median of {@code runs} runs
 * after one warm-up), and prints the plan PostgreSQL chose for that very statement: a second
 * engine's connections load {@code auto_explain} with {@code log_analyze} and send the plan to the
 * client as a notice, so the plan is the one of the engine's own SQL and parameters. Not part of
 * {@code mvn verify}.
 */
final class SearchExplain {
  private SearchExplain() {}

  /** The moment the generated rows end: "now" of the load and of the stuck filters. */
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /**
   * The rows: {@code n} roots created evenly over the 365 days before {@link #NOW}, in creation
   * order, with ids made as the engine makes them (48 bits of milliseconds, version 7). Workflow
   * names: order 40%, invoice 25%, payment 20%, shipment 10%, refund 5%; version 2 for 30%. States:
   * 2% failed, 5% canceled at any age; of the rest, those of the last day are running (initialized
   * or started), those of the last 30 days about a third running, older ones completed but for 1%
   * still started (long-running or stuck). Business key "BK-i" on 90% (order's declared unique).
   * Live roots: last call up to 3 days after creation; 0.1% of all roots with an open incident and
   * 0.05% suspended, if live. Plus one child workflow for about every fourth root.
   */
  static final String LOAD =
      "insert into tq_workflow (id, root_id, parent_workflow_id, parent_task_name,"
          + " parent_task_generation, definition_name, definition_version, name, state, payload,"
          + " created_at, updated_at, has_jobs, history_seq, suspended, open_incidents,"
          + " business_key, business_key_unique, last_call_at)"
          + " select g.id, g.id, null, null, null, g.name, g.version, g.name, g.state, null,"
          + " g.created, case when g.state in ('initialized', 'started') then g.created"
          + "   else g.created + (g.i % 4320) * interval '1 minute' end,"
          + " false, 0,"
          + " g.state in ('initialized', 'started') and g.i % 2000 = 7,"
          + " case when g.state in ('initialized', 'started') and g.i % 1000 = 3 then 1 else 0 end,"
          + " case when g.i % 10 = 9 then null else 'BK-' || g.i end,"
          + " g.name = 'order' and g.i % 10 <> 9,"
          + " case when g.state in ('initialized', 'started')"
          + "   then least(g.created + (g.i % 4320) * interval '1 minute', ?) else"
          + "   g.created + (g.i % 4320) * interval '1 minute' end"
          + " from (select s.i, s.created,"
          + "   (lpad(to_hex((extract(epoch from s.created) * 1000)::bigint), 12, '0') || '7'"
          + "     || substr(md5(s.i::text), 1, 3) || '8' || substr(md5(s.i::text), 4, 15))::uuid as id,"
          + "   case when s.h1 < 40 then 'order' when s.h1 < 65 then 'invoice'"
          + "     when s.h1 < 85 then 'payment' when s.h1 < 95 then 'shipment'"
          + "     else 'refund' end as name,"
          + "   case when s.h2 < 30 then '2' else '1' end as version,"
          + "   case when s.h3 < 2 then 'failed' when s.h3 < 7 then 'canceled'"
          + "     when s.created > ? - interval '1 day' then"
          + "       case when s.h3 < 12 then 'initialized' else 'started' end"
          + "     when s.created > ? - interval '30 days' then"
          + "       case when s.h3 < 37 then 'started' when s.h3 < 40 then 'initialized'"
          + "       else 'completed' end"
          + "     when s.h3 = 50 then 'started'"
          + "     else 'completed' end as state"
          + "   from (select i, ? - interval '365 days' + i * (interval '365 days' / ?) as created,"
          + "     abs(hashint4(i) % 100) as h1, abs(hashint4(i + 7919) % 100) as h2,"
          + "     abs(hashint4(i + 104729) % 100) as h3"
          + "     from generate_series(1, ?) as i) s) g";

  /** One child workflow for every fourth root (not searched; it makes "roots only" a filter). */
  static final String CHILDREN =
      "insert into tq_workflow (id, root_id, parent_workflow_id, parent_task_name,"
          + " parent_task_generation, definition_name, definition_version, name, state, payload,"
          + " created_at, updated_at, has_jobs, history_seq, suspended, open_incidents,"
          + " business_key, business_key_unique, last_call_at)"
          + " select gen_random_uuid(), w.id, w.id, 'sub', 1, w.definition_name,"
          + " w.definition_version, 'child', w.state, null, w.created_at, w.updated_at, false, 0,"
          + " false, 0, null, false, w.last_call_at from tq_workflow w"
          + " where w.parent_workflow_id is null and w.open_incidents = 0"
          + " and random() < 0.25";

  static WorkflowDefinition definition(String name, String version, boolean unique) {
    var b =
        Builder.workflow(name)
            .version(version)
            .startCondition("start")
            .task("t", Builder.task(Builder.workItem("w")))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"));
    return (unique ? b.uniqueBusinessKey() : b).build();
  }

  static Tasquencer engine(DataSource ds) {
    var b = Tasquencer.builder().dataSource(ds).history(HistoryLevel.NONE);
    for (String name : List.of("order", "invoice", "payment", "shipment", "refund")) {
      for (String version : List.of("1", "2")) {
        b = b.register(definition(name, version, name.equals("order")));
      }
    }
    return b.clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).build();
  }

  /** The filters measured, by name; the times and plans are printed in this order. */
  static Map<String, InstanceFilter> filters() {
    Map<String, InstanceFilter> f = new LinkedHashMap<>();
    InstanceFilter all = InstanceFilter.ALL;
    f.put("no filter (first page)", all);
    f.put("workflow = payment", all.withWorkflow("payment"));
    f.put("workflow = order, version = 2", all.withWorkflow("order").withVersion("2"));
    f.put("state = started", all.withStates(WorkflowState.STARTED));
    f.put("state = failed", all.withStates(WorkflowState.FAILED));
    f.put(
        "workflow = refund, state = initialized or started",
        all.withWorkflow("refund").withStates(WorkflowState.INITIALIZED, WorkflowState.STARTED));
    f.put(
        "workflow = shipment, state = failed",
        all.withWorkflow("shipment").withStates(WorkflowState.FAILED));
    f.put("business key = BK-777777", all.withBusinessKey("BK-777777"));
    f.put("created in the last day", all.withCreated(NOW.minus(Duration.ofDays(1)), null));
    f.put(
        "created in one hour 200 days ago",
        all.withCreated(
            NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(200)).plusSeconds(3600)));
    f.put(
        "workflow = order, created in one day 100 days ago",
        all.withWorkflow("order")
            .withCreated(NOW.minus(Duration.ofDays(101)), NOW.minus(Duration.ofDays(100))));
    f.put("updated in the last hour", all.withUpdated(NOW.minus(Duration.ofHours(1)), null));
    f.put("open incident", all.withOpenIncidents(true));
    f.put("suspended", all.withSuspended(true));
    f.put("stuck for 1 hour", all.withStuckFor(Duration.ofHours(1)));
    f.put("stuck for 30 days", all.withStuckFor(Duration.ofDays(30)));
    f.put(
        "workflow = shipment, stuck for 1 day",
        all.withWorkflow("shipment").withStuckFor(Duration.ofDays(1)));
    return f;
  }

  static int run(String pgUrl, String runId, int rows, int runs, PrintStream out, PrintStream err) {
    try {
      measure(pgUrl, runId, rows, runs, out, err);
      return 0;
    } catch (SQLException e) {
      throw new IllegalStateException("search: " + e.getMessage(), e);
    }
  }

  private static void measure(
      String pgUrl, String runId, int rows, int runs, PrintStream out, PrintStream err)
      throws SQLException {
    try (BenchDatabase db = BenchDatabase.create(DbKind.POSTGRES, "search", runId, pgUrl)) {
      String url = BenchDatabase.withDatabase(pgUrl, db.name());
      try (Tasquencer engine = engine(db.dataSource())) {
        load(db.dataSource(), rows, err);
        List<String> plans = new ArrayList<>();
        var pool = DataSources.pooled(url, 4);
        try (Tasquencer explaining = engine(explaining(pool, plans))) {
          out.printf(
              Locale.ROOT,
              "%n== instance search on PostgreSQL, %,d root instances (first page of 50, median"
                  + " of %d runs)%n",
              rows,
              runs);
          for (Map.Entry<String, InstanceFilter> e : filters().entrySet()) {
            InstancePage first = InstancePage.first(50);
            engine.queries().instances(e.getValue(), first); // warm-up
            double[] ms = new double[runs];
            int found = 0;
            for (int r = 0; r < runs; r++) {
              long t0 = System.nanoTime();
              InstanceList list = engine.queries().instances(e.getValue(), first);
              ms[r] = (System.nanoTime() - t0) / 1e6;
              found = list.instances().size();
            }
            Arrays.sort(ms);
            plans.clear();
            explaining.queries().instances(e.getValue(), first);
            out.printf(
                Locale.ROOT,
                "%n-- %s: %.2f ms median (min %.2f, max %.2f), %d rows on the page%n",
                e.getKey(),
                Summary.median(ms),
                ms[0],
                ms[ms.length - 1],
                found);
            for (String p : plans) {
              if (p.contains("tq_workflow")) {
                out.println(p.strip().indent(3).stripTrailing());
              }
            }
          }
        } finally {
          pool.close();
        }
      }
    }
  }

  private static void load(DataSource ds, int rows, PrintStream err) throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(LOAD)) {
        var now = java.time.OffsetDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC);
        for (int p = 1; p <= 4; p++) {
          ps.setObject(p, now);
        }
        ps.setInt(5, rows);
        ps.setInt(6, rows);
        ps.executeUpdate();
      }
      err.printf(
          Locale.ROOT,
          "search: %,d roots inserted (%.0f s)%n",
          rows,
          (System.nanoTime() - t0) / 1e9);
      try (Statement st = c.createStatement()) {
        int children = st.executeUpdate(CHILDREN);
        st.execute("vacuum (analyze) tq_workflow");
        err.printf(
            Locale.ROOT,
            "search: %,d child workflows inserted, vacuum analyze done (%.0f s)%n",
            children,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /**
   * A data source whose connections run every statement under {@code auto_explain} with {@code
   * analyze} and collect the plans PostgreSQL sends as notices.
   */
  static DataSource explaining(DataSource target, List<String> plans) {
    return proxy(
        DataSource.class,
        target,
        (t, m, args) ->
            m.getName().equals("getConnection")
                ? explaining((Connection) m.invoke(t, args), plans)
                : m.invoke(t, args));
  }

  private static Connection explaining(Connection c, List<String> plans) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("load 'auto_explain'");
      s.execute("set auto_explain.log_min_duration = 0");
      s.execute("set auto_explain.log_analyze = on");
      s.execute("set auto_explain.log_buffers = on");
      s.execute("set auto_explain.log_level = 'notice'");
    }
    return proxy(
        Connection.class,
        c,
        (target, m, args) -> {
          Object r = m.invoke(target, args);
          if (m.getName().equals("commit") || m.getName().equals("rollback")) {
            // a plan reaches the client with the round trip after its statement's
            // (on the commit itself, or on the next statement)
            collect(c.getWarnings(), plans);
            c.clearWarnings();
            try (Statement s = c.createStatement()) {
              s.execute("select 1");
              collect(s.getWarnings(), plans);
            }
          }
          return r;
        });
  }

  private static void collect(@Nullable SQLWarning first, List<String> plans) {
    for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
      plans.add(String.valueOf(w.getMessage()));
    }
  }

  /** What a proxy does with a call: {@code m} on {@code target} with {@code args}. */
  @FunctionalInterface
  interface Call {
    @Nullable Object on(Object target, Method m, @Nullable Object[] args) throws Exception;
  }

  static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler h =
        (p, m, args) -> {
          try {
            return call.on(target, m, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}

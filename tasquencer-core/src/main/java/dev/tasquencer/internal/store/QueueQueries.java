package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.queue.QueueCounts;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The work queues' SQL (docs/work-queues.md): a page of the offered items an actor may claim, or of
 * the items it claimed, in queue order, cut by key with a row comparison on {@code (sort_priority,
 * sort_due, created_at, work_item_id)}, which the indexes {@code tq_allocation_available} and
 * {@code tq_allocation_claimed} hold in that order; and the counts per task.
 */
public final class QueueQueries {
  private static final String A = AllocationTable.NAME;
  private static final String T = OfferTargetTable.NAME;

  private static final String ORDER = "a.sort_priority, a.sort_due, a.created_at, a.work_item_id";

  private static final String ENTRY_COLUMNS =
      "a.root_id, a.work_item_id, a.workflow_id, a.workflow_name, a.workflow_version, a.task_name,"
          + " a.state, a.priority, a.due_at, a.sort_priority, a.sort_due, a.created_at,"
          + " a.claimant_kind, a.claimant_id, a.claimed_at, a.attr_1, a.attr_2, a.attr_3";

  private QueueQueries() {}

  /**
   * Whom an available queue is for: a user with its active groups and its effective grants, or an
   * agent. Build it with {@link #user} or {@link #agent}.
   */
  public static final class Who {
    final @Nullable String userId;
    final List<String> groups;
    final List<String> scopes;

    private Who(@Nullable String userId, Collection<String> groups, Collection<String> scopes) {
      this.userId = userId;
      this.groups = List.copyOf(groups);
      this.scopes = List.copyOf(scopes);
    }

    /**
     * A user, its active groups (names) and the declared scopes its grants cover (wildcards
     * expanded by the caller, from the scope catalogue).
     */
    public static Who user(String userId, Collection<String> groups, Collection<String> scopes) {
      return new Who(userId, groups, scopes);
    }

    /** An agent: it sees the items offered to agents. */
    public static Who agent() {
      return new Who(null, List.of(), List.of());
    }

    /** The targets that name this user, as the column {@code targets} holds them. */
    String[] targets() {
      List<String> t = new ArrayList<>();
      t.add(AllocationTable.target(OfferTargetTable.Kind.USER, Objects.requireNonNull(userId)));
      groups.forEach(g -> t.add(AllocationTable.target(OfferTargetTable.Kind.GROUP, g)));
      scopes.forEach(s -> t.add(AllocationTable.target(OfferTargetTable.Kind.SCOPE, s)));
      return t.toArray(new String[0]);
    }
  }

  /**
   * The condition that an offer target of {@code a}'s row names {@code who}. On PostgreSQL the
   * row's own copy of its targets is checked (an array overlap, which the GIN index {@code
   * tq_allocation_targets} serves too); H2 probes {@code tq_offer_target} by primary key.
   */
  private static void offeredTo(Session s, Sql sql, Who who) {
    if (who.userId == null) {
      sql.add(" and a.agents = true");
      return;
    }
    if (s.dialect().id().equals("postgresql")) {
      try {
        sql.add(
            " and a.targets && ?::text[]", s.connection().createArrayOf("varchar", who.targets()));
      } catch (SQLException e) {
        throw SqlFailures.ofStatement("createArrayOf", e);
      }
      return;
    }
    sql.add(" and exists (select 1 from " + T + " t where t.root_id = a.root_id")
        .add(
            " and t.work_item_id = a.work_item_id and ((t.kind = 'user' and t.target = ?)",
            who.userId);
    if (!who.groups.isEmpty()) {
      sql.add(" or (t.kind = 'group' and t.target in ").in(who.groups).add(")");
    }
    if (!who.scopes.isEmpty()) {
      sql.add(" or (t.kind = 'scope' and t.target in ").in(who.scopes).add(")");
    }
    sql.add("))");
  }

  /**
   * Leaves out the items of suspended trees: nobody may claim them until the tree is resumed
   * (docs/suspend.md). One probe of the root's row by primary key per candidate item.
   */
  private static void notSuspended(Sql sql) {
    sql.add(" and not exists (select 1 from tq_workflow r where r.id = a.root_id and r.suspended)");
  }

  private static void filter(Sql sql, QueueFilter f) {
    if (f.workflow() != null) {
      sql.add(" and a.workflow_name = ?", f.workflow());
    }
    if (f.version() != null) {
      sql.add(" and a.workflow_version = ?", f.version());
    }
    if (f.task() != null) {
      sql.add(" and a.task_name = ?", f.task());
    }
    for (Map.Entry<String, String> e : f.attributes().entrySet()) {
      String a = AllocationTable.attribute(e.getKey(), e.getValue());
      sql.add(" and (a.attr_1 = ? or a.attr_2 = ? or a.attr_3 = ?)", a, a, a);
    }
  }

  /** One page of the offered items {@code who} may claim. */
  public static QueueItems available(Session s, Who who, QueueFilter f, QueuePage page) {
    Sql sql =
        new Sql().add("select " + ENTRY_COLUMNS + " from " + A + " a where a.state = 'offered'");
    filter(sql, f);
    offeredTo(s, sql, who);
    notSuspended(sql);
    return page(s, sql, page);
  }

  /** One page of the items {@code claimant} has claimed and that are not done. */
  public static QueueItems claimed(Session s, Actor claimant, QueueFilter f, QueuePage page) {
    Sql sql =
        new Sql()
            .add("select " + ENTRY_COLUMNS + " from " + A + " a where a.state = 'claimed'")
            .add(
                " and a.claimant_kind = ? and a.claimant_id = ?",
                claimant.kind().id(),
                claimant.id());
    filter(sql, f);
    return page(s, sql, page);
  }

  private static QueueItems page(Session s, Sql sql, QueuePage page) {
    String after = page.after();
    if (after != null) {
      Cursor c = Cursor.decode(after);
      sql.add(
          " and (a.sort_priority, a.sort_due, a.created_at, a.work_item_id) > (?, ?, ?, ?)",
          c.sortPriority,
          c.sortDue,
          c.createdAt,
          c.id);
    }
    sql.add(" order by " + ORDER + " limit ?", page.limit() + 1);
    List<Object[]> rows = new ArrayList<>();
    List<QueueEntry> entries =
        new Statements(s.connection())
            .allPlannedEach(
                s.dialect(),
                sql.text.toString(),
                rs -> {
                  rows.add(
                      new Object[] {
                        rs.getInt("sort_priority"),
                        Params.instant(rs, "sort_due"),
                        Params.instant(rs, "created_at"),
                        Params.uuid(rs, "work_item_id")
                      });
                  return entry(rs);
                },
                sql.params.toArray());
    if (entries.size() <= page.limit()) {
      return new QueueItems(entries, null);
    }
    Object[] last = rows.get(page.limit() - 1);
    String next =
        new Cursor((Integer) last[0], (Instant) last[1], (Instant) last[2], (UUID) last[3])
            .encode();
    return new QueueItems(entries.subList(0, page.limit()), next);
  }

  private static QueueEntry entry(ResultSet rs) throws SQLException {
    String kind = rs.getString("claimant_kind");
    String id = rs.getString("claimant_id");
    return new QueueEntry(
        Params.uuid(rs, "work_item_id"),
        Params.uuid(rs, "root_id"),
        Params.uuid(rs, "workflow_id"),
        rs.getString("workflow_name"),
        rs.getString("workflow_version"),
        rs.getString("task_name"),
        AllocationState.of(rs.getString("state")),
        rs.getInt("priority"),
        Params.nullableInstant(rs, "due_at"),
        AllocationTable.attributes(rs),
        Params.instant(rs, "created_at"),
        kind == null || id == null ? null : new Actor(Actor.Kind.of(kind), id),
        Params.nullableInstant(rs, "claimed_at"));
  }

  /**
   * How many items {@code who} may claim and {@code claimant} has claimed, per workflow, version
   * and task: one statement, two grouped scans (the same indexes as the pages).
   */
  public static QueueCounts counts(Session s, @Nullable Who who, Actor claimant) {
    Sql sql = new Sql();
    if (who != null) {
      sql.add(
          "select a.workflow_name, a.workflow_version, a.task_name, 'offered' as state,"
              + " count(*) as n from "
              + A
              + " a where a.state = 'offered'");
      offeredTo(s, sql, who);
      notSuspended(sql);
      sql.add(" group by a.workflow_name, a.workflow_version, a.task_name union all ");
    }
    sql.add(
        "select a.workflow_name, a.workflow_version, a.task_name, 'claimed' as state,"
            + " count(*) as n from "
            + A
            + " a where a.state = 'claimed' and a.claimant_kind = ? and a.claimant_id = ?"
            + " group by a.workflow_name, a.workflow_version, a.task_name",
        claimant.kind().id(),
        claimant.id());
    Map<List<String>, long[]> byTask = new LinkedHashMap<>();
    new Statements(s.connection())
        .allPlannedEach(
            s.dialect(),
            sql.text.toString(),
            rs -> {
              List<String> key =
                  List.of(
                      rs.getString("workflow_name"),
                      rs.getString("workflow_version"),
                      rs.getString("task_name"));
              long[] n = byTask.computeIfAbsent(key, k -> new long[2]);
              n[rs.getString("state").equals("offered") ? 0 : 1] += rs.getLong("n");
              return key;
            },
            sql.params.toArray());
    List<QueueCounts.TaskCount> tasks = new ArrayList<>();
    long available = 0;
    long claimed = 0;
    for (Map.Entry<List<String>, long[]> e : byTask.entrySet()) {
      List<String> k = e.getKey();
      long[] n = e.getValue();
      tasks.add(new QueueCounts.TaskCount(k.get(0), k.get(1), k.get(2), n[0], n[1]));
      available += n[0];
      claimed += n[1];
    }
    tasks.sort(
        (x, y) -> {
          int c = x.workflow().compareTo(y.workflow());
          c = c != 0 ? c : x.version().compareTo(y.version());
          return c != 0 ? c : x.task().compareTo(y.task());
        });
    return new QueueCounts(available, claimed, tasks);
  }

  /** The position after an entry: its sort key, written as an opaque string. */
  private record Cursor(int sortPriority, Instant sortDue, Instant createdAt, UUID id) {
    private static final String PREFIX = "q1:";

    String encode() {
      return Cursors.encode(PREFIX, sortPriority, sortDue, createdAt, id);
    }

    static Cursor decode(String cursor) {
      return Cursors.decode(
          cursor,
          PREFIX,
          "queue",
          "QueuePage.first(limit)",
          p ->
              new Cursor(
                  Integer.parseInt(p[0]),
                  Cursors.instant(p[1]),
                  Cursors.instant(p[2]),
                  UUID.fromString(p[3])));
    }
  }
}

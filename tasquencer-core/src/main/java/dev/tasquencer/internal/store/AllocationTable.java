package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.queue.QueueData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code tq_allocation}: its columns, how a row is written, and how one is read with its offer's
 * targets ({@link OfferTargetTable}) in one statement.
 */
final class AllocationTable {
  static final String NAME = "tq_allocation";

  static final Columns COLUMNS =
      Columns.of(
          "root_id",
          "work_item_id",
          "workflow_id",
          "workflow_name",
          "workflow_version",
          "task_name",
          "task_generation",
          "state",
          "agents",
          "supervisor_scope",
          "release_on_reset",
          "claimant_kind",
          "claimant_id",
          "claimed_at",
          "created_at",
          "updated_at",
          "priority",
          "due_at",
          "sort_priority",
          "sort_due",
          "attr_1",
          "attr_2",
          "attr_3",
          "targets");

  /** What a flush writes of an allocation that changed. */
  private static final Columns CHANGING =
      Columns.of(
          "state",
          "agents",
          "supervisor_scope",
          "claimant_kind",
          "claimant_id",
          "claimed_at",
          "updated_at",
          "priority",
          "due_at",
          "sort_priority",
          "sort_due",
          "targets");

  private static final Columns KEY = Columns.of("root_id", "work_item_id");

  /** One allocation with its targets (one row per target; one row with null target for none). */
  static final String BY_KEY =
      "select "
          + COLUMNS.qualified("a", "")
          + ", t.kind as target_kind, t.target as target from "
          + NAME
          + " a left join "
          + OfferTargetTable.NAME
          + " t on t.root_id = a.root_id and t.work_item_id = a.work_item_id"
          + " where a.root_id = ? and a.work_item_id = ?";

  private AllocationTable() {}

  static TableWriter<AllocationRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        "update " + NAME + " set " + CHANGING.assignments(c -> "?") + " where " + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, AllocationRow r) throws SQLException {
        Params.bind(ps, p++, r.rootId);
        Params.bind(ps, p++, r.workItemId);
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.workflowName);
        Params.bind(ps, p++, r.workflowVersion);
        Params.bind(ps, p++, r.taskName);
        ps.setInt(p++, r.taskGeneration);
        Params.bind(ps, p++, r.state().id());
        ps.setBoolean(p++, r.offer().forAgents());
        Params.bind(ps, p++, r.offer().supervisorScope());
        ps.setBoolean(p++, r.offer().releaseOnReset());
        p = bindClaimant(ps, p, r);
        Params.bind(ps, p++, r.createdAt);
        Params.bind(ps, p++, r.updatedAt());
        p = bindQueue(ps, p, r);
        for (String a : attributeColumns(r.attributes)) {
          Params.bind(ps, p++, a);
        }
        ps.setArray(p++, ps.getConnection().createArrayOf("varchar", targets(r.offer())));
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, AllocationRow r) throws SQLException {
        Params.bind(ps, o++, r.state().id());
        ps.setBoolean(o++, r.offer().forAgents());
        Params.bind(ps, o++, r.offer().supervisorScope());
        o = bindClaimant(ps, o, r);
        Params.bind(ps, o++, r.updatedAt());
        o = bindQueue(ps, o, r);
        // rewritten with the row, so that a re-offer (an escalation) keeps the copy true
        ps.setArray(o++, ps.getConnection().createArrayOf("varchar", targets(r.offer())));
        Params.bind(ps, o++, r.rootId);
        Params.bind(ps, o++, r.workItemId);
        return o;
      }
    };
  }

  /** Sorts "no due date" after every due date (QueueData refuses due dates from it on). */
  static final Instant NO_DUE = QueueData.LATEST_DUE;

  private static int bindQueue(PreparedStatement ps, int p, AllocationRow r) throws SQLException {
    QueueData q = r.queue();
    ps.setInt(p++, q.priority());
    Params.bind(ps, p++, q.dueAt());
    ps.setInt(p++, -q.priority());
    Instant due = q.dueAt();
    Params.bind(ps, p++, due == null ? NO_DUE : due);
    return p;
  }

  /** The attribute columns' values: "name=value", by name, null for slots left over. */
  static @Nullable String[] attributeColumns(Map<String, String> attributes) {
    @Nullable String[] slots = new @Nullable String[QueueData.MAX_ATTRIBUTES];
    int i = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
      slots[i++] = attribute(e.getKey(), e.getValue());
    }
    return slots;
  }

  /** The offer's targets as the column {@code targets} holds them: "kind:target". */
  static String[] targets(Offer offer) {
    List<String> t = new ArrayList<>();
    offer.users().forEach(u -> t.add(target(OfferTargetTable.Kind.USER, u)));
    offer.groups().forEach(g -> t.add(target(OfferTargetTable.Kind.GROUP, g)));
    offer.scopes().forEach(s -> t.add(target(OfferTargetTable.Kind.SCOPE, s)));
    return t.toArray(new String[0]);
  }

  static String target(OfferTargetTable.Kind kind, String target) {
    return kind.id + ":" + target;
  }

  /** How an attribute is stored (and how a filter looks for it). */
  static String attribute(String name, String value) {
    return name + "=" + value;
  }

  /** The attributes of the row at the cursor. */
  static Map<String, String> attributes(ResultSet rs) throws SQLException {
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 1; i <= QueueData.MAX_ATTRIBUTES; i++) {
      String a = rs.getString("attr_" + i);
      if (a != null) {
        int eq = a.indexOf('=');
        attributes.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    return attributes;
  }

  private static int bindClaimant(PreparedStatement ps, int p, AllocationRow r)
      throws SQLException {
    Actor c = r.claimant();
    Params.bind(ps, p++, c == null ? null : c.kind().id());
    Params.bind(ps, p++, c == null ? null : c.id());
    Params.bind(ps, p++, r.claimedAt());
    return p;
  }

  /** Reads the allocation at the cursor and its targets (the rows of {@link #BY_KEY}). */
  static Optional<AllocationRow> read(Session session, ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return Optional.empty();
    }
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    Set<String> scopes = new LinkedHashSet<>();
    UUID rootId = Params.uuid(rs, "root_id");
    UUID workItemId = Params.uuid(rs, "work_item_id");
    UUID workflowId = Params.uuid(rs, "workflow_id");
    String workflowName = rs.getString("workflow_name");
    String workflowVersion = rs.getString("workflow_version");
    String task = rs.getString("task_name");
    int generation = rs.getInt("task_generation");
    AllocationState state = AllocationState.of(rs.getString("state"));
    boolean agents = rs.getBoolean("agents");
    String supervisor = rs.getString("supervisor_scope");
    boolean releaseOnReset = rs.getBoolean("release_on_reset");
    String claimantKind = rs.getString("claimant_kind");
    String claimantId = rs.getString("claimant_id");
    Instant claimedAt = Params.nullableInstant(rs, "claimed_at");
    Instant createdAt = Params.instant(rs, "created_at");
    Instant updatedAt = Params.instant(rs, "updated_at");
    QueueData queue =
        new QueueData(rs.getInt("priority"), Params.nullableInstant(rs, "due_at"), attributes(rs));
    do {
      String kind = rs.getString("target_kind");
      String target = rs.getString("target");
      if (kind != null && target != null) {
        OfferTargetTable.Kind.of(kind).into(users, groups, scopes).add(target);
      }
    } while (rs.next());
    Actor claimant =
        claimantKind == null || claimantId == null
            ? null
            : new Actor(Actor.Kind.of(claimantKind), claimantId);
    return Optional.of(
        new AllocationRow(
            session,
            true,
            rootId,
            workItemId,
            workflowId,
            workflowName,
            workflowVersion,
            task,
            generation,
            new Offer(users, groups, scopes, agents, supervisor, releaseOnReset),
            queue,
            state,
            claimant,
            claimedAt,
            createdAt,
            updatedAt));
  }
}

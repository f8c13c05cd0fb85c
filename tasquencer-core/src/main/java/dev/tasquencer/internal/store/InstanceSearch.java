package dev.tasquencer.internal.store;

import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.search.InstanceFilter;
import dev.tasquencer.api.search.InstanceList;
import dev.tasquencer.api.search.InstancePage;
import dev.tasquencer.api.search.InstanceSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Instance search (docs/search.md): a page of root workflow rows that match a filter, newest first
 * (creation time, then id, both descending), cut by key with a row comparison on {@code
 * (created_at, id)}, which the partial indexes of V17 hold in that order; and the business key
 * checks of a root's initialize. Which index serves which filter is in V17 and docs/performance.md.
 */
public final class InstanceSearch {
  private static final String W = WorkflowTable.NAME;

  private static final String COLUMNS =
      "id, definition_name, definition_version, state, business_key, created_at, updated_at,"
          + " last_call_at, suspended, open_incidents";

  /** The unique index that holds the keys of unique definitions (V17, both dialects). */
  private static final String UNIQUE_INDEX = "tq_workflow_business_key_unique";

  private static final String HOLDER =
      "select id from "
          + W
          + " where definition_name = ? and business_key = ? and business_key_unique = true"
          + " and parent_workflow_id is null and state in ('initialized', 'started')";

  private InstanceSearch() {}

  /** The root of {@code workflow} that is not final and holds a unique {@code key}, if any. */
  public static Optional<UUID> keyHolder(Session s, String workflow, String key) {
    s.flush();
    return new Statements(s.connection()).first(HOLDER, rs -> Params.uuid(rs, "id"), workflow, key);
  }

  /** Whether {@code e} (or a cause) is the unique index of business keys refusing an insert. */
  public static boolean isKeyConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException q
          && "23505".equals(q.getSQLState())
          && String.valueOf(q.getMessage()).toLowerCase(Locale.ROOT).contains(UNIQUE_INDEX)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One page of the root instances that match {@code f}; {@code now} is the engine clock's, for
   * {@link InstanceFilter#stuckFor()}.
   */
  public static InstanceList page(Session s, InstanceFilter f, InstancePage page, Instant now) {
    Sql sql = where(f, now);
    String after = page.after();
    if (after != null) {
      Cursor c = Cursor.decode(after);
      sql.add(" and (created_at, id) < (?, ?)", c.createdAt, c.id);
    }
    sql.add(" order by created_at desc, id desc limit ?", page.limit() + 1);
    List<InstanceSummary> rows =
        new Statements(s.connection())
            .allPlannedEach(
                s.dialect(), sql.text.toString(), InstanceSearch::summary, sql.params.toArray());
    if (rows.size() <= page.limit()) {
      return new InstanceList(rows, null);
    }
    List<InstanceSummary> shown = rows.subList(0, page.limit());
    InstanceSummary last = shown.get(shown.size() - 1);
    return new InstanceList(shown, new Cursor(last.createdAt(), last.id()).encode());
  }

  private static Sql where(InstanceFilter f, Instant now) {
    Sql sql =
        new Sql().add("select " + COLUMNS + " from " + W + " where parent_workflow_id is null");
    if (f.workflow() != null) {
      sql.add(" and definition_name = ?", f.workflow());
    }
    if (f.version() != null) {
      sql.add(" and definition_version = ?", f.version());
    }
    if (!f.states().isEmpty()) {
      List<String> states = new ArrayList<>();
      for (WorkflowState st : WorkflowState.values()) {
        if (f.states().contains(st)) {
          states.add(st.id());
        }
      }
      sql.add(" and state in ").in(states);
    }
    if (f.businessKey() != null) {
      sql.add(" and business_key = ?", f.businessKey());
    }
    if (f.createdFrom() != null) {
      sql.add(" and created_at >= ?", f.createdFrom());
    }
    if (f.createdTo() != null) {
      sql.add(" and created_at < ?", f.createdTo());
    }
    if (f.updatedFrom() != null) {
      sql.add(" and updated_at >= ?", f.updatedFrom());
    }
    if (f.updatedTo() != null) {
      sql.add(" and updated_at < ?", f.updatedTo());
    }
    if (f.withOpenIncidents()) {
      sql.add(" and open_incidents > 0");
    }
    if (f.stuckFor() != null) {
      sql.add(
          " and state in ('initialized', 'started') and last_call_at <= ?",
          now.minus(f.stuckFor()));
    }
    if (f.suspended() != null) {
      sql.add(" and suspended = ?", f.suspended());
    }
    return sql;
  }

  private static InstanceSummary summary(ResultSet rs) throws SQLException {
    return new InstanceSummary(
        Params.uuid(rs, "id"),
        rs.getString("definition_name"),
        rs.getString("definition_version"),
        States.workflow(rs.getString("state")),
        rs.getString("business_key"),
        Params.instant(rs, "created_at"),
        Params.instant(rs, "updated_at"),
        Params.instant(rs, "last_call_at"),
        rs.getBoolean("suspended"),
        rs.getInt("open_incidents"));
  }

  /** The position after an instance: its sort key, written as an opaque string. */
  private record Cursor(Instant createdAt, UUID id) {
    private static final String PREFIX = "i1:";

    String encode() {
      return Cursors.encode(PREFIX, createdAt, id);
    }

    static Cursor decode(String cursor) {
      return Cursors.decode(
          cursor,
          PREFIX,
          "instance",
          "InstancePage.first(limit)",
          p -> new Cursor(Cursors.instant(p[0]), UUID.fromString(p[1])));
    }
  }
}

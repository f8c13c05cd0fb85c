package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentResolution;
import dev.tasquencer.api.incident.IncidentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code tq_incident} (docs/incidents.md) and the root's {@code open_incidents} counter: the
 * statements that open, find, list and resolve incidents. They run in the caller's transaction,
 * which holds the root's lock for every write; they throw {@link SQLException}, which callers
 * translate with {@link SqlFailures#run}.
 */
public final class IncidentStore {
  static final String NAME = "tq_incident";

  private static final Columns COLUMNS =
      Columns.of(
          "id",
          "root_id",
          "workflow_id",
          "workflow_name",
          "owner_kind",
          "owner_id",
          "owner_task",
          "owner_generation",
          "job_id",
          "handler",
          "error_type",
          "error_message",
          "attempts",
          "payload",
          "opened_at",
          "state",
          "resolution",
          "resolved_by",
          "resolved_at");

  private static final String SELECT = "select " + COLUMNS.list() + " from " + NAME;

  /** The longest error message stored, as for a job's {@code last_error}. */
  private static final int MAX_MESSAGE = 20_000;

  private IncidentStore() {}

  private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    return StatementCache.get(StatementCache.physical(c), sql);
  }

  /** Inserts an open incident and counts it on its root. */
  public static void insert(Connection c, Incident i) throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "insert into " + NAME + " (" + COLUMNS.list() + ") values " + COLUMNS.values(x -> "?"));
    Params.bindAll(
        ps,
        i.id(),
        i.rootId(),
        i.workflowId(),
        i.workflowName(),
        i.ownerKind().id(),
        i.ownerId(),
        i.ownerTask(),
        i.ownerGeneration(),
        i.jobId(),
        i.handler(),
        truncate(i.errorType(), 500),
        i.errorMessage() == null ? null : truncate(i.errorMessage(), MAX_MESSAGE),
        i.attempts(),
        i.payloadJson(),
        i.openedAt(),
        i.state().id(),
        null,
        null,
        null);
    ps.executeUpdate();
    count(c, i.rootId(), +1);
  }

  /**
   * A retried job died again: its open incident takes the new error and attempts (it stays the same
   * incident).
   */
  public static void failedAgain(
      Connection c, Incident i, String errorType, @Nullable String message, int attempts)
      throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update "
                + NAME
                + " set error_type = ?, error_message = ?, attempts = ?"
                + " where root_id = ? and id = ?");
    Params.bindAll(
        ps,
        truncate(errorType, 500),
        message == null ? null : truncate(message, MAX_MESSAGE),
        attempts,
        i.rootId(),
        i.id());
    ps.executeUpdate();
  }

  /** Resolves an open incident and uncounts it on its root; false when it was not open. */
  public static boolean resolve(
      Connection c, Incident i, IncidentResolution how, @Nullable String by, Instant now)
      throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update "
                + NAME
                + " set state = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ?"
                + " where root_id = ? and id = ? and state = 'open'");
    Params.bindAll(ps, how.id(), by, now, i.rootId(), i.id());
    if (ps.executeUpdate() == 0) {
      return false;
    }
    count(c, i.rootId(), -1);
    return true;
  }

  private static void count(Connection c, UUID rootId, int delta) throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update tq_workflow set open_incidents = open_incidents + ? where id = ?"
                + " and root_id = id");
    Params.bindAll(ps, delta, rootId);
    if (ps.executeUpdate() != 1) {
      throw new IllegalStateException(
          "the root workflow " + rootId + " of an incident does not exist");
    }
  }

  /** An incident by its id. */
  public static Optional<Incident> find(Connection c, UUID id) throws SQLException {
    List<Incident> found = list(c, SELECT + " where id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The open incident of a job, if any. */
  public static Optional<Incident> openOfJob(Connection c, UUID rootId, UUID jobId)
      throws SQLException {
    List<Incident> found =
        list(c, SELECT + " where job_id = ? and root_id = ? and state = 'open'", jobId, rootId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * The open incidents of an owner: a workflow (its own, not its tasks'), a task (any generation)
   * or a work item.
   */
  public static List<Incident> openOfOwner(
      Connection c, UUID rootId, JobOwnerKind kind, UUID ownerId, @Nullable String task)
      throws SQLException {
    if (task == null) {
      return list(
          c,
          SELECT + " where root_id = ? and owner_kind = ? and owner_id = ? and state = 'open'",
          rootId,
          kind.id(),
          ownerId);
    }
    return list(
        c,
        SELECT
            + " where root_id = ? and owner_kind = ? and owner_id = ? and owner_task = ?"
            + " and state = 'open'",
        rootId,
        kind.id(),
        ownerId,
        task);
  }

  /** The number of open incidents of a root's tree, as its root row counts them. */
  public static int openOfRoot(Connection c, UUID rootId) throws SQLException {
    PreparedStatement ps = prepare(c, "select open_incidents from tq_workflow where id = ?");
    Params.bind(ps, 1, rootId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** A page of incidents that match the filter, after {@code afterId}, by id. */
  public static List<Incident> list(
      Connection c, IncidentFilter filter, @Nullable UUID afterId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    IncidentState state = filter.state();
    if (state != null) {
      sql.append(" and state = ?");
      params.add(state.id());
    }
    String workflowName = filter.workflowName();
    if (workflowName != null) {
      sql.append(" and workflow_name = ?");
      params.add(workflowName);
    }
    UUID rootId = filter.rootId();
    if (rootId != null) {
      sql.append(" and root_id = ?");
      params.add(rootId);
    }
    if (afterId != null) {
      sql.append(" and id > ?");
      params.add(afterId);
    }
    sql.append(" order by id fetch first ").append(limit).append(" rows only");
    return list(c, sql.toString(), params.toArray());
  }

  private static List<Incident> list(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    PreparedStatement ps = prepare(c, sql);
    Params.bindAll(ps, params);
    try (ResultSet rs = ps.executeQuery()) {
      List<Incident> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    }
  }

  private static Incident read(ResultSet rs) throws SQLException {
    String resolution = rs.getString("resolution");
    return new Incident(
        Params.uuid(rs, "id"),
        Params.uuid(rs, "root_id"),
        Params.uuid(rs, "workflow_id"),
        rs.getString("workflow_name"),
        JobOwnerKind.valueOf(rs.getString("owner_kind").toUpperCase(Locale.ROOT)),
        Params.uuid(rs, "owner_id"),
        rs.getString("owner_task"),
        Params.nullableInt(rs, "owner_generation"),
        Params.uuid(rs, "job_id"),
        rs.getString("handler"),
        rs.getString("error_type"),
        rs.getString("error_message"),
        rs.getInt("attempts"),
        rs.getString("payload"),
        Params.instant(rs, "opened_at"),
        IncidentState.of(rs.getString("state")),
        resolution == null ? null : IncidentResolution.of(resolution),
        rs.getString("resolved_by"),
        Params.nullableInstant(rs, "resolved_at"));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}

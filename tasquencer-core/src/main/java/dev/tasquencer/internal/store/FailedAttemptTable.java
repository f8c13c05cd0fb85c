package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.Origin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code tq_failed_attempt}: calls rolled back by an exception, one row each, written after the
 * rollback in a transaction of their own.
 */
public final class FailedAttemptTable {
  static final String NAME = "tq_failed_attempt";

  static final Columns COLUMNS =
      Columns.of(
          "id",
          "root_id",
          "command_id",
          "command",
          "at",
          "origin",
          "actor_kind",
          "actor_id",
          "workflow_id",
          "work_item_id",
          "target",
          "error_type",
          "error_code",
          "message");

  private static final String INSERT =
      "insert into " + NAME + " (" + COLUMNS.list() + ") values " + COLUMNS.values(c -> "?");

  private static final String SELECT = "select " + COLUMNS.list() + " from " + NAME;

  static final String BY_ROOT = SELECT + " where root_id = ? order by at desc, id desc limit ?";

  static final String SINCE = SELECT + " where at >= ? order by at desc, id desc limit ?";

  private FailedAttemptTable() {}

  /** Inserts one failed attempt on {@code c} (the caller owns the transaction). */
  public static void insert(Connection c, FailedAttempt a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      Params.bindAll(
          ps,
          a.id(),
          a.rootId(),
          a.commandId(),
          cut(a.command(), 64),
          a.at(),
          a.origin().id(),
          a.actor() == null ? null : a.actor().kind().id(),
          a.actor() == null ? null : a.actor().id(),
          a.workflowId(),
          a.workItemId(),
          cut(a.target(), 400),
          cut(a.errorType(), 300),
          cut(a.errorCode(), 64),
          cut(a.message(), FailedAttempt.MAX_MESSAGE));
      ps.executeUpdate();
    }
  }

  static FailedAttempt read(ResultSet rs) throws SQLException {
    String actorKind = rs.getString("actor_kind");
    return new FailedAttempt(
        Params.uuid(rs, "id"),
        Params.uuid(rs, "command_id"),
        rs.getString("command"),
        Params.instant(rs, "at"),
        Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)),
        actorKind == null ? null : new Actor(Actor.Kind.of(actorKind), rs.getString("actor_id")),
        Params.uuid(rs, "root_id"),
        Params.uuid(rs, "workflow_id"),
        Params.uuid(rs, "work_item_id"),
        rs.getString("target"),
        rs.getString("error_type"),
        rs.getString("error_code"),
        rs.getString("message"));
  }

  /** {@code s} cut to at most {@code max} characters (null stays null). */
  static @Nullable String cut(@Nullable String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "…";
  }
}

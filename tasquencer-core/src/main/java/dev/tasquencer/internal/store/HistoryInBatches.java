package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.Origin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 8: history stored in batches, one row per call and root ({@link HistoryRow})
 * instead of one row per event. Writing a row per event made history cost more than the state
 * changes it describes (a ten-task sequence wrote 63 history rows next to its 22 instance rows).
 * The events of version 6's rows are carried over into batches, grouped as the engine groups them
 * now: consecutive events of one command with the same time and actor.
 */
final class HistoryInBatches implements JavaMigration {
  private static final Logger log = LoggerFactory.getLogger(HistoryInBatches.class);

  private static final int INSERTS_PER_BATCH = 200;

  private final Dialect dialect;

  HistoryInBatches(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("8");
  }

  @Override
  public String getDescription() {
    return "history in batches";
  }

  @Override
  public Integer getChecksum() {
    return 8_000_001;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    boolean postgres = dialect.id().equals("postgresql");
    try (Statement s = c.createStatement()) {
      s.execute("alter table tq_history rename to tq_history_v6");
      if (postgres) {
        s.execute("alter index tq_history_pkey rename to tq_history_v6_pkey");
      }
      s.execute(
          "create table tq_history ("
              + " root_id uuid not null,"
              + " seq bigint not null,"
              + " last_seq bigint not null,"
              + " command_id uuid not null,"
              + " at timestamp with time zone not null,"
              + " actor_kind varchar(16),"
              + " actor_id varchar(200),"
              + (postgres ? " events text not null," : " events varchar(1000000000) not null,")
              + " primary key (root_id, seq))");
      if (postgres && lz4Available(s)) {
        // a call's events are one value of a few KiB, compressed as it is stored: lz4 takes a
        // quarter of the server time pglz (the default) takes for it
        s.execute("alter table tq_history alter column events set compression lz4");
      }
    }
    long events = carryOver(c);
    try (Statement s = c.createStatement()) {
      s.execute("drop table tq_history_v6");
    }
    if (events > 0) {
      log.info("history: {} events carried over into batches", events);
    }
  }

  /** Whether the server can compress values with lz4 (PostgreSQL 14 and later, built with it). */
  private static boolean lz4Available(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "select count(*) from pg_settings where name = 'default_toast_compression'"
                + " and 'lz4' = any(enumvals)")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  private static long carryOver(Connection c) throws SQLException {
    String insert =
        "insert into tq_history ("
            + HistoryTable.COLUMNS.list()
            + ") values (?, ?, ?, ?, ?, ?, ?, ?)";
    long count = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from tq_history_v6 order by root_id, seq");
        PreparedStatement ps = c.prepareStatement(insert)) {
      s.setFetchSize(1000);
      Open open = null;
      int pending = 0;
      while (rs.next()) {
        HistoryEvent e = readV6(rs);
        count++;
        if (open != null && open.takes(e)) {
          open.add(e);
          continue;
        }
        if (open != null) {
          open.bind(ps);
          ps.addBatch();
          if (++pending == INSERTS_PER_BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
        open = new Open(e);
      }
      if (open != null) {
        open.bind(ps);
        ps.addBatch();
        pending++;
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    return count;
  }

  /** A batch being built from version 6's rows. */
  private static final class Open {
    final HistoryEvent first;
    final StringBuilder events = new StringBuilder("[");
    long lastSeq;

    Open(HistoryEvent first) {
      this.first = first;
      add(first);
    }

    boolean takes(HistoryEvent e) {
      return e.rootId().equals(first.rootId())
          && HistoryRow.continues(
              first.commandId(),
              first.at(),
              first.actor(),
              first.seq(),
              lastSeq,
              events.length(),
              e,
              e.seq());
    }

    void add(HistoryEvent e) {
      HistoryCodec.append(events, first.rootId(), e);
      lastSeq = e.seq();
    }

    void bind(PreparedStatement ps) throws SQLException {
      Actor actor = first.actor();
      Params.bindAll(
          ps,
          first.rootId(),
          first.seq(),
          lastSeq,
          first.commandId(),
          first.at(),
          actor == null ? null : actor.kind().id(),
          actor == null ? null : actor.id(),
          events + "]");
    }
  }

  /** An event as version 6 stored it, one row each. */
  private static HistoryEvent readV6(ResultSet rs) throws SQLException {
    String actorKind = rs.getString("actor_kind");
    Instant at = Params.instant(rs, "at");
    UUID root = Params.uuid(rs, "root_id");
    return new HistoryEvent(
        root,
        rs.getLong("seq"),
        Params.uuid(rs, "command_id"),
        at,
        Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)),
        actorKind == null ? null : new Actor(Actor.Kind.of(actorKind), rs.getString("actor_id")),
        ElementKind.of(rs.getString("element_kind")),
        Params.uuid(rs, "workflow_id"),
        rs.getString("task"),
        Params.nullableInt(rs, "generation"),
        Params.uuid(rs, "work_item_id"),
        rs.getString("condition"),
        rs.getString("event"),
        rs.getString("from_state"),
        rs.getString("to_state"),
        rs.getString("payload"));
  }
}

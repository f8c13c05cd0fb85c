package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Db.of(connection)} lets domain code run outside engine calls with the parameter rules and
 * errors of {@code ctx.db()}: the same method, given the same values, writes the same row in both
 * places. The transaction stays the caller's: {@code Db.of} never commits, rolls back or closes.
 */
class DbOfConnectionTest {
  enum Tier {
    GOLD
  }

  static final String TABLE =
      "create table ledger (id uuid primary key, at timestamp with time zone, tier varchar(10),"
          + " amount decimal(10,2), note varchar(20), flag boolean, n bigint)";

  static final UUID INSIDE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID OUTSIDE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

  /** Domain code that takes a Db, as an application writes it once for both places. */
  static void record(Db db, UUID id) {
    db.update(
        "insert into ledger (id, at, tier, amount, note, flag, n) values (?, ?, ?, ?, ?, ?, ?)",
        id,
        AT,
        Tier.GOLD,
        new BigDecimal("12.50"),
        null,
        true,
        42L);
  }

  static List<Object> row(Db db, UUID id) {
    return db.queryOne(
            "select at, tier, amount, note, flag, n from ledger where id = ?",
            rs ->
                List.<Object>of(
                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                    rs.getString(2),
                    rs.getBigDecimal(3),
                    Optional.ofNullable(rs.getString(4)),
                    rs.getBoolean(5),
                    rs.getLong(6)),
            id)
        .orElseThrow();
  }

  static WorkflowDefinition recordingNet() {
    return Builder.workflow("recording")
        .startCondition("start")
        .task(
            "t",
            Builder.task(Builder.workItem("noop"))
                .onEnabled(
                    ctx -> {
                      record(ctx.db(), INSIDE);
                      ctx.workItem().initialize();
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  @DbTest
  void sameDomainCodeWritesTheSameRowInAndOutOfCalls(TestDatabase db) throws SQLException {
    db.sql(TABLE);
    Tasquencer engine = db.engine(recordingNet());
    UUID wf = engine.internal().initializeRootWorkflow("recording", null);
    assertThat(engine.queries().task(wf, "t").state()).isEqualTo(TaskState.ENABLED);

    try (Connection c = db.dataSource().getConnection()) {
      record(Db.of(c), OUTSIDE);
      Db plain = Db.of(c);
      assertThat(row(plain, OUTSIDE))
          .containsExactly(AT, "GOLD", new BigDecimal("12.50"), Optional.empty(), true, 42L)
          .isEqualTo(row(plain, INSIDE));
    }
  }

  @DbTest
  void theTransactionIsTheCallers(TestDatabase db) throws SQLException {
    db.sql(TABLE);
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      Db plain = Db.of(c);
      record(plain, OUTSIDE);
      assertThat(plain.queryLong("select count(*) from ledger")).isEqualTo(1);
      c.rollback();
      assertThat(c.isClosed()).as("Db.of closes nothing").isFalse();
      c.setAutoCommit(true);
    }
    assertThat(db.queryLong("select count(*) from ledger"))
        .as("rolled back by the caller, not committed by Db.of")
        .isZero();
  }

  @DbTest
  void errorsNameTheStatementAsInsideCalls(TestDatabase db) throws SQLException {
    db.sql(TABLE);
    try (Connection c = db.dataSource().getConnection()) {
      Db plain = Db.of(c);
      Throwable bad = catchThrowable(() -> plain.update("insert into no_such_table values (?)", 1));
      assertThat(bad)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("[insert into no_such_table values (?)]")
          .hasCauseInstanceOf(SQLException.class);

      record(plain, INSIDE);
      record(plain, OUTSIDE);
      Throwable many = catchThrowable(() -> plain.queryOne("select id from ledger", rs -> 1));
      assertThat(many)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("expected at most one row but got 2");
      assertThat(plain.queryLong("select n from ledger where id = ?", UUID.randomUUID()))
          .as("no row reads as 0")
          .isZero();
      assertThat(plain.batch("delete from ledger where id = ?", List.of())).isEmpty();
      assertThat(
              plain.batch(
                  "delete from ledger where id = ?",
                  List.of(new Object[] {INSIDE}, new Object[] {OUTSIDE})))
          .containsExactly(1, 1);
    }
  }

  @DbTest
  void bindAllServesStatementsPreparedByHand(TestDatabase db) throws SQLException {
    db.sql(TABLE);
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("insert into ledger (id, at, tier) values (?, ?, ?)")) {
      Db.bindAll(ps, OUTSIDE, AT, Tier.GOLD);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(db.queryLong("select count(*) from ledger where tier = 'GOLD'")).isEqualTo(1);
  }
}

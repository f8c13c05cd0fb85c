package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.DbKind;
import dev.tasquencer.bench.jdbc.CountingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * The raw limit: what plain JDBC does on the same database for one transition, written as one
 * single-row insert (a work item row: uuid keys, a name, a state, two timestamps) plus one
 * single-row update of its state. {@code perTransaction} transitions share a commit; batched, the
 * inserts go in one {@code executeBatch} and the updates in another (with one transition per
 * transaction, both statements go in one statement batch).
 */
public final class RawJdbc implements AutoCloseable {

  /** One way of writing transitions. */
  public record Variant(int perTransaction, boolean batched) {
    public String id() {
      return perTransaction + "/tx " + (batched ? "batched" : "unbatched");
    }
  }

  private static final String INSERT =
      "insert into raw_item (id, workflow_id, name, state, created_at, updated_at)"
          + " values (?, ?, ?, ?, ?, ?)";
  private static final String UPDATE = "update raw_item set state = ?, updated_at = ? where id = ?";

  private final CountingDataSource dataSource;
  private final DbKind kind;
  private final UUID workflow = UUID.randomUUID();

  public RawJdbc(CountingDataSource dataSource, DbKind kind) {
    this.dataSource = dataSource;
    this.kind = kind;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists raw_item (id uuid primary key, workflow_id uuid not null,"
              + " name varchar(200) not null, state varchar(16) not null,"
              + " created_at timestamp not null, updated_at timestamp not null)");
      s.execute("create index if not exists raw_item_workflow on raw_item (workflow_id)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public CountingDataSource dataSource() {
    return dataSource;
  }

  /** Writes {@code transitions} transitions (a multiple of the variant's transaction size). */
  public void run(Variant v, int transitions) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(INSERT);
          PreparedStatement update = c.prepareStatement(UPDATE)) {
        for (int done = 0; done < transitions; done += v.perTransaction()) {
          if (v.batched() && v.perTransaction() == 1) {
            oneInStatementBatch(c);
          } else {
            prepared(v, insert, update);
          }
          c.commit();
        }
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One transaction's transitions with the prepared insert and update (commit not included). */
  private void prepared(Variant v, PreparedStatement insert, PreparedStatement update)
      throws SQLException {
    UUID[] ids = new UUID[v.perTransaction()];
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.randomUUID();
      insert.setObject(1, ids[i]);
      insert.setObject(2, workflow);
      insert.setString(3, "item");
      insert.setString(4, "initialized");
      insert.setTimestamp(5, now);
      insert.setTimestamp(6, now);
      executeOrAdd(insert, v.batched());
    }
    if (v.batched()) {
      insert.executeBatch();
    }
    for (UUID id : ids) {
      update.setString(1, "completed");
      update.setTimestamp(2, now);
      update.setObject(3, id);
      executeOrAdd(update, v.batched());
    }
    if (v.batched()) {
      update.executeBatch();
    }
  }

  private static void executeOrAdd(PreparedStatement s, boolean batched) throws SQLException {
    if (batched) {
      s.addBatch();
    } else {
      s.executeUpdate();
    }
  }

  private void oneInStatementBatch(Connection c) throws SQLException {
    UUID id = UUID.randomUUID();
    String ts = kind == DbKind.POSTGRES ? "now()" : "current_timestamp";
    try (Statement s = c.createStatement()) {
      s.addBatch(
          "insert into raw_item (id, workflow_id, name, state, created_at, updated_at) values ('"
              + id
              + "', '"
              + workflow
              + "', 'item', 'initialized', "
              + ts
              + ", "
              + ts
              + ")");
      s.addBatch(
          "update raw_item set state = 'completed', updated_at = "
              + ts
              + " where id = '"
              + id
              + "'");
      s.executeBatch();
    }
  }

  @Override
  public void close() {}
}

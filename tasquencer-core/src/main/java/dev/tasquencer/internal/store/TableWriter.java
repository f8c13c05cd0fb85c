package dev.tasquencer.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the pending rows of one table: inserts as multi-row {@code VALUES} statements (chunks of
 * 128 rows, the remainder in power-of-two chunks so that few distinct statements exist), updates as
 * a batch of single-row statements. Statements come from the per-connection {@link StatementCache}.
 */
abstract class TableWriter<R extends Row> {
  /** Rows per multi-row INSERT statement (a power of two). */
  static final int ROWS_PER_INSERT = 128;

  /** Statements per JDBC batch. */
  static final int STATEMENTS_PER_BATCH = 200;

  private final String insertHead;
  private final String rowPlaceholders;
  private final String updateSql;
  private final ConcurrentHashMap<Integer, String> insertSql = new ConcurrentHashMap<>();

  /**
   * {@code columns} are the inserted columns, {@code rowPlaceholders} one row of their values and
   * {@code updateSql} the statement that writes a changed row.
   */
  TableWriter(String table, Columns columns, String rowPlaceholders, String updateSql) {
    this.insertHead = "insert into " + table + " (" + columns.list() + ") values ";
    this.rowPlaceholders = rowPlaceholders;
    this.updateSql = updateSql;
  }

  /** Binds the insert parameters of one row from {@code offset} (1-based); returns the next. */
  abstract int bindInsert(PreparedStatement ps, int offset, R row) throws SQLException;

  /**
   * Binds the parameters of {@link #updateSql} for one row from {@code offset}; returns the next.
   */
  abstract int bindUpdate(PreparedStatement ps, int offset, R row) throws SQLException;

  String updateSql() {
    return updateSql;
  }

  String insertSql(int rows) {
    return insertSql.computeIfAbsent(
        rows,
        n -> {
          StringBuilder sb =
              new StringBuilder(insertHead.length() + n * (rowPlaceholders.length() + 1));
          sb.append(insertHead);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            sb.append(rowPlaceholders);
          }
          return sb.toString();
        });
  }

  /** Inserts the rows; {@code physical} is the connection the statement cache is keyed by. */
  void insert(Connection physical, List<R> rows) throws SQLException {
    int done = 0;
    int chunk = ROWS_PER_INSERT;
    while (done < rows.size()) {
      while (chunk > rows.size() - done) {
        chunk >>= 1;
      }
      PreparedStatement ps = StatementCache.get(physical, insertSql(chunk));
      int pending = 0;
      while (rows.size() - done >= chunk) {
        int p = 1;
        for (int i = done; i < done + chunk; i++) {
          p = bindInsert(ps, p, rows.get(i));
        }
        done += chunk;
        if (chunk == rows.size() && done == chunk) {
          ps.executeUpdate(); // a single statement: no batch needed
          break;
        }
        ps.addBatch();
        if (++pending == STATEMENTS_PER_BATCH) {
          ps.executeBatch();
          pending = 0;
        }
        if (chunk < ROWS_PER_INSERT) {
          break; // power-of-two remainders are used once each
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  void update(Connection physical, List<R> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    PreparedStatement ps = StatementCache.get(physical, updateSql);
    if (rows.size() == 1) {
      bindUpdate(ps, 1, rows.get(0));
      ps.executeUpdate();
      return;
    }
    int pending = 0;
    for (R r : rows) {
      bindUpdate(ps, 1, r);
      ps.addBatch();
      if (++pending == STATEMENTS_PER_BATCH * 10) {
        ps.executeBatch();
        pending = 0;
      }
    }
    if (pending > 0) {
      ps.executeBatch();
    }
  }
}

package dev.tasquencer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the pending rows of one table: inserts as multi-row {@code VALUES} statements in batches,
 * updates as a batch of single-row statements. One round trip per batch, whatever the number of
 * rows.
 */
abstract class TableWriter<R extends Row> {
  /** Rows per multi-row INSERT statement. */
  static final int ROWS_PER_INSERT = 100;

  /** Statements per JDBC batch. */
  static final int STATEMENTS_PER_BATCH = 200;

  private final String insertHead;
  private final String rowPlaceholders;
  private final String updateSql;
  private String fullInsertSql;

  TableWriter(String table, String columns, String rowPlaceholders, String updateSql) {
    this.insertHead = "insert into " + table + " (" + columns + ") values ";
    this.rowPlaceholders = rowPlaceholders;
    this.updateSql = updateSql;
  }

  /** Binds the insert parameters of one row from {@code offset} (1-based); returns the next. */
  abstract int bindInsert(PreparedStatement ps, int offset, R row) throws SQLException;

  /** Binds the parameters of {@link #updateSql} for one row. */
  abstract void bindUpdate(PreparedStatement ps, R row) throws SQLException;

  private String insertSql(int rows) {
    StringBuilder sb = new StringBuilder(insertHead.length() + rows * (rowPlaceholders.length() + 1));
    sb.append(insertHead);
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(rowPlaceholders);
    }
    return sb.toString();
  }

  void insert(Connection c, List<R> rows) throws SQLException {
    int full = rows.size() / ROWS_PER_INSERT;
    if (full > 0) {
      if (fullInsertSql == null) {
        fullInsertSql = insertSql(ROWS_PER_INSERT);
      }
      try (PreparedStatement ps = c.prepareStatement(fullInsertSql)) {
        int pending = 0;
        for (int chunk = 0; chunk < full; chunk++) {
          int p = 1;
          for (int i = chunk * ROWS_PER_INSERT; i < (chunk + 1) * ROWS_PER_INSERT; i++) {
            p = bindInsert(ps, p, rows.get(i));
          }
          ps.addBatch();
          if (++pending == STATEMENTS_PER_BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
      }
    }
    int rest = rows.size() - full * ROWS_PER_INSERT;
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(insertSql(rest))) {
        int p = 1;
        for (int i = full * ROWS_PER_INSERT; i < rows.size(); i++) {
          p = bindInsert(ps, p, rows.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  void update(Connection c, List<R> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      if (rows.size() == 1) {
        bindUpdate(ps, rows.get(0));
        ps.executeUpdate();
        return;
      }
      int pending = 0;
      for (R r : rows) {
        bindUpdate(ps, r);
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
}

package dev.tasquencer.internal.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The rows of one table to write at the next flush: new ones to insert, changed ones to update. */
final class PendingRows<R extends Row> {
  private final Class<R> type;
  private final TableWriter<R> writer;
  final List<R> inserts = new ArrayList<>();
  final List<R> updates = new ArrayList<>();

  PendingRows(Class<R> type, TableWriter<R> writer) {
    this.type = type;
    this.writer = writer;
  }

  /** Adds a new row of this table to the inserts; false when it belongs to another table. */
  boolean addInsert(Row r) {
    return type.isInstance(r) && inserts.add(type.cast(r));
  }

  /** Adds a changed row of this table to the updates; false when it belongs to another table. */
  boolean addUpdate(Row r) {
    return type.isInstance(r) && updates.add(type.cast(r));
  }

  int size() {
    return inserts.size() + updates.size();
  }

  /** Adds the inserts (one multi-row statement) and the updates to a compound statement. */
  void addTo(CompoundStatement compound) {
    if (!inserts.isEmpty()) {
      List<R> rows = List.copyOf(inserts);
      compound.add(
          writer.insertSql(rows.size()),
          (ps, o) -> {
            for (R r : rows) {
              o = writer.bindInsert(ps, o, r);
            }
            return o;
          });
    }
    for (R r : updates) {
      compound.add(writer.updateSql(), (ps, o) -> writer.bindUpdate(ps, o, r));
    }
  }

  /**
   * Adds the inserts to a compound statement as multi-row statements of at most {@code chunk} rows
   * each (no updates).
   */
  void addInChunksTo(CompoundStatement compound, int chunk) {
    for (int done = 0; done < inserts.size(); done += chunk) {
      List<R> rows = List.copyOf(inserts.subList(done, Math.min(done + chunk, inserts.size())));
      compound.add(
          writer.insertSql(rows.size()),
          (ps, o) -> {
            for (R r : rows) {
              o = writer.bindInsert(ps, o, r);
            }
            return o;
          });
    }
  }

  /** Writes the inserts, then the updates, each as multi-row statements or batches. */
  void write(Statements statements) throws SQLException {
    if (!inserts.isEmpty()) {
      writer.insert(statements.physical(), inserts);
      done(inserts);
    }
    if (!updates.isEmpty()) {
      writer.update(statements.physical(), updates);
      done(updates);
    }
  }

  /** Marks every pending row written. */
  void written() {
    done(inserts);
    done(updates);
  }

  private void done(List<R> rows) {
    rows.forEach(Row::flushed);
    rows.clear();
  }
}

package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code tq_condition}: the markings of the conditions that hold or held tokens. Rows are read with
 * their workflow's tasks ({@link WorkflowRowsQuery}).
 */
final class ConditionTable {
  static final String NAME = "tq_condition";

  private static final Columns KEY = Columns.of("workflow_id", "name");

  static final Columns COLUMNS = KEY.then(Columns.of("root_id", "marking"));

  private ConditionTable() {}

  static TableWriter<ConditionRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        "update " + NAME + " set marking = ? where " + KEY.matching()) {
      @Override
      int bindInsert(PreparedStatement ps, int p, ConditionRow r) throws SQLException {
        Params.bind(ps, p++, r.workflowId);
        Params.bind(ps, p++, r.name);
        Params.bind(ps, p++, r.rootId);
        ps.setInt(p++, r.marking());
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, ConditionRow r) throws SQLException {
        ps.setInt(o, r.marking());
        Params.bind(ps, o + 1, r.workflowId);
        Params.bind(ps, o + 2, r.name);
        return o + 3;
      }
    };
  }
}

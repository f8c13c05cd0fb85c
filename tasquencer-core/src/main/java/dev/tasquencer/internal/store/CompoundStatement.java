package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several statements sent as one, separated by semicolons, in one round trip (a dialect capability,
 * {@link Dialect#supportsCompoundStatements()}); each part binds its parameters after the previous.
 */
final class CompoundStatement {
  /** Binds one part from an offset (1-based); returns the next offset. */
  @FunctionalInterface
  interface Part {
    int bind(PreparedStatement ps, int offset) throws SQLException;
  }

  private final StringBuilder sql = new StringBuilder(1024);
  private final List<Part> parts = new ArrayList<>();

  void add(String statement, Part part) {
    sql.append(statement).append(';');
    parts.add(part);
  }

  void execute(Statements statements) throws SQLException {
    PreparedStatement ps = statements.prepare(sql.toString());
    int offset = 1;
    for (Part p : parts) {
      offset = p.bind(ps, offset);
    }
    ps.execute();
  }
}

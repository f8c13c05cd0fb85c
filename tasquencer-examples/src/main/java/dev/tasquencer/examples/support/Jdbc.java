package dev.tasquencer.examples.support;

import dev.tasquencer.api.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Plain transactions for the examples' code that runs outside engine calls (schema, seeding,
 * reading results back), with {@link Db#of} so that the domain code binds parameters as it does
 * inside calls. Inside an engine call, use {@code ctx.db()} instead: its writes commit with the
 * engine's state change.
 */
public final class Jdbc {
  private Jdbc() {}

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public static <T> T inTransaction(DataSource dataSource, Function<Db, T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.apply(Db.of(c));
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database error: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction, without a result. */
  public static void run(DataSource dataSource, java.util.function.Consumer<Db> work) {
    inTransaction(
        dataSource,
        db -> {
          work.accept(db);
          return null;
        });
  }

  /**
   * Runs an INSERT into a table whose first column is a generated {@code bigint} id and returns
   * that id (works with any {@link Db}, in or out of engine calls).
   */
  public static long insertReturningId(Db db, String sql, Object... params) {
    try (PreparedStatement ps =
        db.connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      Db.bindAll(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("no generated id: " + sql);
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
    }
  }

  /** The database product of a data source: {@code "h2"} or {@code "postgresql"}. */
  public static String databaseKind(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
      return product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : product;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
    }
  }
}

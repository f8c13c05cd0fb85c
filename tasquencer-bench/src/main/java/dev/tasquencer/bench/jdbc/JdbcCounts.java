package dev.tasquencer.bench.jdbc;

/**
 * JDBC calls counted by a {@link CountingDataSource}, or the difference of two such snapshots.
 *
 * <p>A round trip is a JDBC call that waits for the database: a query, an update or other execute,
 * one {@code executeBatch} (however many rows it carries), a commit, a rollback. Statements count
 * every SQL statement the database executes: each execution counts the statements in its SQL text
 * ({@link SqlStatements}: a compound of statements separated by {@code ;} counts each one), each
 * row of a batch counted the same way.
 *
 * @param queries {@code executeQuery} calls
 * @param updates {@code executeUpdate}, {@code executeLargeUpdate} and {@code execute} calls
 * @param batches {@code executeBatch} and {@code executeLargeBatch} calls
 * @param batchedRows {@code addBatch} calls (rows sent inside batches)
 * @param statements SQL statements executed by the server (see above)
 * @param commits explicit {@code commit()} calls
 * @param autoCommits statements executed in auto-commit mode (each one is its own transaction)
 * @param rollbacks {@code rollback()} calls
 * @param connections connections borrowed from the pool
 */
public record JdbcCounts(
    long queries,
    long updates,
    long batches,
    long batchedRows,
    long statements,
    long commits,
    long autoCommits,
    long rollbacks,
    long connections) {

  public static final JdbcCounts ZERO = new JdbcCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** JDBC calls that wait for an answer from the database. */
  public long roundTrips() {
    return queries + updates + batches + commits + rollbacks;
  }

  /** Transactions committed: explicit commits plus statements run in auto-commit mode. */
  public long transactions() {
    return commits + autoCommits;
  }

  public JdbcCounts minus(JdbcCounts o) {
    return new JdbcCounts(
        queries - o.queries,
        updates - o.updates,
        batches - o.batches,
        batchedRows - o.batchedRows,
        statements - o.statements,
        commits - o.commits,
        autoCommits - o.autoCommits,
        rollbacks - o.rollbacks,
        connections - o.connections);
  }
}

package dev.tasquencer.bench.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that counts the JDBC calls made through it: it wraps the pool an engine uses, and
 * every connection, statement and prepared statement handed out. A connection unwrapped to {@link
 * Connection} (as engines do to reach the physical connection behind a pool's proxy) is wrapped
 * too, once per physical connection, so statements prepared on it are still counted.
 *
 * <p>On PostgreSQL it also records the backend process id of every physical connection it hands
 * out, so that the CPU time the database server spent for this data source can be read from {@code
 * /proc}.
 */
public final class CountingDataSource implements DataSource {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final DataSource delegate;
  private final boolean trackBackends;
  private final LongAdder queries = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder batchedRows = new LongAdder();
  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder autoCommits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final Map<Connection, Connection> physicalProxies =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Set<Integer> backendPids = ConcurrentHashMap.newKeySet();
  private volatile @Nullable List<String> trace;

  /**
   * @param delegate the pool
   * @param trackBackends whether to record PostgreSQL backend process ids
   */
  public CountingDataSource(DataSource delegate, boolean trackBackends) {
    this.delegate = delegate;
    this.trackBackends = trackBackends;
  }

  public JdbcCounts counts() {
    return new JdbcCounts(
        queries.sum(),
        updates.sum(),
        batches.sum(),
        batchedRows.sum(),
        statements.sum(),
        commits.sum(),
        autoCommits.sum(),
        rollbacks.sum(),
        connections.sum());
  }

  /** Starts recording every call that waits for the database, with its SQL (for diagnosis). */
  public void startTrace() {
    trace = Collections.synchronizedList(new ArrayList<>());
  }

  /** Stops recording and returns the calls recorded since {@link #startTrace()}. */
  public List<String> stopTrace() {
    List<String> t = trace;
    trace = null;
    return t == null ? List.of() : List.copyOf(t);
  }

  private void traced(String what) {
    List<String> t = trace;
    if (t != null) {
      t.add(what);
    }
  }

  /** The PostgreSQL backend process ids seen so far (empty on H2). */
  public Set<Integer> backendPids() {
    return Set.copyOf(backendPids);
  }

  public DataSource delegate() {
    return delegate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(delegate.getConnection(user, password));
  }

  // the rest of DataSource goes to the pool as it is

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  private Connection wrap(Connection c) throws SQLException {
    connections.increment();
    if (trackBackends && c.isWrapperFor(org.postgresql.PGConnection.class)) {
      backendPids.add(c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
    }
    return connectionProxy(c);
  }

  private Connection connectionProxy(Connection c) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new ConnectionHandler(c));
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection target;

    ConnectionHandler(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      switch (name) {
        case "commit":
          commits.increment();
          traced("commit");
          break;
        case "rollback":
          rollbacks.increment();
          traced("rollback");
          break;
        case "unwrap":
          if (args[0] == Connection.class) {
            Connection physical = target.unwrap(Connection.class);
            if (physical == null || physical == target) {
              return proxy;
            }
            return physicalProxies.computeIfAbsent(physical, p -> connectionProxy(p));
          }
          break;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          break;
      }
      Object result = call(target, m, args);
      if (result instanceof PreparedStatement ps
          && !(result instanceof CallableStatement)
          && name.equals("prepareStatement")) {
        return new CountingPreparedStatement(
            ps, (String) args[0], CountingDataSource.this, target, (Connection) proxy);
      }
      if (result instanceof Statement s
          && (name.equals("createStatement")
              || name.equals("prepareStatement")
              || name.equals("prepareCall"))) {
        Class<?> type =
            s instanceof CallableStatement
                ? CallableStatement.class
                : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return Proxy.newProxyInstance(
            Statement.class.getClassLoader(),
            new Class<?>[] {type},
            new StatementHandler(s, sqlArgument(args), target, (Connection) proxy));
      }
      return result;
    }
  }

  // ------------------------------------------------------------------ counting
  // What an execution counts, for the written-out prepared statement and the statement proxies
  // alike. The connection passed is the wrapped one, not its proxy, so that reading its auto-commit
  // mode is one plain call. The SQL is flattened only while tracing.

  void countQuery(Connection connection, @Nullable String sql, int statementsInSql)
      throws SQLException {
    queries.increment();
    statements.add(statementsInSql);
    countAutoCommit(connection);
    List<String> t = trace;
    if (t != null) {
      t.add("executeQuery: " + flat(sql));
    }
  }

  void countUpdate(Connection connection, String method, @Nullable String sql, int statementsInSql)
      throws SQLException {
    updates.increment();
    statements.add(statementsInSql);
    countAutoCommit(connection);
    List<String> t = trace;
    if (t != null) {
      t.add(method + ": " + flat(sql));
    }
  }

  void countAddBatch(int statementsInSql) {
    batchedRows.increment();
    statements.add(statementsInSql);
  }

  void countBatch(Connection connection, int rows, @Nullable String sql) throws SQLException {
    batches.increment();
    countAutoCommit(connection);
    List<String> t = trace;
    if (t != null) {
      t.add("batch of " + rows + ": " + flat(sql));
    }
  }

  private void countAutoCommit(Connection connection) throws SQLException {
    if (connection.getAutoCommit()) {
      autoCommits.increment();
    }
  }

  private static String flat(@Nullable String sql) {
    return sql == null ? "?" : WHITESPACE.matcher(sql).replaceAll(" ").trim();
  }

  private final class StatementHandler implements InvocationHandler {
    private final Statement target;
    private final @Nullable String sql; // null for createStatement()
    private final Connection connection;
    private final Connection connectionProxy;
    private int batched;

    StatementHandler(
        Statement target, @Nullable String sql, Connection connection, Connection connectionProxy) {
      this.target = target;
      this.sql = sql;
      this.connection = connection;
      this.connectionProxy = connectionProxy;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "executeQuery":
          countQuery(connection, sql(args), SqlStatements.count(sql(args)));
          break;
        case "executeUpdate":
        case "executeLargeUpdate":
        case "execute":
          countUpdate(connection, m.getName(), sql(args), SqlStatements.count(sql(args)));
          break;
        case "addBatch":
          countAddBatch(SqlStatements.count(sql(args)));
          batched++;
          break;
        case "executeBatch":
        case "executeLargeBatch":
          countBatch(connection, batched, sql);
          batched = 0;
          break;
        case "getConnection":
          return connectionProxy;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          break;
      }
      return call(target, m, args);
    }

    /** The SQL passed to the call, else the statement's own. */
    private @Nullable String sql(Object[] args) {
      String q = sqlArgument(args);
      return q != null ? q : sql;
    }
  }

  /** A call's first argument if a string (the SQL of execute and prepare calls), or null. */
  private static @Nullable String sqlArgument(Object @Nullable [] args) {
    return args != null && args.length > 0 && args[0] instanceof String q ? q : null;
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

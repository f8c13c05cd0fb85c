package dev.tasquencer.testing;

import dev.tasquencer.internal.store.ForwardingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A data source that counts what reaches the database: statement executions (each one network round
 * trip with PostgreSQL's driver, batches included) and commits; it can make the next commit fail.
 */
public final class CountingDataSource extends ForwardingDataSource {
  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate");

  /** One counting proxy per physical connection, as stable as the connection itself. */
  private final Map<Connection, Connection> physical = new ConcurrentHashMap<>();

  public final AtomicLong executions = new AtomicLong();
  public final AtomicLong commits = new AtomicLong();

  /** When set, the next commit throws this instead of committing (a simulated conflict). */
  public final AtomicReference<SQLException> failNextCommit = new AtomicReference<>();

  public CountingDataSource(DataSource delegate) {
    super(delegate);
  }

  public void reset() {
    executions.set(0);
    commits.set(0);
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, m, args) -> {
          if (m.getName().equals("commit")) {
            commits.incrementAndGet();
            SQLException failure = failNextCommit.getAndSet(null);
            if (failure != null) {
              throw failure;
            }
          }
          if (m.getName().equals("unwrap")) {
            // the physical connection, counted too: the engine keeps its statements and session
            // settings per physical connection
            Connection p = c.unwrap(Connection.class);
            return p == c ? proxy : physical.computeIfAbsent(p, this::wrap);
          }
          Object r = invoke(c, m, args);
          if (r instanceof Statement s) {
            return wrapStatement(s, m.getReturnType());
          }
          return r;
        };
    return (Connection)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private Object wrapStatement(Statement s, Class<?> type) {
    InvocationHandler h =
        (proxy, m, args) -> {
          if (EXECUTIONS.contains(m.getName())) {
            executions.incrementAndGet();
          }
          return invoke(s, m, args);
        };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String u, String p) throws SQLException {
    return wrap(delegate.getConnection(u, p));
  }
}

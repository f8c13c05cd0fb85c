package dev.tasquencer.bench.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement that reports its executions to its {@link CountingDataSource} and delegates
 * everything else, written out (not a dynamic proxy) so that binding parameters costs one plain
 * call: the engines bind far more parameters than they execute statements.
 */
final class CountingPreparedStatement implements PreparedStatement {
  private final PreparedStatement target;
  private final String sql;

  /** The SQL statements in {@link #sql} (a compound carries several). */
  private final int statements;

  private final CountingDataSource counter;

  /** The wrapped connection the statement was prepared on, asked for its auto-commit mode. */
  private final Connection connection;

  /** The connection's proxy, what {@link #getConnection()} returns. */
  private final Connection connectionProxy;

  private int batched;

  CountingPreparedStatement(
      PreparedStatement target,
      String sql,
      CountingDataSource counter,
      Connection connection,
      Connection connectionProxy) {
    this.target = target;
    this.sql = sql;
    this.statements = SqlStatements.count(sql);
    this.counter = counter;
    this.connection = connection;
    this.connectionProxy = connectionProxy;
  }

  private void addedToBatch(int statementsInSql) {
    counter.countAddBatch(statementsInSql);
    batched++;
  }

  private void batch() throws SQLException {
    counter.countBatch(connection, batched, sql);
    batched = 0;
  }

  @Override
  public <T> T unwrap(Class<T> a0) throws SQLException {
    return target.unwrap(a0);
  }

  @Override
  public boolean isWrapperFor(Class<?> a0) throws SQLException {
    return target.isWrapperFor(a0);
  }

  @Override
  public ResultSet executeQuery(String a0) throws SQLException {
    counter.countQuery(connection, a0, SqlStatements.count(a0));
    return target.executeQuery(a0);
  }

  @Override
  public int executeUpdate(String a0) throws SQLException {
    counter.countUpdate(connection, "executeUpdate", a0, SqlStatements.count(a0));
    return target.executeUpdate(a0);
  }

  @Override
  public void close() throws SQLException {
    target.close();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return target.getMaxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int a0) throws SQLException {
    target.setMaxFieldSize(a0);
  }

  @Override
  public int getMaxRows() throws SQLException {
    return target.getMaxRows();
  }

  @Override
  public void setMaxRows(int a0) throws SQLException {
    target.setMaxRows(a0);
  }

  @Override
  public void setEscapeProcessing(boolean a0) throws SQLException {
    target.setEscapeProcessing(a0);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return target.getQueryTimeout();
  }

  @Override
  public void setQueryTimeout(int a0) throws SQLException {
    target.setQueryTimeout(a0);
  }

  @Override
  public void cancel() throws SQLException {
    target.cancel();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return target.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    target.clearWarnings();
  }

  @Override
  public void setCursorName(String a0) throws SQLException {
    target.setCursorName(a0);
  }

  @Override
  public boolean execute(String a0) throws SQLException {
    counter.countUpdate(connection, "execute", a0, SqlStatements.count(a0));
    return target.execute(a0);
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return target.getResultSet();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return target.getUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return target.getMoreResults();
  }

  @Override
  public void setFetchDirection(int a0) throws SQLException {
    target.setFetchDirection(a0);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return target.getFetchDirection();
  }

  @Override
  public void setFetchSize(int a0) throws SQLException {
    target.setFetchSize(a0);
  }

  @Override
  public int getFetchSize() throws SQLException {
    return target.getFetchSize();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return target.getResultSetConcurrency();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return target.getResultSetType();
  }

  @Override
  public void addBatch(String a0) throws SQLException {
    addedToBatch(SqlStatements.count(a0));
    target.addBatch(a0);
  }

  @Override
  public void clearBatch() throws SQLException {
    target.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    batch();
    return target.executeBatch();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connectionProxy;
  }

  @Override
  public boolean getMoreResults(int a0) throws SQLException {
    return target.getMoreResults(a0);
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return target.getGeneratedKeys();
  }

  @Override
  public int executeUpdate(String a0, int a1) throws SQLException {
    counter.countUpdate(connection, "executeUpdate", a0, SqlStatements.count(a0));
    return target.executeUpdate(a0, a1);
  }

  @Override
  public int executeUpdate(String a0, int[] a1) throws SQLException {
    counter.countUpdate(connection, "executeUpdate", a0, SqlStatements.count(a0));
    return target.executeUpdate(a0, a1);
  }

  @Override
  public int executeUpdate(String a0, String[] a1) throws SQLException {
    counter.countUpdate(connection, "executeUpdate", a0, SqlStatements.count(a0));
    return target.executeUpdate(a0, a1);
  }

  @Override
  public boolean execute(String a0, int a1) throws SQLException {
    counter.countUpdate(connection, "execute", a0, SqlStatements.count(a0));
    return target.execute(a0, a1);
  }

  @Override
  public boolean execute(String a0, int[] a1) throws SQLException {
    counter.countUpdate(connection, "execute", a0, SqlStatements.count(a0));
    return target.execute(a0, a1);
  }

  @Override
  public boolean execute(String a0, String[] a1) throws SQLException {
    counter.countUpdate(connection, "execute", a0, SqlStatements.count(a0));
    return target.execute(a0, a1);
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return target.getResultSetHoldability();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return target.isClosed();
  }

  @Override
  public void setPoolable(boolean a0) throws SQLException {
    target.setPoolable(a0);
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return target.isPoolable();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    target.closeOnCompletion();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return target.isCloseOnCompletion();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return target.getLargeUpdateCount();
  }

  @Override
  public void setLargeMaxRows(long a0) throws SQLException {
    target.setLargeMaxRows(a0);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return target.getLargeMaxRows();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    batch();
    return target.executeLargeBatch();
  }

  @Override
  public long executeLargeUpdate(String a0) throws SQLException {
    counter.countUpdate(connection, "executeLargeUpdate", a0, SqlStatements.count(a0));
    return target.executeLargeUpdate(a0);
  }

  @Override
  public long executeLargeUpdate(String a0, int a1) throws SQLException {
    counter.countUpdate(connection, "executeLargeUpdate", a0, SqlStatements.count(a0));
    return target.executeLargeUpdate(a0, a1);
  }

  @Override
  public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
    counter.countUpdate(connection, "executeLargeUpdate", a0, SqlStatements.count(a0));
    return target.executeLargeUpdate(a0, a1);
  }

  @Override
  public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
    counter.countUpdate(connection, "executeLargeUpdate", a0, SqlStatements.count(a0));
    return target.executeLargeUpdate(a0, a1);
  }

  @Override
  public String enquoteLiteral(String a0) throws SQLException {
    return target.enquoteLiteral(a0);
  }

  @Override
  public String enquoteIdentifier(String a0, boolean a1) throws SQLException {
    return target.enquoteIdentifier(a0, a1);
  }

  @Override
  public boolean isSimpleIdentifier(String a0) throws SQLException {
    return target.isSimpleIdentifier(a0);
  }

  @Override
  public String enquoteNCharLiteral(String a0) throws SQLException {
    return target.enquoteNCharLiteral(a0);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    counter.countQuery(connection, sql, statements);
    return target.executeQuery();
  }

  @Override
  public int executeUpdate() throws SQLException {
    counter.countUpdate(connection, "executeUpdate", sql, statements);
    return target.executeUpdate();
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    target.setNull(a0, a1);
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    target.setBoolean(a0, a1);
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    target.setByte(a0, a1);
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    target.setShort(a0, a1);
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    target.setInt(a0, a1);
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    target.setLong(a0, a1);
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    target.setFloat(a0, a1);
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    target.setDouble(a0, a1);
  }

  @Override
  public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
    target.setBigDecimal(a0, a1);
  }

  @Override
  public void setString(int a0, String a1) throws SQLException {
    target.setString(a0, a1);
  }

  @Override
  public void setBytes(int a0, byte[] a1) throws SQLException {
    target.setBytes(a0, a1);
  }

  @Override
  public void setDate(int a0, Date a1) throws SQLException {
    target.setDate(a0, a1);
  }

  @Override
  public void setTime(int a0, Time a1) throws SQLException {
    target.setTime(a0, a1);
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1) throws SQLException {
    target.setTimestamp(a0, a1);
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
    target.setAsciiStream(a0, a1, a2);
  }

  @Override
  @SuppressWarnings("deprecation") // a wrapper forwards every method, the deprecated ones too
  public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
    target.setUnicodeStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
    target.setBinaryStream(a0, a1, a2);
  }

  @Override
  public void clearParameters() throws SQLException {
    target.clearParameters();
  }

  @Override
  public void setObject(int a0, Object a1, int a2) throws SQLException {
    target.setObject(a0, a1, a2);
  }

  @Override
  public void setObject(int a0, Object a1) throws SQLException {
    target.setObject(a0, a1);
  }

  @Override
  public boolean execute() throws SQLException {
    counter.countUpdate(connection, "execute", sql, statements);
    return target.execute();
  }

  @Override
  public void addBatch() throws SQLException {
    addedToBatch(statements);
    target.addBatch();
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
    target.setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setRef(int a0, Ref a1) throws SQLException {
    target.setRef(a0, a1);
  }

  @Override
  public void setBlob(int a0, Blob a1) throws SQLException {
    target.setBlob(a0, a1);
  }

  @Override
  public void setClob(int a0, Clob a1) throws SQLException {
    target.setClob(a0, a1);
  }

  @Override
  public void setArray(int a0, Array a1) throws SQLException {
    target.setArray(a0, a1);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return target.getMetaData();
  }

  @Override
  public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
    target.setDate(a0, a1, a2);
  }

  @Override
  public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
    target.setTime(a0, a1, a2);
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
    target.setTimestamp(a0, a1, a2);
  }

  @Override
  public void setNull(int a0, int a1, String a2) throws SQLException {
    target.setNull(a0, a1, a2);
  }

  @Override
  public void setURL(int a0, URL a1) throws SQLException {
    target.setURL(a0, a1);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return target.getParameterMetaData();
  }

  @Override
  public void setRowId(int a0, RowId a1) throws SQLException {
    target.setRowId(a0, a1);
  }

  @Override
  public void setNString(int a0, String a1) throws SQLException {
    target.setNString(a0, a1);
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    target.setNCharacterStream(a0, a1, a2);
  }

  @Override
  public void setNClob(int a0, NClob a1) throws SQLException {
    target.setNClob(a0, a1);
  }

  @Override
  public void setClob(int a0, Reader a1, long a2) throws SQLException {
    target.setClob(a0, a1, a2);
  }

  @Override
  public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
    target.setBlob(a0, a1, a2);
  }

  @Override
  public void setNClob(int a0, Reader a1, long a2) throws SQLException {
    target.setNClob(a0, a1, a2);
  }

  @Override
  public void setSQLXML(int a0, SQLXML a1) throws SQLException {
    target.setSQLXML(a0, a1);
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
    target.setObject(a0, a1, a2, a3);
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
    target.setAsciiStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
    target.setBinaryStream(a0, a1, a2);
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    target.setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1) throws SQLException {
    target.setAsciiStream(a0, a1);
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1) throws SQLException {
    target.setBinaryStream(a0, a1);
  }

  @Override
  public void setCharacterStream(int a0, Reader a1) throws SQLException {
    target.setCharacterStream(a0, a1);
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1) throws SQLException {
    target.setNCharacterStream(a0, a1);
  }

  @Override
  public void setClob(int a0, Reader a1) throws SQLException {
    target.setClob(a0, a1);
  }

  @Override
  public void setBlob(int a0, InputStream a1) throws SQLException {
    target.setBlob(a0, a1);
  }

  @Override
  public void setNClob(int a0, Reader a1) throws SQLException {
    target.setNClob(a0, a1);
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
    target.setObject(a0, a1, a2, a3);
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
    target.setObject(a0, a1, a2);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    counter.countUpdate(connection, "executeLargeUpdate", sql, statements);
    return target.executeLargeUpdate();
  }
}

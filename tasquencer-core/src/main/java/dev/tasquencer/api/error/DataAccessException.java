package dev.tasquencer.api.error;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** A SQL statement failed. The call is rolled back. */
public class DataAccessException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public DataAccessException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure of one SQL statement, with the driver's message and the statement: what {@code
   * ctx.db()} and {@code Db.of(connection)} raise. The SQLException stays the cause.
   */
  public static DataAccessException ofStatement(String sql, SQLException e) {
    return new DataAccessException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
  }

  @Override
  public String code() {
    return "DATA_ACCESS";
  }
}

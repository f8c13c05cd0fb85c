package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the command line in-process, with a temporary data directory for the default embedded
 * database, and reads what it printed.
 */
abstract class CliTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;

  /** What one run printed. */
  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      assertThat(out.strip().lines()).as("stdout is one line of JSON").hasSize(1);
      return JSON.readTree(out);
    }
  }

  @BeforeEach
  void useTemporaryDataDir() {
    System.setProperty("tasquencer.dataDir", dataDir.toString());
  }

  @AfterEach
  void clearDataDir() {
    System.clearProperty("tasquencer.dataDir");
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** A private in-memory H2 database, gone when its last connection closes. */
  static String memoryDb() {
    return "jdbc:h2:mem:cli" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /** The first row of a query on the database at {@code url}, its columns as text. */
  static List<String> firstRow(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).as("a row of: " + sql).isTrue();
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getString(i));
      }
      return row;
    }
  }

  static BigDecimal decimal(JsonNode node) {
    return new BigDecimal(node.asString());
  }
}

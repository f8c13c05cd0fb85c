package dev.tasquencer.bench.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.DataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class CountingDataSourceTest {

  @Test
  void countsStatementsRoundTripsAndCommitsAlsoThroughTheUnwrappedPhysicalConnection()
      throws Exception {
    try (var pool = DataSources.h2Memory("counting_" + System.nanoTime())) {
      CountingDataSource ds = new CountingDataSource(pool, false);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("create table t (id int primary key, v int)"); // auto-committed
      }
      JdbcCounts before = ds.counts();
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("insert into t values (?, 0)")) {
          for (int i = 0; i < 3; i++) {
            insert.setInt(1, i);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        // what an engine with its own statement cache does: unwrap to the pool's physical
        // connection; statements prepared there are counted as well
        Connection physical = c.unwrap(Connection.class);
        assertThat(c.unwrap(Connection.class)).isSameAs(physical);
        try (PreparedStatement update = physical.prepareStatement("update t set v = 1");
            PreparedStatement query = physical.prepareStatement("select count(*) from t")) {
          update.executeUpdate();
          try (ResultSet rs = query.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
          }
        }
        c.commit();
        c.setAutoCommit(true);
      }
      JdbcCounts d = ds.counts().minus(before);
      assertThat(d.batches()).isEqualTo(1);
      assertThat(d.batchedRows()).isEqualTo(3);
      assertThat(d.updates()).isEqualTo(1);
      assertThat(d.queries()).isEqualTo(1);
      assertThat(d.commits()).isEqualTo(1);
      assertThat(d.autoCommits()).isZero();
      assertThat(d.statements()).isEqualTo(5);
      assertThat(d.roundTrips()).isEqualTo(4);
      assertThat(d.transactions()).isEqualTo(1);
      assertThat(d.connections()).isEqualTo(1);
    }
  }

  @Test
  void aCompoundStatementCountsEveryStatementItCarriesAndOneRoundTrip() throws Exception {
    try (var pool = DataSources.h2Memory("compound_" + System.nanoTime())) {
      CountingDataSource ds = new CountingDataSource(pool, false);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("create table t (id int primary key, v int)");
      }
      JdbcCounts before = ds.counts();
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("insert into t values (1, 0); update t set v = 1 where id = 1;");
          s.addBatch("update t set v = 2; update t set v = 3");
          s.addBatch("update t set v = 4");
          s.executeBatch();
        }
        try (PreparedStatement p =
            c.prepareStatement("update t set v = ? where id = 1; update t set v = v + 1")) {
          p.setInt(1, 5);
          p.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
      }
      JdbcCounts d = ds.counts().minus(before);
      assertThat(d.statements()).isEqualTo(2 + 3 + 2);
      assertThat(d.roundTrips()).isEqualTo(4); // execute, batch, prepared execute, commit
      assertThat(d.updates()).isEqualTo(2);
      assertThat(d.batchedRows()).isEqualTo(2);
    }
  }
}

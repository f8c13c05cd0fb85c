package dev.tasquencer.bench.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void oneStatementWithOrWithoutATrailingSemicolon() {
    assertThat(SqlStatements.count("select 1")).isEqualTo(1);
    assertThat(SqlStatements.count("select 1;")).isEqualTo(1);
    assertThat(SqlStatements.count("  select 1 ;  \n")).isEqualTo(1);
    assertThat(SqlStatements.count("insert into t values (?, ?), (?, ?), (?, ?)")).isEqualTo(1);
  }

  @Test
  void aCompoundCountsEachStatementItCarries() {
    assertThat(
            SqlStatements.count(
                "update t set a = ? where id = ?;\nupdate t set a = ? where id = ?;"
                    + " insert into u (x) values (?)"))
        .isEqualTo(3);
    assertThat(SqlStatements.count("select 1;;select 2;")).isEqualTo(2);
  }

  @Test
  void semicolonsInLiteralsIdentifiersAndCommentsDoNotCount() {
    assertThat(SqlStatements.count("select ';' , 'it''s;' from t")).isEqualTo(1);
    assertThat(SqlStatements.count("select E'a\\';b' from t; select 2")).isEqualTo(2);
    assertThat(SqlStatements.count("select \"a;b\" from t")).isEqualTo(1);
    assertThat(SqlStatements.count("select 1 -- one; two\n; select 2")).isEqualTo(2);
    assertThat(SqlStatements.count("select /* a; /* nested; */ b; */ 1; select 2")).isEqualTo(2);
    assertThat(SqlStatements.count("do $$ begin perform 1; perform 2; end $$; select 3"))
        .isEqualTo(2);
    assertThat(SqlStatements.count("select $fn$ x; $$ y; $fn$; select 2")).isEqualTo(2);
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    assertThat(SqlStatements.count("select $1; select $2")).isEqualTo(2);
    assertThat(SqlStatements.count("select a$b; select 2")).isEqualTo(2);
  }

  @Test
  void piecesWithOnlyCommentsOrWhiteSpaceAreNotStatements() {
    assertThat(SqlStatements.count("")).isZero();
    assertThat(SqlStatements.count(" ; -- nothing\n ; /* nor this */")).isZero();
    assertThat(SqlStatements.count("select 1; -- trailing comment")).isEqualTo(1);
  }

  @Test
  void unknownTextCountsOne() {
    assertThat(SqlStatements.count(null)).isEqualTo(1);
  }
}

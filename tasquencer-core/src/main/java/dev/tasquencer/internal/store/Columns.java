package dev.tasquencer.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The column names of a table, in order, written once: SELECT lists, INSERT column and value lists
 * and UPDATE assignments are all derived from them, so that reading and writing cannot drift apart.
 */
final class Columns {
  private final List<String> names;

  private Columns(List<String> names) {
    this.names = List.copyOf(names);
  }

  static Columns of(String... names) {
    return new Columns(Arrays.asList(names));
  }

  /** These columns followed by {@code more}. */
  Columns then(Columns more) {
    List<String> all = new ArrayList<>(names);
    all.addAll(more.names);
    return new Columns(all);
  }

  /** The same columns except the given ones, in the same order. */
  Columns without(String... excluded) {
    List<String> drop = Arrays.asList(excluded);
    return new Columns(names.stream().filter(n -> !drop.contains(n)).toList());
  }

  List<String> names() {
    return names;
  }

  /** {@code a, b, c}: a SELECT or INSERT column list. */
  String list() {
    return String.join(", ", names);
  }

  /**
   * The columns of table alias {@code table} ({@code t.a, t.b}), each renamed with {@code prefix}
   * when it is not empty ({@code t.a as w_a}), for a join whose tables share column names.
   */
  String qualified(String table, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append(table).append('.').append(n);
      if (!prefix.isEmpty()) {
        sb.append(" as ").append(prefix).append(n);
      }
    }
    return sb.toString();
  }

  /** {@code (?,?,?)}: one row of values, each column's placeholder from {@code placeholder}. */
  String values(UnaryOperator<String> placeholder) {
    StringBuilder sb = new StringBuilder("(");
    for (String n : names) {
      sb.append(sb.length() == 1 ? "" : ",").append(placeholder.apply(n));
    }
    return sb.append(')').toString();
  }

  /** {@code a = ?, b = ?}: the SET list of an UPDATE, each placeholder from {@code placeholder}. */
  String assignments(UnaryOperator<String> placeholder) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append(n).append(" = ").append(placeholder.apply(n));
    }
    return sb.toString();
  }

  /** {@code a = ? and b = ?}: a WHERE clause that matches one row by these (key) columns. */
  String matching() {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : " and ").append(n).append(" = ?");
    }
    return sb.toString();
  }
}

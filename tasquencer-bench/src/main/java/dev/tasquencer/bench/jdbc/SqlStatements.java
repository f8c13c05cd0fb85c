package dev.tasquencer.bench.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Counts the SQL statements in the text of one JDBC execution: what the database server executes
 * for it. A compound of statements separated by {@code ;} (which the PostgreSQL driver sends in one
 * exchange, each statement parsed and executed on its own by the server) counts each statement it
 * carries. A semicolon counts only at the top level: not inside a string literal ({@code '...'},
 * with {@code ''} and, in {@code E'...'} strings, backslash escapes), a quoted identifier ({@code
 * "..."}), a dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}) or a comment ({@code --}
 * to the end of the line, or a block comment, which may nest). Pieces that hold only white space
 * and comments (a trailing {@code ;}) are not statements. A multi-row {@code insert ... values
 * (...), (...)} is one statement.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /**
   * The statements in {@code sql}; 1 when the text is unknown (null), as a call that reached the
   * database executed something.
   */
  public static int count(@Nullable String sql) {
    if (sql == null) {
      return 1;
    }
    int statements = 0;
    boolean content = false; // the current piece has something besides white space and comments
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ';') {
        if (content) {
          statements++;
        }
        content = false;
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockCommentEnd(sql, i);
      } else if (c == '\'') {
        content = true;
        i = stringEnd(sql, i, isEscapeString(sql, i));
      } else if (c == '"') {
        content = true;
        int end = sql.indexOf('"', i + 1);
        i = end < 0 ? n : end + 1;
      } else if (c == '$' && !continuesIdentifier(sql, i)) {
        content = true;
        int tagEnd = dollarTagEnd(sql, i);
        if (tagEnd < 0) {
          i++; // a positional parameter ($1) or a lone dollar
        } else {
          String tag = sql.substring(i, tagEnd + 1);
          int close = sql.indexOf(tag, tagEnd + 1);
          i = close < 0 ? n : close + tag.length();
        }
      } else {
        if (!Character.isWhitespace(c)) {
          content = true;
        }
        i++;
      }
    }
    return content ? statements + 1 : statements;
  }

  /** The index after the comment starting at {@code start} (comments nest in PostgreSQL). */
  private static int blockCommentEnd(String sql, int start) {
    int depth = 0;
    int i = start;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** The index after the string literal whose opening quote is at {@code start}. */
  private static int stringEnd(String sql, int start, boolean backslashEscapes) {
    int n = sql.length();
    int i = start + 1;
    while (i < n) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** Whether the quote at {@code quote} opens an {@code E'...'} string. */
  private static boolean isEscapeString(String sql, int quote) {
    if (quote == 0) {
      return false;
    }
    char e = sql.charAt(quote - 1);
    return (e == 'e' || e == 'E') && !continuesIdentifier(sql, quote - 1);
  }

  /** Whether the character at {@code i} follows an identifier character (is part of a word). */
  private static boolean continuesIdentifier(String sql, int i) {
    if (i == 0) {
      return false;
    }
    char p = sql.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }

  /**
   * The index of the closing {@code $} of a dollar-quote tag opening at {@code start} ({@code $$}
   * or {@code $name$}), or -1 when the dollar opens no tag.
   */
  private static int dollarTagEnd(String sql, int start) {
    int n = sql.length();
    int i = start + 1;
    if (i < n && Character.isDigit(sql.charAt(i))) {
      return -1;
    }
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '$') {
        return i;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return -1;
      }
      i++;
    }
    return -1;
  }
}

/**
 * JDBC wrappers that count what reaches the database during a benchmark.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.bench.jdbc;

import org.jspecify.annotations.NullMarked;

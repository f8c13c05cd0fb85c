/**
 * Benchmark reports in JSON and Markdown.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.bench.report;

import org.jspecify.annotations.NullMarked;

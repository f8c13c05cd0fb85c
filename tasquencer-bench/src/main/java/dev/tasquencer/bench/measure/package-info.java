/**
 * Measuring: timers, latencies and CPU figures of benchmark runs.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.bench.measure;

import org.jspecify.annotations.NullMarked;

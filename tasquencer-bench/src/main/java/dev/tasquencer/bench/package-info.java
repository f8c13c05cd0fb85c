/**
 * The benchmarks against Flowable and Camunda.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.bench;

import org.jspecify.annotations.NullMarked;

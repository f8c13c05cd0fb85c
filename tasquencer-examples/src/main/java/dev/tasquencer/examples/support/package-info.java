/**
 * Helpers the examples share: plain transactions outside engine calls, deterministic shares.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.examples.support;

import org.jspecify.annotations.NullMarked;

/**
 * The emergency room example.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.examples.er;

import org.jspecify.annotations.NullMarked;

/**
 * The e-mail campaign example.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.examples.campaign;

import org.jspecify.annotations.NullMarked;

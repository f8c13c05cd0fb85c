/**
 * The {@code tasquencer} command line.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.cli;

import org.jspecify.annotations.NullMarked;

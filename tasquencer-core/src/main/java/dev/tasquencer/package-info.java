/**
 * The engine's entry point: the facade {@link dev.tasquencer.Tasquencer}, its builder and the
 * convenience data sources.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer;

import org.jspecify.annotations.NullMarked;

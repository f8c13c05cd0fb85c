/**
 * The engine's typed errors, all subclasses of {@link
 * dev.tasquencer.api.error.TasquencerException}.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.error;

import org.jspecify.annotations.NullMarked;

/**
 * The engines under test, each behind one interface.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.bench.subjects;

import org.jspecify.annotations.NullMarked;

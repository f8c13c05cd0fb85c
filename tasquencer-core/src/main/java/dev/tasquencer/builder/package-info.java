/**
 * The builder DSL and the immutable, validated workflow definitions it builds.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.builder;

import org.jspecify.annotations.NullMarked;

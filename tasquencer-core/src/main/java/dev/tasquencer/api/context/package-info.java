/**
 * The contexts that activities, actions, policies and routers receive.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.context;

import org.jspecify.annotations.NullMarked;

/**
 * The public contracts: states, snapshots, policies, routers, the database handle {@link
 * dev.tasquencer.api.Db} and the queries.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api;

import org.jspecify.annotations.NullMarked;

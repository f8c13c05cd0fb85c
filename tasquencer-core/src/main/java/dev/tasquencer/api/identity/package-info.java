/**
 * Identity and permissions: scopes declared in code ({@link
 * dev.tasquencer.api.identity.ScopeModule}), roles and groups stored in the engine's database,
 * memberships, role assignments, the effective scopes of a user, and the administration facade
 * {@link dev.tasquencer.api.identity.Identity} ({@code engine.identity()}). Users are known by id
 * only, through an {@link dev.tasquencer.api.identity.IdentityProvider}; the engine stores no
 * passwords. See {@code docs/identity.md}.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.identity;

import org.jspecify.annotations.NullMarked;

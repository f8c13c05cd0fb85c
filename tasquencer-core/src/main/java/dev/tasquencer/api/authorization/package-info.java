/**
 * Authorized actions: the {@link dev.tasquencer.api.authorization.Policy} an action of a work item
 * or workflow declares ({@code requireScope}, {@code requireAnyScope}, {@code requireAllScopes},
 * {@code anyOf}, {@code allOf}, custom rules) and the {@link
 * dev.tasquencer.api.authorization.PolicyContext} a custom rule reads. The engine evaluates the
 * policy of an external call inside the call, before it changes anything, and refuses with {@link
 * dev.tasquencer.api.error.NotAuthorizedException}; internal calls skip policies. See {@code
 * docs/authorization.md}.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.authorization;

import org.jspecify.annotations.NullMarked;

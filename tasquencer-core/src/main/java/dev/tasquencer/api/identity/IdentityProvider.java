package dev.tasquencer.api.identity;

/**
 * Where users come from: the application's user directory (its database, an identity server). The
 * engine knows users by id only and stores no passwords; it asks the provider whether an id names a
 * user, and whether that user may act now.
 *
 * <ul>
 *   <li>A user who is not {@link Status#ACTIVE} holds no scope, whatever its roles and groups say.
 *   <li>Adding an {@link Status#UNKNOWN} user to a group or assigning it a role is refused ({@link
 *       dev.tasquencer.api.error.UnknownUserException}).
 * </ul>
 *
 * The engine calls the provider outside its transactions, on the caller's thread; a provider that
 * reads a remote directory should cache. The default, {@link #ANY_ID}, takes every id for an active
 * user.
 */
@FunctionalInterface
public interface IdentityProvider {
  /** What the directory says of a user id. */
  enum Status {
    /** A user who may act. */
    ACTIVE,
    /** A known user who may not act now (disabled, left the company). */
    INACTIVE,
    /** No such user. */
    UNKNOWN
  }

  /** Every id is an active user: the engine's default, for applications that check users first. */
  IdentityProvider ANY_ID = userId -> Status.ACTIVE;

  /** The status of the user with this id (never null). */
  Status status(String userId);
}

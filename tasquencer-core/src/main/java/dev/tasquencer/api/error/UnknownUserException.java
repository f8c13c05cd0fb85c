package dev.tasquencer.api.error;

/**
 * The engine's identity provider does not know this user id, so it cannot join a group or hold a
 * role. Create the user in the application's user directory first, or check the id.
 */
public class UnknownUserException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public UnknownUserException(String userId) {
    super(
        "user",
        userId,
        "The identity provider (TasquencerBuilder.identity(id -> id.provider(...))) does not know"
            + " this id; create the user in your user directory first, or check the id");
  }
}

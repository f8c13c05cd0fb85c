package dev.tasquencer.api.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A role assigned to a user directly (not through a group). It counts while the engine clock is
 * before {@code expiresAt}.
 *
 * @param userId the user
 * @param role the role's name
 * @param assignedAt when it was assigned or last renewed (engine clock)
 * @param expiresAt when it ends, or null if it does not
 */
public record RoleAssignment(
    String userId, String role, Instant assignedAt, @Nullable Instant expiresAt) {

  /** Whether the assignment counts at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}

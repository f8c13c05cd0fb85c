package dev.tasquencer.api.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's membership of a group. It counts while the engine clock is before {@code expiresAt}; an
 * expired membership stays stored (and listed) until it is removed or renewed.
 *
 * @param userId the member
 * @param group the group's name
 * @param joinedAt when the membership was created or last renewed (engine clock)
 * @param expiresAt when it ends, or null if it does not
 */
public record Membership(
    String userId, String group, Instant joinedAt, @Nullable Instant expiresAt) {

  /** Whether the membership counts at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}

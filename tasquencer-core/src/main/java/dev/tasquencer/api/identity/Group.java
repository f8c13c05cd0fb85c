package dev.tasquencer.api.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored group of users: its members hold the roles assigned to it. An inactive group grants
 * nothing to its members until it is activated again (its memberships and roles stay). Groups are
 * flat: a group has no subgroups.
 *
 * @param id the group's id, stable while the group exists
 * @param name unique among groups
 * @param description what the group is
 * @param active whether its members hold its roles
 * @param createdAt when it was created (engine clock)
 * @param updatedAt when it was last changed (engine clock)
 */
public record Group(
    UUID id,
    String name,
    String description,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {}

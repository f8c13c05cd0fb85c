package dev.tasquencer.api.identity;

import java.time.Instant;
import java.util.SortedSet;
import java.util.UUID;

/**
 * A stored role: a named bundle of grants (scopes, module wildcards, {@code *}; see {@link
 * ScopeCatalog}). An inactive role grants nothing, to anyone, until it is activated again.
 *
 * @param id the role's id, stable while the role exists
 * @param name unique among roles
 * @param description what the role is for
 * @param scopes the grants, sorted
 * @param active whether it grants its scopes
 * @param createdAt when it was created (engine clock)
 * @param updatedAt when it was last changed (engine clock)
 */
public record Role(
    UUID id,
    String name,
    String description,
    SortedSet<String> scopes,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {}

package dev.tasquencer.api.identity;

/**
 * A permission declared in code: its full name ({@code expense:approve}, {@code er:triage:write}),
 * what it allows, and the path of the module that declares it ({@code expense}, {@code er:triage}).
 *
 * @param name the full name: the module path, a colon, the scope's own name
 * @param description what the scope allows, for administrators choosing scopes for a role
 * @param module the path of the declaring module
 */
public record Scope(String name, String description, String module) {}

package dev.tasquencer.api.identity;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a list to read: at most {@code size} entries whose key (a role's or group's name, a
 * member's user id) sorts after {@code after}, in key order. Keyset pagination: a page costs the
 * same however far into the list it is, and entries added or removed meanwhile never shift a page.
 *
 * <pre>{@code
 * IdentityPage page = IdentityPage.first(100);
 * List<Role> roles;
 * do {
 *   roles = engine.identity().roles(page);
 *   roles.forEach(System.out::println);
 *   page = page.next(roles, Role::name);
 * } while (roles.size() == page.size());
 * }</pre>
 *
 * @param after the page starts after this key (null: from the first entry); keys are ordered as the
 *     database orders strings (its collation)
 * @param size the most entries to return, 1 to {@value #MAX_SIZE}
 */
public record IdentityPage(@Nullable String after, int size) {
  /** The largest page. */
  public static final int MAX_SIZE = 1_000;

  public IdentityPage {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("a page holds 1 to " + MAX_SIZE + " entries, was " + size);
    }
  }

  /** The first page. */
  public static IdentityPage first(int size) {
    return new IdentityPage(null, size);
  }

  /** The page after the entry with key {@code key}. */
  public static IdentityPage after(String key, int size) {
    return new IdentityPage(key, size);
  }

  /** The page after the last of {@code entries} (this page again when they are empty). */
  public <T> IdentityPage next(List<T> entries, Function<T, String> key) {
    return entries.isEmpty() ? this : after(key.apply(entries.get(entries.size() - 1)), size);
  }
}

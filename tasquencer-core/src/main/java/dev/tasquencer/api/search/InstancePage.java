package dev.tasquencer.api.search;

import dev.tasquencer.api.error.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a search to read: at most {@code limit} instances after the position {@code after}
 * (an opaque cursor from {@link InstanceList#next()}; null for the first page). Pages are cut by
 * key (creation time and id, which never change), not by offset: a page costs the same however deep
 * it is, and instances created, changed or purged meanwhile never make a later page repeat or skip
 * an instance that matched the filter throughout.
 *
 * @param limit the most instances on the page, 1 to {@value #MAX_LIMIT}
 * @param after the cursor of the previous page; null for the first page
 */
public record InstancePage(int limit, @Nullable String after) {

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  public InstancePage {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException(
          "a page of " + limit + " instances: ask for 1 to " + MAX_LIMIT + " instances");
    }
  }

  /** The first page, of at most {@code limit} instances. */
  public static InstancePage first(int limit) {
    return new InstancePage(limit, null);
  }

  /** The page after {@code list} (of the same size); use it only when {@code list.hasMore()}. */
  public InstancePage next(InstanceList list) {
    return new InstancePage(
        limit,
        list.next()
            .orElseThrow(
                () ->
                    new InvalidArgumentException(
                        "the instance page was the last one: check hasMore() before asking for"
                            + " the page after it")));
  }
}

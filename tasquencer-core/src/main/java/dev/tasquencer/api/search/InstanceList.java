package dev.tasquencer.api.search;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search, newest first (by creation time, then by id), and the cursor of the page
 * after it.
 *
 * @param instances the root instances of the page
 * @param cursor where the next page starts ({@link InstancePage#next}); null when this page was the
 *     last
 */
public record InstanceList(List<InstanceSummary> instances, @Nullable String cursor) {

  public InstanceList {
    instances = List.copyOf(instances);
  }

  /** The cursor of the next page; empty when this page was the last. */
  public Optional<String> next() {
    return Optional.ofNullable(cursor);
  }

  /** Whether a page follows this one. */
  public boolean hasMore() {
    return cursor != null;
  }
}

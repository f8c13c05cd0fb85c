package dev.tasquencer.api.queue;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a queue, in queue order, and the cursor of the page after it.
 *
 * @param items the entries, priority first (higher first), then due date (soonest first, none
 *     last), then age (oldest offer first), then work item id
 * @param cursor where the next page starts; null when this page was the last
 */
public record QueueItems(List<QueueEntry> items, @Nullable String cursor) {

  public QueueItems {
    items = List.copyOf(items);
  }

  /** The cursor of the next page ({@link QueuePage#next}); empty when this page was the last. */
  public Optional<String> next() {
    return Optional.ofNullable(cursor);
  }
}

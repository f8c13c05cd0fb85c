package dev.tasquencer.api.queue;

import dev.tasquencer.api.error.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a queue to read: at most {@code limit} items after the position {@code after} (an
 * opaque cursor from {@link QueueItems#next()}; null for the first page). Pages are cut by key, not
 * by offset: a page costs the same however deep it is, and items added or claimed meanwhile never
 * make a later page repeat or skip an item that stayed in the queue.
 *
 * @param limit the most items on the page, 1 to {@value #MAX_LIMIT}
 * @param after the cursor of the previous page's last item; null for the first page
 */
public record QueuePage(int limit, @Nullable String after) {

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  public QueuePage {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException(
          "a queue page of " + limit + " items: ask for 1 to " + MAX_LIMIT + " items");
    }
  }

  /** The first page, of at most {@code limit} items. */
  public static QueuePage first(int limit) {
    return new QueuePage(limit, null);
  }

  /** The page after {@code items} (of the same size); use it only when {@code next} is present. */
  public QueuePage next(QueueItems items) {
    return new QueuePage(
        limit,
        items
            .next()
            .orElseThrow(
                () ->
                    new InvalidArgumentException(
                        "the queue page was the last one: check next() before asking for the"
                            + " page after it")));
  }
}

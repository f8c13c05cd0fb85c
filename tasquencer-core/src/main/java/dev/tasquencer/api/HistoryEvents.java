package dev.tasquencer.api;

import java.util.List;

/**
 * A page of history events, in sequence order.
 *
 * @param events the events of the page
 * @param hasMore whether events matching the filter follow the page (read them with {@link #next})
 * @param page the page that was asked for
 */
public record HistoryEvents(List<HistoryEvent> events, boolean hasMore, HistoryPage page) {
  public HistoryEvents {
    events = List.copyOf(events);
  }

  /**
   * The page that follows this one (of the same size). After the last page it starts after the last
   * event read, so that reading it later returns the events added since.
   */
  public HistoryPage next() {
    return HistoryPage.after(lastSeq(), page.size());
  }

  /** The sequence number of the last event of the page (of the page asked for, when empty). */
  public long lastSeq() {
    return events.isEmpty() ? page.afterSeq() : events.get(events.size() - 1).seq();
  }
}

package dev.tasquencer.api;

/**
 * Which page of a root's history to read: at most {@code size} events with a sequence number above
 * {@code afterSeq}, in order. Keyset pagination: reading a page costs the same however far into the
 * history it is, and events added meanwhile never shift a page.
 *
 * <pre>{@code
 * HistoryPage page = HistoryPage.first(100);
 * HistoryEvents events;
 * do {
 *   events = engine.queries().history(rootId, HistoryFilter.ALL, page);
 *   events.events().forEach(System.out::println);
 *   page = events.next();
 * } while (events.hasMore());
 * }</pre>
 *
 * @param afterSeq the page starts after this sequence number (0: from the first event)
 * @param size the most events to return, 1 to {@value #MAX_SIZE}
 */
public record HistoryPage(long afterSeq, int size) {
  /** The largest page. */
  public static final int MAX_SIZE = 10_000;

  public HistoryPage {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative, was " + afterSeq);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "a history page holds 1 to " + MAX_SIZE + " events, was " + size);
    }
  }

  /** The first page. */
  public static HistoryPage first(int size) {
    return new HistoryPage(0, size);
  }

  /** The page after the event with sequence number {@code seq}. */
  public static HistoryPage after(long seq, int size) {
    return new HistoryPage(seq, size);
  }
}

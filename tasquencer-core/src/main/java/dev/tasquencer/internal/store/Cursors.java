package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

/**
 * The opaque cursors of keyset pages (work queues, instance search): a prefix that names the kind
 * and the sort key's values, separated by colons, in URL-safe Base64.
 */
final class Cursors {
  private Cursors() {}

  /** {@code prefix} and the parts, joined by colons, encoded. */
  static String encode(String prefix, Object... parts) {
    StringBuilder raw = new StringBuilder(prefix);
    String sep = "";
    for (Object p : parts) {
      raw.append(sep).append(p instanceof Instant i ? i.getEpochSecond() + "." + i.getNano() : p);
      sep = ":";
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The parts of a cursor {@link #encode} wrote with {@code prefix}, read by {@code read}; any
   * other text is refused with an error naming the {@code kind} of page and its {@code firstPage}
   * call.
   */
  static <T> T decode(
      String cursor, String prefix, String kind, String firstPage, Function<String[], T> read) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith(prefix)) {
        throw new IllegalArgumentException("no " + kind + " cursor");
      }
      return read.apply(raw.substring(prefix.length()).split(":", -1));
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(
          kind
              + " page cursor '"
              + cursor
              + "' is not one this engine wrote: pass the next() of the previous page, or "
              + firstPage
              + " to start over ("
              + e.getMessage()
              + ")");
    }
  }

  /** An instant as {@link #encode} writes it. */
  static Instant instant(String s) {
    int dot = s.indexOf('.');
    return Instant.ofEpochSecond(
        Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1)));
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.PurgeResult;
import dev.tasquencer.internal.store.MessageStore;
import dev.tasquencer.internal.store.Purge;
import dev.tasquencer.internal.store.SqlFailures;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished root workflow trees in batches, each batch one engine transaction ({@link Purge}
 * has the statements): {@code engine.purge(...)} runs batches until none is left, the retention job
 * ({@link Retention}) one batch per run. Every committed batch is logged on the logger {@value
 * #LOGGER}.
 */
final class Purger {
  static final String LOGGER = "dev.tasquencer.purge";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private Purger() {}

  /**
   * What one batch deleted.
   *
   * @param othersLeft when the batch found no root it could lock: whether finished roots remain
   *     that other calls held
   */
  record Batch(List<UUID> roots, Map<String, Long> rows, boolean othersLeft) {}

  /** Runs one batch in the call's transaction: locks up to {@code limit} roots, deletes them. */
  static Batch batch(Call call, Instant before, int limit) {
    Connection c = call.session.connection();
    return SqlFailures.run(
        "purge of the workflows that finished before " + before + " failed",
        () -> {
          int expired = MessageStore.deleteExpired(c, call.now);
          if (expired > 0) {
            log.info("deleted {} expired buffered messages", expired);
          }
          List<UUID> roots = Purge.lockFinishedRoots(c, before, limit);
          Map<String, Long> rows = Purge.deleteTrees(c, roots);
          boolean othersLeft = roots.isEmpty() && Purge.anyFinishedRoot(c, before);
          return new Batch(roots, rows, othersLeft);
        });
  }

  /**
   * Deletes every root tree finished before {@code before}, {@code batchSize} roots at a time, and
   * in the same transactions the idempotency keys that expired (engine clock), {@code batchSize} at
   * a time: they belong to no tree, so the result does not count them; the log does.
   */
  static PurgeResult purge(EngineCore core, Instant before, int batchSize) {
    Map<String, Long> rows = new LinkedHashMap<>();
    Purge.tableNames().forEach(t -> rows.put(t, 0L));
    int roots = 0;
    int batches = 0;
    while (true) {
      long start = System.nanoTime();
      int[] keys = new int[1];
      Batch b =
          core.execute(
              "purge",
              Origin.EXTERNAL,
              call -> {
                keys[0] = Idempotency.purgeExpired(call, call.now, batchSize);
                return batch(call, before, batchSize);
              });
      if (keys[0] > 0) {
        logKeys("purge", keys[0]);
      }
      if (b.roots().isEmpty() && keys[0] < batchSize) {
        if (b.othersLeft()) {
          log.info(
              "purge: finished roots remain that other calls held; a later purge deletes them");
        }
        return new PurgeResult(roots, rows, batches, b.othersLeft());
      }
      if (b.roots().isEmpty()) {
        continue; // only expired keys this time, and more of them may remain
      }
      batches++;
      roots += b.roots().size();
      b.rows().forEach((t, n) -> rows.merge(t, n, Long::sum));
      logBatch("purge batch " + batches, before, b, start);
    }
  }

  /** Logs the expired idempotency keys a committed transaction deleted. */
  static void logKeys(String what, int keys) {
    log.info("{}: deleted {} expired idempotency keys", what, keys);
  }

  /** Logs a committed batch; {@code what} names it ("purge batch 3"). */
  static void logBatch(String what, Instant before, Batch b, long startNanos) {
    if (log.isInfoEnabled()) {
      long total = b.rows().values().stream().mapToLong(Long::longValue).sum();
      log.info(
          "{}: deleted {} root workflows finished before {} with {} rows {} in {} ms",
          what,
          b.roots().size(),
          before,
          total,
          b.rows(),
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }
}

package dev.tasquencer.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a purge deleted ({@code Tasquencer.purge}).
 *
 * @param rootsDeleted the root workflows deleted, each with its whole tree
 * @param rowsDeleted rows deleted per engine table (every table a purge deletes from, in the order
 *     it deletes, zero included), the root rows counted in {@code tq_workflow}
 * @param batches the transactions that deleted something (each at most the batch size of roots)
 * @param moreRemain whether roots that qualified were left: another call held their lock when a
 *     batch reached them (a purge never waits for a lock). A later purge deletes them.
 */
public record PurgeResult(
    int rootsDeleted, Map<String, Long> rowsDeleted, int batches, boolean moreRemain) {
  public PurgeResult {
    rowsDeleted = Collections.unmodifiableMap(new LinkedHashMap<>(rowsDeleted));
  }

  /** All rows deleted, in every table. */
  public long totalRowsDeleted() {
    return rowsDeleted.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows deleted from one table ({@code tq_work_item}, ...); 0 for a table not purged. */
  public long rowsDeleted(String table) {
    return rowsDeleted.getOrDefault(table, 0L);
  }
}

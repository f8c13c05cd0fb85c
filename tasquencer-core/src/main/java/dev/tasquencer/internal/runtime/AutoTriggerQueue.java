package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.ArrayDeque;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work item starts requested by the {@code onInitialized} of work items created in one task
 * activity (or one enablement pass). They run after the activity returned, first come first served,
 * each as an internal transition. An entry whose work item is no longer initialized (the cascade of
 * an earlier entry tore it down) is skipped.
 */
final class AutoTriggerQueue {
  private static final Logger log = LoggerFactory.getLogger(AutoTriggerQueue.class);

  /** A start to run, or (with a wait) the check for a buffered message of a waiting work item. */
  private record Entry(
      UUID workItemId, @Nullable Object payload, Messages.@Nullable Wait message) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  void addStart(UUID workItemId, @Nullable Object payload) {
    entries.add(new Entry(workItemId, payload, null));
  }

  /** Queues the delivery of a buffered message to a work item that started waiting. */
  void addBufferedDelivery(UUID workItemId, Messages.Wait wait) {
    entries.add(new Entry(workItemId, null, wait));
  }

  void drain(Call call) {
    Entry e;
    while ((e = entries.poll()) != null) {
      WorkItemRow wi = call.session.workItem(e.workItemId()).orElseThrow();
      Messages.Wait wait = e.message();
      if (wait != null) {
        Messages.deliverBuffered(call, wi, wait);
        continue;
      }
      if (wi.state() != WorkItemState.INITIALIZED) {
        log.debug("skipping queued start of work item {}: it is {} now", wi.id, wi.state().id());
        continue;
      }
      Object payload = e.payload();
      call.as(Origin.ENGINE, () -> call.engine.workItems.start(call, wi, payload));
    }
  }
}

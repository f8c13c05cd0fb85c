package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.message.MessageKeyContext;
import dev.tasquencer.internal.store.WorkItemRow;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the rules a work item definition runs when one of its work items is initialized see: its
 * offer and queue rules ({@link Allocations}) and its correlation key ({@link Messages}).
 */
final class InitializeRuleContext implements MessageKeyContext {
  private final Call call;
  private final TaskInstance task;
  private final WorkItemRow wi;
  private final @Nullable Object payload;

  InitializeRuleContext(Call call, TaskInstance task, WorkItemRow wi, @Nullable Object payload) {
    this.call = call;
    this.task = task;
    this.wi = wi;
    this.payload = payload;
  }

  @Override
  public UUID workItemId() {
    return wi.id;
  }

  @Override
  public UUID workflowId() {
    return wi.workflowId;
  }

  @Override
  public String workflow() {
    return task.workflow.def.name();
  }

  @Override
  public String task() {
    return task.def.name();
  }

  @Override
  public Db db() {
    return call.session.db();
  }

  @Override
  public Instant now() {
    return call.now;
  }

  @Override
  public <T> @Nullable T payload(Class<T> type) {
    return call.engine.codec.as(payload, type);
  }
}

package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.NoMessageReceiverException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.api.message.Correlation;
import dev.tasquencer.api.message.Message;
import dev.tasquencer.api.message.MessageWait;
import dev.tasquencer.internal.store.MessageStore;
import dev.tasquencer.internal.store.SqlFailures;
import dev.tasquencer.internal.store.WorkItemRow;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Message correlation (docs/messages.md). A work item whose definition {@linkplain
 * dev.tasquencer.builder.WorkItemBuilder#awaits awaits} a message registers its wait (the message
 * and the key its rule computes) when it is created, and loses it when it ends or a message is
 * delivered to it. {@code correlate} finds the waits of a key, locks their roots (in id order),
 * reads the waits again under the locks (so concurrent correlations of one message deliver it once)
 * and delivers to each: the work item is started if it is initialized, then completed with the
 * message's payload (or its {@code onMessage} runs), on the engine's account. A bufferable message
 * nobody waits for is stored until it expires; the key's stripe lock, taken by the buffering and by
 * a wait's registration alike, makes sure that a wait registered concurrently either is seen by the
 * correlation or sees the buffered message.
 */
final class Messages {
  private Messages() {}

  /** A wait just registered: the key it waits under, for the check of buffered messages. */
  record Wait(Message message, String key) {}

  private static <T> T sql(String what, SqlFailures.SqlWork<T> work) {
    return SqlFailures.run(what, work);
  }

  private static @Nullable MessageWait waitOf(TaskInstance task) {
    return TaskKinds.atomic(task).workItem().awaits();
  }

  // ------------------------------------------------------------------------------ waits

  /**
   * A work item was just created: when its definition awaits a message, computes the key, stores
   * the wait, and (for a bufferable message) takes the key's stripe until the call ends. Returns
   * the wait; null when the work item waits for nothing.
   */
  static @Nullable Wait initialized(
      Call call, TaskInstance task, WorkItemRow wi, @Nullable Object payload) {
    MessageWait wait = waitOf(task);
    if (wait == null) {
      return null;
    }
    Message m = wait.message();
    String key = key(call, task, wi, wait, payload);
    Connection c = call.session.connection();
    sql(
        "registering the wait of work item " + wi.id + " for message '" + m.name() + "' failed",
        () -> {
          if (m.isBufferable()) {
            MessageStore.lockStripe(c, m.name(), key);
          }
          MessageStore.insertWait(c, wi.rootId, wi.id, wi.workflowId, m.name(), key, call.now);
          return true;
        });
    return new Wait(m, key);
  }

  private static String key(
      Call call, TaskInstance task, WorkItemRow wi, MessageWait wait, @Nullable Object payload) {
    String what =
        "the correlation key of message '"
            + wait.message().name()
            + "' of work item '"
            + wi.name
            + "' "
            + wi.id
            + " of task "
            + task.describe();
    String key;
    try {
      key = wait.key().keyOf(new InitializeRuleContext(call, task, wi, payload));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new UserCodeException(what, e);
    }
    if (key == null || key.isEmpty() || key.length() > Message.MAX_KEY) {
      throw new InvalidArgumentException(
          what
              + " is "
              + (key == null ? "null" : key.isEmpty() ? "empty" : key.length() + " characters long")
              + "; the key rule must return 1 to "
              + Message.MAX_KEY
              + " characters (correlate(message, key, payload) finds the work item by it)");
    }
    return key;
  }

  /** A work item ended (completed, failed, canceled, torn down): its wait goes. */
  static void ended(Call call, TaskInstance task, WorkItemRow wi) {
    if (waitOf(task) == null) {
      return;
    }
    sql(
        "removing the wait of work item " + wi.id + " failed",
        () -> MessageStore.removeWait(call.session.connection(), wi.rootId, wi.id));
  }

  /**
   * After a waiting work item's initialize (its {@code onInitialized} and the start it requested):
   * delivers the oldest unexpired buffered message of its key, if any, while it is still live. The
   * call holds the key's stripe since the wait was registered.
   */
  static void deliverBuffered(Call call, WorkItemRow wi, Wait wait) {
    if (!wait.message().isBufferable() || wi.state().isFinal()) {
      return;
    }
    Message m = wait.message();
    Optional<MessageStore.Buffered> taken =
        sql(
            "reading the buffered messages '" + m.name() + "' failed",
            () ->
                MessageStore.takeOldest(call.session.connection(), m.name(), wait.key(), call.now));
    if (taken.isEmpty()) {
      return;
    }
    String json = taken.get().payload();
    Object payload = json == null ? null : call.engine.codec.mapper().readTree(json);
    deliver(call, wi, m.name(), wait.key(), payload, taken.get().id());
  }

  // ------------------------------------------------------------------------------ correlate

  /** {@code correlate(message, key, payload)} in this call (docs/messages.md). */
  static Correlation correlate(Call call, String name, String key, @Nullable Object payload) {
    Message m = call.engine.registry().messages().get(name);
    if (key.isEmpty() || key.length() > Message.MAX_KEY) {
      throw new InvalidArgumentException(
          "correlate: the key of message '"
              + name
              + "' must be 1 to "
              + Message.MAX_KEY
              + " characters, was "
              + key.length());
    }
    call.engine.authorizer.authorizeMessage(call, m, key, payload);
    Connection c = call.session.connection();
    String what = "correlating message '" + name + "' with key '" + key + "' failed";
    List<UUID> delivered =
        deliverToWaiters(
            call, name, key, payload, sql(what, () -> MessageStore.waiters(c, name, key)));
    if (!delivered.isEmpty()) {
      return new Correlation(name, key, delivered, null, null);
    }
    Instant expires = m.bufferFor() == null ? null : call.now.plus(m.bufferFor());
    if (expires == null) {
      throw new NoMessageReceiverException(
          name,
          key,
          "No work item waits for message '"
              + name
              + "' under this key now (it may have received a message already, ended, or not be"
              + " initialized yet); nothing was changed. Declare the message bufferable(ttl) to"
              + " keep it for a work item initialized later");
    }
    // Nobody waited: under the key's stripe, look once more (a wait registered meanwhile has
    // committed, or registers after this call and finds the buffered message).
    List<MessageStore.Waiter> late =
        sql(
            what,
            () -> {
              MessageStore.lockStripe(c, name, key);
              return MessageStore.waiters(c, name, key);
            });
    delivered = deliverToWaiters(call, name, key, payload, late);
    if (!delivered.isEmpty()) {
      return new Correlation(name, key, delivered, null, null);
    }
    String json = call.engine.codec.write(payload, "message '" + name + "'", "correlate");
    UUID id = Ids.next();
    var actor = call.actor();
    sql(
        what,
        () -> {
          MessageStore.buffer(
              c, id, name, key, json, call.now, expires, actor == null ? null : actor.toString());
          return true;
        });
    return new Correlation(name, key, List.of(), id, expires);
  }

  /**
   * Locks the roots of {@code found} in id order, refuses a suspended tree (external calls), reads
   * the waits again under the locks and delivers to each that is still there. Returns the work
   * items delivered to, in the order of their ids.
   */
  private static List<UUID> deliverToWaiters(
      Call call,
      String name,
      String key,
      @Nullable Object payload,
      List<MessageStore.Waiter> found) {
    if (found.isEmpty()) {
      return List.of();
    }
    Set<UUID> roots = new LinkedHashSet<>();
    found.stream().map(MessageStore.Waiter::rootId).sorted().forEach(roots::add);
    Set<UUID> locked = new LinkedHashSet<>();
    for (UUID root : roots) {
      if (!call.session.holdsRootLock(root)) {
        var row = call.session.lockRoot(root);
        if (row.isEmpty()) {
          continue; // purged meanwhile
        }
        call.traceSubject(row.get(), null, null);
      }
      Suspensions.refuseExternal(call, root);
      locked.add(root);
    }
    List<MessageStore.Waiter> still =
        sql(
            "correlating message '" + name + "' failed",
            () -> MessageStore.waiters(call.session.connection(), name, key));
    List<UUID> delivered = new ArrayList<>();
    still.stream()
        .filter(w -> locked.contains(w.rootId()))
        .sorted((a, b) -> a.workItemId().compareTo(b.workItemId()))
        .forEach(
            w -> {
              WorkItemRow wi = call.session.workItem(w.workItemId()).orElse(null);
              if (wi != null && !wi.state().isFinal()) {
                deliver(call, wi, name, key, payload, null);
                delivered.add(wi.id);
              }
            });
    return delivered;
  }

  /**
   * Delivers a message to a waiting work item: the wait goes, history records the delivery, then,
   * on the engine's account, the item starts if it is initialized and is completed with the payload
   * (or its {@code onMessage} runs).
   */
  private static void deliver(
      Call call,
      WorkItemRow wi,
      String name,
      String key,
      @Nullable Object payload,
      @Nullable UUID buffered) {
    TaskInstance task = call.engine.workItems.taskOf(call, wi);
    MessageWait wait =
        Objects.requireNonNull(waitOf(task), "a work item with a wait row awaits a message");
    sql(
        "removing the wait of work item " + wi.id + " failed",
        () -> MessageStore.removeWait(call.session.connection(), wi.rootId, wi.id));
    call.history.message(task, wi, name, key, buffered);
    call.as(
        Origin.ENGINE,
        () -> {
          if (wi.state() == WorkItemState.INITIALIZED) {
            call.engine.workItems.start(call, wi, null);
          }
          if (wi.state() != WorkItemState.STARTED) {
            return; // the start's cascade ended it
          }
          var onMessage = wait.onMessage();
          if (onMessage == null) {
            call.engine.workItems.complete(call, wi, payload);
          } else {
            call.engine.workItems.receive(call, task, wi, onMessage, payload);
          }
        });
  }
}

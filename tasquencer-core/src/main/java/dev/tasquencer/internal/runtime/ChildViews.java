package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.ChildWorkflowView;
import dev.tasquencer.api.context.WorkItemView;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.internal.store.Session.Page;
import dev.tasquencer.internal.store.Session.Position;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The children of a task generation as its activities, policy and router read them: one by id, or
 * all of them (in some states) as a lazy stream read page by page. Views wrap the rows of the
 * call's session, so they follow later transitions of the same call.
 */
final class ChildViews {
  /** How many children one query reads. */
  static final int PAGE_SIZE = 200;

  private ChildViews() {}

  /** The work item of this task generation with this id, if there is one. */
  static Optional<WorkItemView> workItem(Call call, TaskInstance task, int generation, UUID id) {
    if (id == null) {
      return Optional.empty();
    }
    return call.session
        .workItem(id)
        .filter(
            wi ->
                wi.workflowId.equals(task.workflow.id())
                    && wi.taskName.equals(task.def.name())
                    && wi.taskGeneration == generation)
        .map(wi -> new WorkItem(call, wi));
  }

  /** The work items of this task generation in the given states (all when none), lazily. */
  static Stream<WorkItemView> workItems(
      Call call, TaskInstance task, int generation, WorkItemState... states) {
    List<WorkItemState> wanted = states("stream(WorkItemState...)", states);
    return paged(
        after ->
            call.session.workItemPage(
                task.workflow.id(), task.def.name(), generation, wanted, after, PAGE_SIZE),
        wi -> new WorkItem(call, wi));
  }

  /** The child workflow of this composite task generation with this id, if there is one. */
  static Optional<ChildWorkflowView> childWorkflow(
      Call call, TaskInstance task, int generation, UUID id) {
    if (id == null) {
      return Optional.empty();
    }
    return call.session
        .workflow(id)
        .filter(
            w ->
                task.workflow.id().equals(w.parentWorkflowId)
                    && task.def.name().equals(w.parentTaskName)
                    && Objects.equals(w.parentTaskGeneration, generation))
        .map(w -> new ChildWorkflow(call, w));
  }

  /** The child workflows of this composite task generation in the given states, lazily. */
  static Stream<ChildWorkflowView> childWorkflows(
      Call call, TaskInstance task, int generation, WorkflowState... states) {
    List<WorkflowState> wanted = states("stream(WorkflowState...)", states);
    return paged(
        after ->
            call.session.childWorkflowPage(
                task.workflow.id(), task.def.name(), generation, wanted, after, PAGE_SIZE),
        w -> new ChildWorkflow(call, w));
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read and copied
  private static <S> List<S> states(String method, S... states) {
    if (states == null || Arrays.asList(states).contains(null)) {
      throw new ConstraintViolationException(
          method + " was given a null state; pass the states to read, or none for every state");
    }
    return List.of(states);
  }

  /**
   * A stream that reads the next page (after the last row of the previous one) only when it needs
   * more elements.
   */
  private static <R, V> Stream<V> paged(Function<Position, Page<R>> read, Function<R, V> view) {
    Spliterator<V> pages =
        new Spliterators.AbstractSpliterator<V>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          private final Deque<R> buffer = new ArrayDeque<>();
          private @Nullable Position last;
          private boolean exhausted;

          @Override
          public boolean tryAdvance(Consumer<? super V> action) {
            if (buffer.isEmpty() && !exhausted) {
              Page<R> page = read.apply(last);
              buffer.addAll(page.rows());
              last = page.last();
              exhausted = page.rows().size() < PAGE_SIZE;
            }
            R next = buffer.poll();
            if (next == null) {
              return false;
            }
            action.accept(view.apply(next));
            return true;
          }
        };
    return StreamSupport.stream(pages, false);
  }

  /** A work item's initialize payload, converted (the object given in this call when it fits). */
  static <T> @Nullable T payloadOf(Call call, WorkItemRow wi, Class<T> type) {
    T value = call.engine.codec.read(wi.payload, wi.payloadObject(), type);
    if (wi.payloadObject() == null) {
      wi.payloadObject(value);
    }
    return value;
  }

  /** A work item viewed from its task (and, extended, from its own activities). */
  static class WorkItem implements WorkItemView {
    final Call call;
    final WorkItemRow wi;

    WorkItem(Call call, WorkItemRow wi) {
      this.call = call;
      this.wi = wi;
    }

    @Override
    public UUID id() {
      return wi.id;
    }

    @Override
    public String name() {
      return wi.name;
    }

    @Override
    public WorkItemState state() {
      return wi.state();
    }

    @Override
    public <T> @Nullable T payload(Class<T> type) {
      return payloadOf(call, wi, type);
    }

    @Override
    public <T> @Nullable T resultPayload(Class<T> type) {
      T value = call.engine.codec.read(wi.resultPayload(), wi.resultObject(), type);
      if (wi.resultObject() == null) {
        wi.resultObject(value);
      }
      return value;
    }

    @Override
    public String toString() {
      return "work item " + wi.name + " " + wi.id + " (" + wi.state().id() + ")";
    }
  }

  /** A child workflow viewed from its composite task. */
  static final class ChildWorkflow implements ChildWorkflowView {
    private final Call call;
    private final WorkflowRow row;

    ChildWorkflow(Call call, WorkflowRow row) {
      this.call = call;
      this.row = row;
    }

    @Override
    public UUID id() {
      return row.id;
    }

    @Override
    public String name() {
      return row.name;
    }

    @Override
    public WorkflowState state() {
      return row.state();
    }

    @Override
    public <T> @Nullable T payload(Class<T> type) {
      WorkflowInstance loaded = call.loaded(row.id);
      if (loaded != null) {
        return Contexts.workflowPayloadOf(call, loaded, type);
      }
      return call.engine.codec.read(row.payload(), null, type);
    }

    @Override
    public String toString() {
      return "child workflow " + row.name + " " + row.id + " (" + row.state().id() + ")";
    }
  }
}

package dev.tasquencer.api.context;

/** Base context of task activities. */
public interface TaskActivityContext extends CallContext {
  TaskParent parent();

  TaskInfo task();
}

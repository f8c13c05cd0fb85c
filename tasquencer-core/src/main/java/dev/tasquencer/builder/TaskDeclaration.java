package dev.tasquencer.builder;

/** Anything that can be added to a workflow as a task: atomic, dummy or composite. */
public sealed interface TaskDeclaration
    permits TaskBuilder, DummyTaskBuilder, CompositeTaskBuilder {
  JoinType joinType();

  SplitType splitType();
}

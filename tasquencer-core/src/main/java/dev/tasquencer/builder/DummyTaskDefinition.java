package dev.tasquencer.builder;

/** A routing-only task: enabled, started and completed in one step. */
public final class DummyTaskDefinition extends TaskDefinition {
  private final DummyTaskBuilder.DummyTaskActivities activities;

  DummyTaskDefinition(String name, int index, DummyTaskBuilder b) {
    super(name, index, b.joinType, b.splitType, b.description);
    this.activities = b.activities;
  }

  public DummyTaskBuilder.DummyTaskActivities activities() {
    return activities;
  }

  @Override
  public String kind() {
    return "dummy";
  }
}

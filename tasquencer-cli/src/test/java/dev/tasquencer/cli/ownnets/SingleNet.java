package dev.tasquencer.cli.ownnets;

import dev.tasquencer.builder.WorkflowDefinition;

/** A class with exactly one factory of a definition: {@code graph --class} needs no method name. */
public final class SingleNet {
  private SingleNet() {}

  public static WorkflowDefinition definition() {
    return OrderNets.oneTask("single", "only").build();
  }

  /** Not a factory: it needs an argument. */
  public static WorkflowDefinition named(String name) {
    return definition();
  }
}

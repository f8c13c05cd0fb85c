package dev.tasquencer.api;

import java.util.Objects;

/**
 * A router's choice of one outgoing flow of a XOR or OR split: to a task (through the implicit
 * condition {@code <from>__to__<task>}) or to an explicit condition.
 */
public record Route(Kind kind, String target) {

  /** What a route points at. */
  public enum Kind {
    TASK,
    CONDITION
  }

  public Route {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  public static Route toTask(String task) {
    return new Route(Kind.TASK, task);
  }

  public static Route toCondition(String condition) {
    return new Route(Kind.CONDITION, condition);
  }

  @Override
  public String toString() {
    return (kind == Kind.TASK ? "toTask(" : "toCondition(") + target + ")";
  }
}

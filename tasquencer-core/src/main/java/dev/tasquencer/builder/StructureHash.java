package dev.tasquencer.builder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Canonical description of a net's structure and its SHA-256. */
final class StructureHash {
  private StructureHash() {}

  static String describe(WorkflowDefinition w) {
    StringBuilder sb = new StringBuilder();
    sb.append("workflow ").append(w.name()).append('\n');
    sb.append("start ").append(w.startCondition().name()).append('\n');
    sb.append("end ").append(w.endCondition().name()).append('\n');
    if (w.terminatesImplicitly()) {
      sb.append("terminates implicitly\n");
    }
    for (ConditionDefinition c : w.conditions()) {
      sb.append("condition ").append(c.name()).append(c.isImplicit() ? " implicit" : "");
      sb.append('\n');
    }
    for (TaskDefinition t : w.tasks()) {
      sb.append(t.kind()).append(' ').append(t.name());
      sb.append(" join=").append(t.joinType()).append(" split=").append(t.splitType());
      sb.append(" in=").append(t.inputs().stream().map(ConditionDefinition::name).toList());
      sb.append(" out=").append(t.outputs().stream().map(ConditionDefinition::name).toList());
      if (t.defaultOutput() != null) {
        sb.append(" default=").append(t.defaultOutput().name());
      }
      if (t.hasCancellationRegion()) {
        sb.append(" region=").append(t.regionTasks().stream().map(TaskDefinition::name).toList());
        sb.append(t.regionConditions().stream().map(ConditionDefinition::name).toList());
      }
      if (t instanceof AtomicTaskDefinition a) {
        sb.append(" workItem=").append(a.workItem().name());
      }
      sb.append('\n');
      if (t instanceof CompositeTaskDefinition c) {
        for (WorkflowDefinition child : c.children().values()) {
          sb.append("child of ").append(t.name()).append(" {\n");
          sb.append(child == w ? "recursive\n" : describe(child));
          sb.append("}\n");
        }
      }
    }
    return sb.toString();
  }

  static String of(WorkflowDefinition w) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(describe(w).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

package dev.tasquencer.api.error;

import java.util.List;

/**
 * {@code build()} found problems in a workflow definition. All of them are reported at once, each
 * naming the element and how to fix it.
 */
public class InvalidDefinitionException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  /** One problem: the element it concerns, what is wrong and how to fix it. */
  public record Problem(String element, String message, String fix) {
    @Override
    public String toString() {
      return element + ": " + message + " (fix: " + fix + ")";
    }
  }

  private final String workflow;
  private final List<Problem> problems;

  public InvalidDefinitionException(String workflow, List<Problem> problems) {
    super(render(workflow, problems));
    this.workflow = workflow;
    this.problems = List.copyOf(problems);
  }

  private static String render(String workflow, List<Problem> problems) {
    StringBuilder sb =
        new StringBuilder("workflow '")
            .append(workflow)
            .append("' has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
    for (Problem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  public String workflow() {
    return workflow;
  }

  public List<Problem> problems() {
    return problems;
  }
}

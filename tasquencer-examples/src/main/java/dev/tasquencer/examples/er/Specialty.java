package dev.tasquencer.examples.er;

/**
 * A specialist consultation: each specialty is a child workflow type of the dynamic composite task
 * {@code consultations}, chosen at run time from the physician's review.
 */
public enum Specialty {
  CARDIOLOGY(
      "cardiologyConsult", "consultCardiologist", Role.CARDIOLOGIST, Scope.SPECIALIST_CARDIOLOGY),
  NEUROLOGY("neurologyConsult", "consultNeurologist", Role.NEUROLOGIST, Scope.SPECIALIST_NEUROLOGY),
  ORTHOPEDICS(
      "orthopedicConsult", "consultOrthopedist", Role.ORTHOPEDIST, Scope.SPECIALIST_ORTHOPEDICS);

  private final String workflowName;
  private final String taskName;
  private final Role role;
  private final Scope scope;

  Specialty(String workflowName, String taskName, Role role, Scope scope) {
    this.workflowName = workflowName;
    this.taskName = taskName;
    this.role = role;
    this.scope = scope;
  }

  /** The child workflow type of the consultation. */
  public String workflowName() {
    return workflowName;
  }

  /** The task of the child workflow in which the specialist gives the consultation. */
  public String taskName() {
    return taskName;
  }

  /** The role that gives the consultation. */
  public Role role() {
    return role;
  }

  /** The scope the consultation needs besides {@link Scope#SPECIALIST_CONSULT}. */
  public Scope scope() {
    return scope;
  }

  /** The specialty whose consultation runs in the child workflow type {@code workflowName}. */
  public static Specialty ofWorkflow(String workflowName) {
    for (Specialty s : values()) {
      if (s.workflowName.equals(workflowName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no specialty has the workflow " + workflowName);
  }
}

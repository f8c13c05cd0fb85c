package dev.tasquencer.examples.er;

/**
 * A member of staff tried a step their role does not allow. Thrown by the custom actions of the
 * journey's work items and workflows; like any exception from user code, it rolls the whole engine
 * call back, so nothing of the refused step remains.
 */
public final class StaffNotAuthorized extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Role role;
  private final Scope scope;

  public StaffNotAuthorized(Role role, Scope scope, String what) {
    super(
        "role "
            + role
            + " may not "
            + what
            + ": it needs scope "
            + scope.id()
            + ", which the role does not grant");
    this.role = role;
    this.scope = scope;
  }

  public Role role() {
    return role;
  }

  public Scope scope() {
    return scope;
  }
}

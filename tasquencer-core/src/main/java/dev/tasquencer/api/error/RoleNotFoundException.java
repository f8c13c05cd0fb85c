package dev.tasquencer.api.error;

/** No role has this name. */
public class RoleNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public RoleNotFoundException(String name) {
    super(
        "role",
        name,
        "Create it with engine.identity().createRole(...) or declare it in"
            + " TasquencerBuilder.identity(id -> id.role(...)); engine.identity().roles(...) lists"
            + " the existing ones");
  }
}

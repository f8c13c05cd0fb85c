package dev.tasquencer.api.error;

/** No group has this name. */
public class GroupNotFoundException extends EntityNotFoundException {
  private static final long serialVersionUID = 1L;

  public GroupNotFoundException(String name) {
    super(
        "group",
        name,
        "Create it with engine.identity().createGroup(...) or declare it in"
            + " TasquencerBuilder.identity(id -> id.group(...)); engine.identity().groups(...)"
            + " lists the existing ones");
  }
}

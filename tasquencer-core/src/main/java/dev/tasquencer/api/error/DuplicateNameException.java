package dev.tasquencer.api.error;

/**
 * A role or group was created with a name another role or group of the same kind already has. Names
 * are unique per kind: change the existing one (for a role, {@code updateRole}), or choose another
 * name.
 */
public class DuplicateNameException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String name;

  public DuplicateNameException(String kind, String name, String hint) {
    super(kind + " '" + name + "' already exists; " + hint);
    this.kind = kind;
    this.name = name;
  }

  /** What kind of thing has the name ({@code "role"}, {@code "group"}). */
  public String kind() {
    return kind;
  }

  /** The name taken. */
  public String name() {
    return name;
  }

  @Override
  public String code() {
    return "DUPLICATE_NAME";
  }
}

package dev.tasquencer.api.error;

/**
 * The call does not fit the structure of the workflow: it addresses an element of the wrong kind
 * (work items of a composite or dummy task, child workflows of a task that is not a composite, a
 * dynamic composite's child without naming its type), or an instance's stored rows name elements
 * its definition does not have (the definition was changed without a new version).
 */
public class StructuralIntegrityException extends TasquencerException {
  private static final long serialVersionUID = 1L;

  public StructuralIntegrityException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "STRUCTURAL_INTEGRITY_ERROR";
  }
}

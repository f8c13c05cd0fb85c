package dev.tasquencer.api.error;

/**
 * The call does not fit the structure of the workflow: for example a path or element name that
 * does not exist in the definition an instance was created from, or an operation that applies only
 * to root workflows used on a child.
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

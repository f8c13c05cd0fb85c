package dev.tasquencer.api.error;

/** An element (workflow, task, work item, definition) that the call names does not exist. */
public class EntityNotFoundException extends TasquencerException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String key;

  public EntityNotFoundException(String kind, Object key, String hint) {
    super(kind + " not found: " + key + (hint == null || hint.isEmpty() ? "" : ". " + hint));
    this.kind = kind;
    this.key = String.valueOf(key);
  }

  /** What was looked up, for example {@code "work item"}. */
  public String kind() {
    return kind;
  }

  /** The id or name that was looked up. */
  public String key() {
    return key;
  }

  @Override
  public String code() {
    return "ENTITY_NOT_FOUND";
  }
}

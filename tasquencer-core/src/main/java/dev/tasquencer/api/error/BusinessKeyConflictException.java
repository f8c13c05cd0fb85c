package dev.tasquencer.api.error;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A root workflow was initialized with a business key that its definition declares unique ({@code
 * WorkflowBuilder.uniqueBusinessKey()}) while another root of the same workflow name holds it and
 * is initialized or started. Nothing was created. See {@code docs/search.md}.
 */
public class BusinessKeyConflictException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  private final String workflow;
  private final String businessKey;
  private final @Nullable UUID holderId;

  public BusinessKeyConflictException(
      String workflow, String businessKey, @Nullable UUID holderId, String message) {
    super(message);
    this.workflow = workflow;
    this.businessKey = businessKey;
    this.holderId = holderId;
  }

  /** The workflow (definition) name. */
  public String workflow() {
    return workflow;
  }

  /** The business key that is taken. */
  public String businessKey() {
    return businessKey;
  }

  /**
   * The root that holds the key; null when it could not be read (it ended between the refusal and
   * the read).
   */
  public @Nullable UUID holderId() {
    return holderId;
  }

  @Override
  public String code() {
    return "BUSINESS_KEY_CONFLICT";
  }
}

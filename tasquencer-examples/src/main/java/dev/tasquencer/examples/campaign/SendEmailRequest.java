package dev.tasquencer.examples.campaign;

/** Payload of a {@code sendEmail} work item; {@link #NO_WORK} for a campaign without recipients. */
public record SendEmailRequest(long recipientId, boolean noWork) {

  public static final SendEmailRequest NO_WORK = new SendEmailRequest(0, true);

  public SendEmailRequest(long recipientId) {
    this(recipientId, false);
  }
}

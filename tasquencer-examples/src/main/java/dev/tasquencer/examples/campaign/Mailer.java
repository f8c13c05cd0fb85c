package dev.tasquencer.examples.campaign;

/**
 * Sends one campaign mail. Called inside the engine call's transaction, as in the recipe; a real
 * mailer would not send there (a retried call would send twice) but queue the mail in an outbox
 * delivered after commit, as the billing example does with its summary.
 */
@FunctionalInterface
public interface Mailer {
  /** Whether the mail was accepted (false: invalid address, mailbox full...). */
  boolean send(Recipient recipient);
}

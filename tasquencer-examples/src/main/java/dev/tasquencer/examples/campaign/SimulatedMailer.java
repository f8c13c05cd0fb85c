package dev.tasquencer.examples.campaign;

import dev.tasquencer.examples.support.DeterministicShare;

/** A mailer that sends nothing and refuses a deterministic share of the recipients. */
public record SimulatedMailer(DeterministicShare bounces) implements Mailer {

  public SimulatedMailer(double failureRate, long seed) {
    this(new DeterministicShare(failureRate, seed));
  }

  @Override
  public boolean send(Recipient recipient) {
    return !bounces.contains(recipient.id());
  }
}

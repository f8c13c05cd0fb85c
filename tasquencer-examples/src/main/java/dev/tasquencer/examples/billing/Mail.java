package dev.tasquencer.examples.billing;

/** A mail to send. */
public record Mail(String to, String subject, String body) {}

package dev.tasquencer.examples.campaign;

/**
 * One recipient of a campaign; {@code status} is {@code pending}, {@code sent} or {@code failed}.
 */
public record Recipient(long id, long campaignId, String email, String status) {}

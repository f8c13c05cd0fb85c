package dev.tasquencer.examples.campaign;

/** Recipients of a campaign by outcome. */
public record CampaignStats(long sent, long failed, long total) {}

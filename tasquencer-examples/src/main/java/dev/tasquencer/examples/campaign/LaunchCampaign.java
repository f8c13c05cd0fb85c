package dev.tasquencer.examples.campaign;

/** Payload of the campaign workflow's initialize action: the campaign to send. */
public record LaunchCampaign(long campaignId) {}

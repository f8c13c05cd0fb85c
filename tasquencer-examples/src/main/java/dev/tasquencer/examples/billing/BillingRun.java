package dev.tasquencer.examples.billing;

import java.util.UUID;

/** One run of the billing workflow: the row its initialize action creates, keyed by workflow. */
public record BillingRun(long id, UUID workflowId, String period, String status) {}

package dev.tasquencer.examples.campaign;

import java.util.UUID;

/**
 * A campaign; {@code workflowId} is set when it is launched, the report columns when its workflow
 * wrote the report (null before).
 */
public record Campaign(
    long id,
    String name,
    UUID workflowId,
    Integer reportSent,
    Integer reportFailed,
    Integer reportTotal) {}

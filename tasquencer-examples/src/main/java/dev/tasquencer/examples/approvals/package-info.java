/**
 * The approvals demo: an expense approval process worked by simulated staff through the engine's
 * identity, authorization, offers, claims, work queues, deadlines and separation of duties (see
 * {@link dev.tasquencer.examples.approvals.ApprovalsDemo}).
 */
@NullMarked
package dev.tasquencer.examples.approvals;

import org.jspecify.annotations.NullMarked;

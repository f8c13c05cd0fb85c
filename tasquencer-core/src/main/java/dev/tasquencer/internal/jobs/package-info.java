/**
 * Internal: the job worker behind {@link dev.tasquencer.jobs.JobWorker} (claiming due jobs, keeping
 * their leases, running handlers and recording outcomes). Not part of the public API; it may change
 * without notice.
 */
@NullMarked
package dev.tasquencer.internal.jobs;

import org.jspecify.annotations.NullMarked;

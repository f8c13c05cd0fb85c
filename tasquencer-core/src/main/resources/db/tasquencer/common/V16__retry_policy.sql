-- Retry policies (issue 14, item 2; docs/jobs.md "Retry policies"): a job registered with
-- Job.withRetry carries its backoff and its retryable exceptions here (its attempts stay in
-- max_attempts), so that workers read everything they need from the row. Null: the worker's
-- backoff, every exception retried.
alter table tq_job add column retry_policy varchar(4000);

-- The W3C trace context (traceparent) of the command that registered a job, so that the job's
-- run continues that trace. Null when the command ran outside any trace.
alter table tq_job add column trace_context varchar(512);

-- The payload given to the complete, fail or cancel call that ended a work item: its result, read
-- by the task's policy and activities (for example the votes of the approvers of one task) and by
-- queries. Null while the work item is live, after a teardown cancellation, or when the call had no
-- payload.
alter table tq_work_item add column result_payload varchar(1000000);

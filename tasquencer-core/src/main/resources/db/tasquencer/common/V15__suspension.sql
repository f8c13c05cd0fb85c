-- Suspend and resume (issue 14, item 3; docs/suspend.md): a flag on the root workflow's row, not a
-- workflow state, so that the net semantics (states, transitions, history replay) stay as they
-- are. While it is set, external commands on the tree are refused and workers skip the tree's jobs
-- (the claim statements test it on the job's root row, by primary key). Children keep false.
alter table tq_workflow add column suspended boolean default false not null;
-- Who suspended the tree, when and why: for the refusal's message and for operators.
alter table tq_workflow add column suspended_by varchar(250);
alter table tq_workflow add column suspended_at timestamp with time zone;
alter table tq_workflow add column suspend_reason varchar(2000);

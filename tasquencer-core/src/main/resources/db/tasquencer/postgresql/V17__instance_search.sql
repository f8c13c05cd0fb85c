-- Instance search and business keys (issue 14, item 4; docs/search.md).

-- An optional key given when a root workflow is initialized (children keep null), and whether its
-- definition declared it unique (WorkflowBuilder.uniqueBusinessKey()).
alter table tq_workflow add column business_key varchar(200);
alter table tq_workflow add column business_key_unique boolean default false not null;

-- When the last committed engine call that locked this root's tree ended (children keep their
-- creation time): what "stuck" (not final, no committed call for a duration) reads. Every command
-- writes the root's row anyway (its history number, its state), so keeping it costs a column, not
-- a statement. It has no index on purpose: it changes at every call, and an index on it would turn
-- every one of those updates from an in-place (HOT) update into one that writes every index.
alter table tq_workflow add column last_call_at timestamp with time zone;
update tq_workflow set last_call_at = updated_at;
alter table tq_workflow alter column last_call_at set not null;

-- Unique business keys: among the roots of one workflow name whose definitions declared it, and
-- that are not final. Concurrent starts with one key: the second insert waits for the first
-- transaction and fails when it commits.
create unique index tq_workflow_business_key_unique on tq_workflow (definition_name, business_key)
  where business_key_unique and state in ('initialized', 'started');
-- Search by business key (any definition, any state).
create index tq_workflow_business_key on tq_workflow (business_key)
  where business_key is not null;

-- The search's indexes, chosen from the plans of docs/performance.md ("Instance search"). A page
-- lists roots newest first, cut by key on (created_at, id); each index below holds its roots in that
-- order, so a page reads its rows in order and stops after a page, whatever the filter: a filter
-- that matches many roots walks one of them and skips the rows that do not match, a created range
-- is a range of them. All are partial on roots: a child workflow's insert pays for none.
-- Every root, newest first (no filter, workflow name and version, created ranges).
create index tq_workflow_created on tq_workflow (created_at, id)
  where parent_workflow_id is null;
-- Live roots (state initialized or started, and "stuck"): changes only when a root starts or ends;
-- a call's own update of the root row (history number, last call) stays in place (HOT).
create index tq_workflow_live on tq_workflow (created_at, id)
  where parent_workflow_id is null and state in ('initialized', 'started');
-- Roots that need attention: an open incident or a suspension (few; changes with them only).
create index tq_workflow_attention on tq_workflow (created_at, id)
  where parent_workflow_id is null and (open_incidents > 0 or suspended);
-- Updated ranges (updated_at changes with the root's state only).
create index tq_workflow_updated on tq_workflow (updated_at)
  where parent_workflow_id is null;

-- Instance search and business keys (issue 14, item 4): as postgresql/V17__instance_search.sql,
-- whose comments explain the columns. H2 has no partial indexes: the unique business keys are a
-- generated column that holds the key only while it must be unique (null otherwise, and a unique
-- index allows many nulls). It is invisible: "select *" leaves it out, so that code copying rows
-- by their visible columns (test helpers, tools) need not know it.
alter table tq_workflow add column business_key varchar(200);
alter table tq_workflow add column business_key_unique boolean default false not null;
alter table tq_workflow add column last_call_at timestamp with time zone;
update tq_workflow set last_call_at = updated_at;
alter table tq_workflow alter column last_call_at set not null;

alter table tq_workflow add column business_key_active varchar(200) invisible generated always as
  (case when business_key_unique and state in ('initialized', 'started') then business_key end);
create unique index tq_workflow_business_key_unique on tq_workflow
  (definition_name, business_key_active);
create index tq_workflow_business_key on tq_workflow (business_key);

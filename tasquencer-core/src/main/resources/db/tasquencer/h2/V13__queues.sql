-- Work queues (issue 13, item 4): as postgresql/V13__queues.sql, whose comments explain the
-- columns. H2 has no partial indexes, so the indexes lead with the state instead.
alter table tq_allocation add column workflow_name varchar(200);
alter table tq_allocation add column workflow_version varchar(100);
update tq_allocation a set
  workflow_name = (select w.definition_name from tq_workflow w where w.id = a.workflow_id),
  workflow_version = (select w.definition_version from tq_workflow w where w.id = a.workflow_id);
alter table tq_allocation alter column workflow_name set not null;
alter table tq_allocation alter column workflow_version set not null;
alter table tq_allocation add column priority integer default 0 not null;
alter table tq_allocation add column due_at timestamp with time zone;
alter table tq_allocation add column sort_priority integer default 0 not null;
alter table tq_allocation add column sort_due timestamp with time zone
  default timestamp with time zone '9999-12-31 00:00:00+00' not null;
alter table tq_allocation add column attr_1 varchar(200);
alter table tq_allocation add column attr_2 varchar(200);
alter table tq_allocation add column attr_3 varchar(200);

alter table tq_allocation add column targets varchar(220) array;
update tq_allocation a set targets = (select array_agg(t.kind || ':' || t.target)
  from tq_offer_target t where t.root_id = a.root_id and t.work_item_id = a.work_item_id);
drop index tq_offer_target_target;

create index tq_allocation_available on tq_allocation
  (state, sort_priority, sort_due, created_at, work_item_id);
drop index tq_allocation_claimant;
create index tq_allocation_claimed on tq_allocation
  (claimant_kind, claimant_id, state, sort_priority, sort_due, created_at, work_item_id);
create index tq_allocation_attr_1 on tq_allocation (attr_1, state);
create index tq_allocation_attr_2 on tq_allocation (attr_2, state);
create index tq_allocation_attr_3 on tq_allocation (attr_3, state);

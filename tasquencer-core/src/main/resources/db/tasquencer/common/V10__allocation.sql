-- Work allocation (issue 13, item 3; docs/work-allocation.md): the offer and claim of a work item
-- whose definition declares an offer, apart from its engine state. Both tables lead their primary
-- key with the root workflow id, as every instance row carries it, so that they can be partitioned
-- by root id: the engine reads an allocation by (root_id, work_item_id), and a purge deletes by
-- root_id through the same key.
create table tq_allocation (
  root_id           uuid          not null,
  work_item_id      uuid          not null,
  workflow_id       uuid          not null,
  task_name         varchar(200)  not null,
  task_generation   integer       not null,
  state             varchar(16)   not null
    check (state in ('offered', 'claimed', 'done')),
  agents            boolean       not null,
  supervisor_scope  varchar(200),
  release_on_reset  boolean       not null,
  claimant_kind     varchar(16),
  claimant_id       varchar(200),
  claimed_at        timestamp with time zone,
  created_at        timestamp with time zone not null,
  updated_at        timestamp with time zone not null,
  primary key (root_id, work_item_id)
);
-- "Claimed by me" (the queues of item 4).
create index tq_allocation_claimant on tq_allocation (claimant_kind, claimant_id, state);

-- To whom an allocation is offered: one row per user, group or scope (agents are a flag above).
create table tq_offer_target (
  root_id       uuid          not null,
  work_item_id  uuid          not null,
  kind          varchar(8)    not null check (kind in ('user', 'group', 'scope')),
  target        varchar(200)  not null,
  primary key (root_id, work_item_id, kind, target)
);
-- "Available to me" (the queues of item 4): the targets an actor matches, then their allocations.
create index tq_offer_target_target on tq_offer_target (kind, target, work_item_id);

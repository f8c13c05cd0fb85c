-- Tasquencer core schema (H2). Every instance table carries root_id: one engine call
-- touches one root tree, and every hot query filters by it.

create table tq_definition (
  name            varchar(200) not null,
  version         varchar(100) not null,
  structure_hash  varchar(64)  not null,
  registered_at   timestamp with time zone not null,
  primary key (name, version)
);

create table tq_workflow (
  id                      uuid         not null primary key,
  root_id                 uuid         not null,
  parent_workflow_id      uuid,
  parent_task_name        varchar(200),
  parent_task_generation  integer,
  definition_name         varchar(200) not null,
  definition_version      varchar(100) not null,
  name                    varchar(200) not null,
  state                   varchar(16)  not null
    check (state in ('initialized', 'started', 'completed', 'failed', 'canceled')),
  payload                 varchar(1000000),
  created_at              timestamp with time zone not null,
  updated_at              timestamp with time zone not null
);
create index tq_workflow_root on tq_workflow (root_id);
create index tq_workflow_parent on tq_workflow (parent_workflow_id, parent_task_name, parent_task_generation);
create index tq_workflow_definition on tq_workflow (definition_name, definition_version, state);

create table tq_task (
  workflow_id  uuid         not null,
  name         varchar(200) not null,
  root_id      uuid         not null,
  state        varchar(16)  not null
    check (state in ('disabled', 'enabled', 'started', 'completed', 'failed', 'canceled')),
  generation   integer      not null check (generation >= 0),
  primary key (workflow_id, name)
);
create index tq_task_root on tq_task (root_id);

-- One row per enablement of a task: its children's counters by state (O(1) stats).
create table tq_task_generation (
  workflow_id  uuid         not null,
  task_name    varchar(200) not null,
  generation   integer      not null,
  root_id      uuid         not null,
  total        bigint       not null check (total >= 0),
  initialized  bigint       not null check (initialized >= 0),
  started      bigint       not null check (started >= 0),
  completed    bigint       not null check (completed >= 0),
  failed       bigint       not null check (failed >= 0),
  canceled     bigint       not null check (canceled >= 0),
  enabled_at   timestamp with time zone not null,
  primary key (workflow_id, task_name, generation)
);
create index tq_task_generation_root on tq_task_generation (root_id);

create table tq_condition (
  workflow_id  uuid         not null,
  name         varchar(200) not null,
  root_id      uuid         not null,
  marking      integer      not null check (marking >= 0),
  primary key (workflow_id, name)
);
create index tq_condition_root on tq_condition (root_id);

create table tq_work_item (
  id               uuid         not null primary key,
  root_id          uuid         not null,
  workflow_id      uuid         not null,
  task_name        varchar(200) not null,
  task_generation  integer      not null,
  name             varchar(200) not null,
  state            varchar(16)  not null
    check (state in ('initialized', 'started', 'completed', 'failed', 'canceled')),
  payload          varchar(1000000),
  created_at       timestamp with time zone not null,
  updated_at       timestamp with time zone not null
);
create index tq_work_item_task on tq_work_item (workflow_id, task_name, task_generation, state);
create index tq_work_item_root on tq_work_item (root_id);

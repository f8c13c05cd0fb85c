-- Separation of duties (issue 13, item 6; docs/work-allocation.md): who completed a work item of a
-- task that another task of its workflow is separated from, once per case (root), workflow, task
-- and actor. Written by the completing call, read under the root's lock by a claim, delegation or
-- completion of a separated task. Keyed by root id first, like every instance table.
create table tq_performer (
  root_id        uuid          not null,
  workflow_name  varchar(200)  not null,
  task_name      varchar(200)  not null,
  actor_kind     varchar(16)   not null,
  actor_id       varchar(200)  not null,
  performed_at   timestamp with time zone not null,
  primary key (root_id, workflow_name, actor_kind, actor_id, task_name)
);

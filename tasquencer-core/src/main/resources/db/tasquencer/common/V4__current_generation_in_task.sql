-- The counters of a task's current generation move into its tq_task row: an engine call that
-- changes a task and its counters (enabling it, or completing one of its work items) then writes
-- one row instead of two. tq_task_generation keeps the generations a task has left behind; the
-- view tq_task_generation_all shows every generation, current and past, in one place.
alter table tq_task add column total bigint not null default 0;
alter table tq_task add column initialized bigint not null default 0;
alter table tq_task add column started bigint not null default 0;
alter table tq_task add column completed bigint not null default 0;
alter table tq_task add column failed bigint not null default 0;
alter table tq_task add column canceled bigint not null default 0;
alter table tq_task add column enabled_at timestamp with time zone;
alter table tq_task add constraint tq_task_counters_check check (
  total >= 0 and initialized >= 0 and started >= 0 and completed >= 0 and failed >= 0
  and canceled >= 0);

update tq_task t set (total, initialized, started, completed, failed, canceled, enabled_at) = (
    select g.total, g.initialized, g.started, g.completed, g.failed, g.canceled, g.enabled_at
    from tq_task_generation g
    where g.workflow_id = t.workflow_id and g.task_name = t.name and g.generation = t.generation)
  where exists (
    select 1 from tq_task_generation g
    where g.workflow_id = t.workflow_id and g.task_name = t.name and g.generation = t.generation);

delete from tq_task_generation g where exists (
  select 1 from tq_task t
  where t.workflow_id = g.workflow_id and t.name = g.task_name and t.generation = g.generation);

create view tq_task_generation_all as
  select workflow_id, task_name, generation, root_id, total, initialized, started, completed,
         failed, canceled, enabled_at
  from tq_task_generation
  union all
  select workflow_id, name, generation, root_id, total, initialized, started, completed,
         failed, canceled, enabled_at
  from tq_task
  where enabled_at is not null;
